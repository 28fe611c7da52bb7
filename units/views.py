"""Business units over time: the organisation's watch list and each unit's history.
A CEO reaches them through the organisation's owner link, a recruiter through their
account; the views are the same."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Assessment, QuestionnaireVersion
from assessments.rendering import result_context
from firms.models import Membership
from plans import views as plans_views
from rolefit import ratelimit
from rolefit.i18n import current_language
from rolefit.scopes import URLMaker
from rolefit.types import AuthenticatedHttpRequest, Trail

from . import charts
from .forms import CadenceForm, OrganisationForm, UnitForm
from .models import BusinessUnit, Organisation
from .watch import next_due, watch


def _borderline() -> float:
    """The live bank's narrowest strength band: within it a call is borderline."""
    bands = QuestionnaireVersion.live().parsed().strength_bands
    return bands[0].max_margin or 0.0


@dataclass(frozen=True)
class Scope:
    """An organisation as one visitor sees it, and how to link to its other pages."""

    organisation: Organisation
    url: URLMaker
    # Breadcrumbs above the organisation: a recruiter's list of them, or nothing.
    above: Trail = ()
    read_only: bool = False  # a firm's viewer: the pages show, nothing changes

    def path_to(self, *here: tuple[str, str | None]) -> Trail:
        """Breadcrumbs from the top down to `here`; the organisation links to its page."""
        organisation = (self.organisation.name, self.url("organisation") if here else None)
        return [*self.above, organisation, *here]


def by_owner_link(token: str, url: URLMaker) -> Scope | None:
    organisation = Organisation.objects.by_token(token)
    return Scope(organisation, url) if organisation else None


def for_recruiter(user: User, public_id: UUID, url: URLMaker) -> Scope | None:
    membership = Membership.objects.of(user)
    if membership is None:
        return None
    organisation = Organisation.objects.filter(firm=membership.firm, public_id=public_id).first()
    if organisation is None:
        return None
    above = ((_("Organisations"), reverse("units-recruiter-list")),)
    return Scope(organisation, url, above, read_only=not membership.can_run_engagements)


def _unit(scope: Scope, unit_id: UUID) -> BusinessUnit:
    return get_object_or_404(scope.organisation.units.all(), public_id=unit_id)


@require_http_methods(["GET", "POST"])
@ratelimit.creating
def organisation(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = UnitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        unit.organisation = scope.organisation
        unit.save()
        return redirect(scope.url("unit", unit.public_id))
    today = timezone.now().date()
    borderline = _borderline()
    rows = []
    for unit in scope.organisation.units.all():
        points = unit.points()
        rows.append(
            {
                "unit": unit,
                "url": scope.url("unit", unit.public_id),
                "last": points[-1] if points else None,
                "due": next_due(points, unit.cadence_days, unit.created_on()),
                "watch": watch(
                    points,
                    cadence_days=unit.cadence_days,
                    created=unit.created_on(),
                    today=today,
                    borderline=borderline,
                ),
            }
        )
    context = {
        "scope": scope,
        "trail": scope.path_to(),
        "rows": rows,
        "watched": [row for row in rows if row["watch"]],
        "form": form,
        "owner_link": request.build_absolute_uri(scope.url("organisation")),
    }
    return render(request, "units/organisation.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
def unit_page(request: HttpRequest, scope: Scope, unit_id: UUID) -> HttpResponse:
    unit = _unit(scope, unit_id)
    form = CadenceForm(request.POST if request.method == "POST" else None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(scope.url("unit", unit.public_id))
    assessments = list(
        unit.assessments.filter(status=Assessment.Status.SUBMITTED)
        .select_related("questionnaire")
        .defer("questionnaire__bank")
        .prefetch_related("outcomes")
        .order_by("submitted_at")
    )
    points = unit.points()
    compared = _compared(request, assessments)
    return render(
        request,
        "units/unit.html",
        {
            "scope": scope,
            "trail": scope.path_to((unit.name, None)),
            "unit": unit,
            "form": form,
            "assessments": [
                {
                    "assessment": a,
                    "url": scope.url("result", unit.public_id, a.public_id),
                    # The latest check-in: how the hire this result led to worked out.
                    "outcome": [None, *a.outcomes.all()][-1],
                }
                for a in assessments
            ],
            "due": next_due(points, unit.cadence_days, unit.created_on()),
            "figure": charts.unit_history_figure(points) if points else None,
            "changes": _changes(*compared) if compared else None,
            "compared": compared,
            "assess_url": scope.url("assess", unit.public_id),
        },
        status=400 if form.is_bound else 200,
    )


def _compared(
    request: HttpRequest, assessments: list[Assessment]
) -> tuple[Assessment, Assessment] | None:
    """The two assessments to compare: chosen with ?a=&b=, else the last two."""
    by_id = {str(a.public_id): a for a in assessments}
    chosen = [by_id.get(request.GET.get(key, "")) for key in ("a", "b")]
    if chosen[0] is not None and chosen[1] is not None:
        return chosen[0], chosen[1]
    return (assessments[-2], assessments[-1]) if len(assessments) >= 2 else None


def _changes(old: Assessment, new: Assessment) -> dict[str, Any]:
    """Each signal that moved between two assessments, with its points then and now."""
    language = current_language()
    old_drivers = {d["question"]: d for d in old.result_for(language)["drivers"]}
    rows = []
    for driver in new.result_for(language)["drivers"]:
        before = old_drivers.get(driver["question"])
        if before is None or before["answer"] != driver["answer"]:
            rows.append(
                {
                    "label": driver["label"],
                    "old": before["answer_label"] if before else "—",
                    "new": driver["answer_label"],
                    "old_points": before["points"] if before else None,
                    "new_points": driver["points"],
                }
            )
    return {
        "rows": rows,
        "version_changed": old.questionnaire.version != new.questionnaire.version,
        "old_version": old.questionnaire.version,
        "new_version": new.questionnaire.version,
    }


@require_POST
@ratelimit.starting
def assess(request: HttpRequest, scope: Scope, unit_id: UUID) -> HttpResponse:
    """Re-assess: a new draft of the unit, pre-filled with its last answers."""
    unit = _unit(scope, unit_id)
    last = (
        unit.assessments.filter(status=Assessment.Status.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    _draft, resume_token = Assessment.start_from_live(
        earlier_answers=last.answers if last else None,
        business_unit=unit.name,
        language=current_language(),
        unit=unit,
    )
    return redirect("assessments-step", resume_token, 1)


@require_http_methods(["GET"])
def result(request: HttpRequest, scope: Scope, unit_id: UUID, assessment_id: UUID) -> HttpResponse:
    unit = _unit(scope, unit_id)
    assessment = get_object_or_404(
        unit.assessments.filter(status=Assessment.Status.SUBMITTED), public_id=assessment_id
    )
    context = result_context(assessment, language=current_language(), show_free_text=True)
    context["outcomes"] = assessment.outcomes.all()
    submitted_on = date_format(
        assessment.submitted_at or assessment.created_at, "SHORT_DATE_FORMAT"
    )
    context["trail"] = scope.path_to(
        (unit.name, scope.url("unit", unit.public_id)),
        (_("Result of %(date)s") % {"date": submitted_on}, None),
    )
    if not scope.read_only:
        context["plan_url"] = scope.url("plan", unit.public_id, assessment.public_id)
    return render(request, "units/result.html", context)


@require_POST
@ratelimit.creating
def start_plan(
    request: HttpRequest, scope: Scope, unit_id: UUID, assessment_id: UUID
) -> HttpResponse:
    unit = _unit(scope, unit_id)
    assessment = get_object_or_404(unit.assessments.all(), public_id=assessment_id)
    return plans_views.start_plan(request, assessment)


# A CEO makes an organisation and gets its owner link.
@require_POST
@ratelimit.starting
def owner_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST)
    if not form.is_valid():
        return render(request, "units/new.html", {"form": form}, status=400)
    organisation = form.save()
    messages.success(
        request, _("Your organisation is ready. Keep this page’s link: it is the only way back.")
    )
    return redirect("units-owner-organisation", organisation.token())


# A firm's list of organisations; each one's pages are the scoped pages above.
@require_http_methods(["GET", "POST"])
@ratelimit.creating
@login_required
def recruiter_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = Membership.objects.of(request.user)
    may_change = membership is not None and membership.can_run_engagements
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if membership is not None and request.method == "POST" and form.is_valid():
        organisation = form.save(commit=False)
        organisation.firm = membership.firm
        organisation.save()
        return redirect("units-recruiter-organisation", organisation.public_id)
    organisations: QuerySet[Organisation] = Organisation.objects.filter(
        firm__memberships__user_id=request.user.pk
    )
    return render(
        request,
        "units/organisations.html",
        {"organisations": organisations, "form": form if may_change else None},
        status=400 if form.is_bound else 200,
    )
