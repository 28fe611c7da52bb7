import io
from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from assessments.models import Assessment
from rolefit import spreadsheets
from rolefit.capabilities import private_form_page, private_page
from rolefit.formsets import EditsStoredRowsOnly
from rolefit.i18n import current_language

from .models import HiringPlan, PlanTask, search_plan_template


class _PlanTasks(EditsStoredRowsOnly, forms.BaseModelFormSet[PlanTask, Any]):
    """Edits the plan's own tasks and nothing else."""


TaskFormSet: type[forms.BaseModelFormSet[PlanTask, Any]] = forms.modelformset_factory(
    PlanTask,
    formset=_PlanTasks,
    fields=["status", "assignee", "due_on", "notes"],
    extra=0,
    edit_only=True,
    # Far above any plan (the template has 38 tasks); beyond it Django refuses the form.
    max_num=200,
    absolute_max=200,
    widgets={
        "status": forms.Select(attrs={"class": "form-select form-select-sm"}),
        "assignee": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        # A date input always speaks ISO, whatever the language of the page.
        "due_on": forms.DateInput(
            attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"
        ),
        "notes": forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
    },
)


def start_plan(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """Create the plan for the recommended role and go to its private page."""
    if not assessment.is_submitted:
        raise Http404
    plan = HiringPlan.start(assessment)
    messages.success(
        request, _("Your hiring plan is ready. Keep this page’s link to come back to it.")
    )
    return redirect("plans-plan", plan.token())


def _plan(token: str) -> HiringPlan:
    plan = HiringPlan.objects.select_related("assessment").by_token(token)
    if plan is None:
        raise Http404
    return plan


@require_http_methods(["GET", "POST"])
@private_form_page
def plan(request: HttpRequest, token: str) -> HttpResponse:
    found = _plan(token)
    formset = TaskFormSet(
        request.POST if request.method == "POST" else None, queryset=found.tasks.all()
    )
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("Saved."))
        return redirect("plans-plan", token)
    stale = formset.is_bound and any(
        error.code == "stale" for error in formset.non_form_errors().as_data()
    )
    if stale:
        # Nothing of a tampered or outdated form is kept: show the plan as stored.
        formset = TaskFormSet(queryset=found.tasks.all())
    # Where the plan belongs, named but not linked: whoever holds a plan link (an assignee,
    # say) must never be led to the owner page, which grants far more.
    unit = found.assessment.business_unit or _("Your business unit")
    trail = [(unit, None), (_("Hiring plan"), None)]
    context = {"plan": found, "token": token, "formset": formset, "stale": stale, "trail": trail}
    context.update(_progress_by_phase(formset, list(found.tasks.all())))
    return render(
        request, "plans/plan.html", context, status=400 if formset.is_bound or stale else 200
    )


def _progress_by_phase(formset: Any, tasks: list[PlanTask]) -> dict[str, Any]:
    """Each phase of the template with its rows of the form and how far it is, and the
    plan's progress overall."""
    language = current_language()
    today = timezone.now().date()
    rows = [
        {
            "form": form,
            "task": form.instance,
            "title": form.instance.title(language),
            "overdue": form.instance.is_overdue(today),
        }
        for form in formset.forms
        if form.instance.pk is not None  # only the plan's own tasks are ever shown
    ]
    # Progress counts the tasks as stored, not edits a refused form still holds.
    stored = {task.pk: task for task in tasks}
    phases = []
    for phase in search_plan_template().phases:
        mine = [row for row in rows if row["task"].phase == phase.key]
        if mine:
            kept = [stored[row["task"].pk] for row in mine]
            overdue = sum(task.is_overdue(today) for task in kept)
            phases.append(
                {
                    "title": phase.title.get(language),
                    "rows": mine,
                    "overdue": overdue,
                    **_done(kept),
                }
            )
    return {"phases": phases, **_done(tasks)}


def _done(tasks: Iterable[PlanTask]) -> dict[str, int]:
    listed = list(tasks)
    done = sum(task.status == PlanTask.Status.DONE for task in listed)
    total = len(listed)
    return {"done": done, "total": total, "percent": round(100 * done / total) if total else 0}


@require_GET
@private_page
def export_csv(request: HttpRequest, token: str) -> HttpResponse:
    found = _plan(token)
    language = current_language()
    phases = {phase.key: phase.title.get(language) for phase in search_plan_template().phases}
    buffer = io.StringIO()
    writer = spreadsheets.writer(buffer)
    writer.writerow(["phase", "task", "status", "assignee", "due", "notes"])
    for task in found.tasks.all():
        writer.writerow(
            [
                phases.get(task.phase, task.phase),
                task.title(language),
                task.get_status_display(),
                task.assignee,
                task.due_on.isoformat(),
                task.notes,
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hiring-plan-{found.role}.csv"'
    return response


@require_GET
@private_page
def export_ical(request: HttpRequest, token: str) -> HttpResponse:
    found = _plan(token)
    language = current_language()
    calendar = Calendar()
    calendar.add("prodid", "-//RoleFit//hiring plan//EN")
    calendar.add("version", "2.0")
    for task in found.tasks.exclude(status=PlanTask.Status.DONE):
        event = Event()
        event.add("uid", f"{found.public_id}-{task.key}@rolefit")
        event.add("summary", task.title(language))
        event.add("dtstart", task.due_on)
        event.add("dtstamp", timezone.now())
        if task.assignee:
            event.add("description", task.assignee)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hiring-plan-{found.role}.ics"'
    return response
