"""Builders for hiring plans: the task form as the plan page posts it."""

from typing import Any


def plan_form(plan: Any, change: Any = lambda n, task: {}) -> dict[str, str]:
    """Every task of the plan as stored, with `change(n, task)` applied to row n."""
    tasks = list(plan.tasks.all())
    data = {"form-TOTAL_FORMS": str(len(tasks)), "form-INITIAL_FORMS": str(len(tasks))}
    for n, task in enumerate(tasks):
        data.update(
            {
                f"form-{n}-id": str(task.pk),
                f"form-{n}-status": task.status,
                f"form-{n}-assignee": task.assignee,
                f"form-{n}-due_on": task.due_on.isoformat(),
                f"form-{n}-notes": task.notes,
            }
        )
        data.update({f"form-{n}-{k}": v for k, v in change(n, task).items()})
    return data
