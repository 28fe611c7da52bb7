"""The search-plan template: phases and tasks, validated like the question bank, and the
tasks a CRO or a CSO search needs. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assessments.bank.text import Text

Role = Literal["CRO", "CSO"]
MIN_TASKS = 30


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phase(_Frozen):
    key: str
    title: Text


class TaskTemplate(_Frozen):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    phase: str
    # "all" tasks belong to every search; "cro" and "cso" only to that role's.
    for_: Literal["all", "cro", "cso"] = Field(alias="for")
    due_after_days: int = Field(ge=0, le=730)
    title: Text


class FromResult(_Frozen):
    phase: str
    due_after_days: int = Field(ge=0, le=730)
    title: Text


class SearchPlanTemplate(_Frozen):
    phases: list[Phase] = Field(min_length=1)
    tasks: list[TaskTemplate]
    from_result: dict[Literal["hire", "line"], FromResult]

    @model_validator(mode="after")
    def _sound(self) -> SearchPlanTemplate:
        phases = {phase.key for phase in self.phases}
        problems = [
            f"task '{task.key}': unknown phase '{task.phase}'"
            for task in self.tasks
            if task.phase not in phases
        ]
        keys = [task.key for task in self.tasks]
        problems += [
            f"task '{key}': used more than once" for key in set(keys) if keys.count(key) > 1
        ]
        for role in ("cro", "cso"):
            count = sum(task.for_ in ("all", role) for task in self.tasks)
            if count < MIN_TASKS:
                problems.append(f"a {role.upper()} search has {count} tasks; it needs {MIN_TASKS}")
        if problems:
            raise ValueError("\n".join(problems))
        return self


@dataclass(frozen=True)
class PlannedTask:
    key: str
    phase: str
    title_en: str
    title_es: str
    due_after_days: int


def tasks_for(
    template: SearchPlanTemplate, role: Role, result: dict[str, dict[str, Any]] | None = None
) -> list[PlannedTask]:
    """The template's tasks for this role and, for a CRO, the complementary hires and the
    reporting-line changes the result names (`result` holds the snapshot per language)."""
    tag = role.lower()
    tasks = [
        PlannedTask(t.key, t.phase, t.title.en, t.title.es, t.due_after_days)
        for t in template.tasks
        if t.for_ in ("all", tag)
    ]
    if role == "CRO" and result:
        hire, line = template.from_result["hire"], template.from_result["line"]
        en, es = result["en"], result.get("es", result["en"])
        for n, (one, other) in enumerate(
            zip(en["complementary_hires"], es["complementary_hires"], strict=False)
        ):
            tasks.append(
                PlannedTask(
                    f"hire_{n + 1}",
                    hire.phase,
                    hire.title.en.format(**one),
                    hire.title.es.format(**other),
                    hire.due_after_days,
                )
            )
        for n, (one, other) in enumerate(
            zip(en["reporting_lines"], es["reporting_lines"], strict=False)
        ):
            tasks.append(
                PlannedTask(
                    f"line_{n + 1}",
                    line.phase,
                    line.title.en.format(**one),
                    line.title.es.format(**other),
                    line.due_after_days,
                )
            )
    order = {phase.key: i for i, phase in enumerate(template.phases)}
    return sorted(tasks, key=lambda task: (order[task.phase], task.due_after_days))
