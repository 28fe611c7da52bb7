"""People rated against the role: the CEO reaches them through the owner link, a
recruiter through their engagement; raters through their own link."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Assessment
from assessments.reports import pdf_response
from recruiters.access import engagement_access
from rolefit import ratelimit, security_log
from rolefit.capabilities import private_form_page
from rolefit.i18n import current_language
from rolefit.pdf import html_to_pdf
from rolefit.scopes import URLMaker
from rolefit.types import Trail

from . import charts
from .fit import LeaderProfile, parse_ratings
from .forms import PersonForm, RatingForm
from .models import Person, RaterLink

COMPARE_AT_MOST = 5


@dataclass(frozen=True)
class Scope:
    """Whose people these are, as one visitor sees them, and how to link to them."""

    people: QuerySet[Person]
    owner: dict[str, Any]
    url: URLMaker
    heading: str
    # Where these people belong, as breadcrumbs up to the result or the engagement.
    trail: Trail
    read_only: bool = False  # a firm's viewer: the pages show, nothing changes

    def path_to(self, *here: tuple[str, str | None]) -> Trail:
        return [*self.trail, *here]


def by_owner_link(token: str, url: URLMaker) -> Scope | None:
    assessment = Assessment.objects.owned_result(token)
    if assessment is None:
        return None
    heading = assessment.business_unit or _("Your business unit")
    trail = [(_("Your result"), reverse("sharing-manage", args=[token]))]
    return Scope(assessment.people.all(), {"assessment": assessment}, url, heading, trail)


def for_recruiter(user: User, public_id: UUID, url: URLMaker) -> Scope | None:
    access = engagement_access(user, public_id)
    if access is None:
        return None
    engagement = access.engagement
    owner = {"engagement": engagement}
    people = engagement.people.all()
    return Scope(people, owner, url, str(engagement), access.trail, access.read_only)


@dataclass
class Ranked:
    person: Person
    profile: LeaderProfile | None
    url: str = ""
    rank: int | None = None
    tied: bool = False
    why: str = ""


def _ranked(people: list[Person], language: str) -> list[Ranked]:
    """Everyone with a fit, best first; equal fits share a rank. The rest follow."""
    rows = [Ranked(person, person.profile(language)) for person in people]
    fits = [row.profile.fit for row in rows if row.profile and row.profile.fit is not None]
    for row in rows:
        if row.profile is not None and row.profile.fit is not None:
            row.rank = 1 + sum(fit > row.profile.fit for fit in fits)
            row.tied = fits.count(row.profile.fit) > 1
            row.why = _why(row.profile)
    return sorted(rows, key=lambda row: row.rank if row.rank is not None else len(rows) + 1)


def _why(found: LeaderProfile) -> str:
    return _(
        "%(archetype)s: strategy %(strategy).1f against execution %(execution).1f, "
        "so a fit of %(fit).0f for a %(role)s seat."
    ) % {
        "archetype": found.archetype_label,
        "strategy": found.strategy,
        "execution": found.execution,
        "fit": found.fit,
        "role": found.role,
    }


@require_http_methods(["GET", "POST"])
@ratelimit.creating
def people(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.add(**form.cleaned_data, **scope.owner)
        return redirect(scope.url("person", person.public_id))
    language = current_language()
    people = list(scope.people.prefetch_related("rater_links"))
    rows = _ranked(people, language)
    for row in rows:
        row.url = scope.url("person", row.person.public_id)
    compared = [row for row in rows if row.profile is not None][:COMPARE_AT_MOST]
    figure = (
        charts.traits_comparison_figure([(row.person.name, row.profile) for row in compared])
        if compared
        else None
    )
    return render(
        request,
        "leaders/people.html",
        {
            "scope": scope,
            "rows": rows,
            "form": form,
            "figure": figure,
            "compared": compared,
            "report_url": scope.url("report"),
            "trail": scope.path_to((_("Candidates and fit"), None)),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET"])
def comparison_report(request: HttpRequest, scope: Scope) -> HttpResponse:
    """The ranking and the traits side by side, as a PDF to forward. Not cached: it
    changes with every rating that arrives."""
    language = current_language()
    rows = _ranked(list(scope.people.prefetch_related("rater_links")), language)
    compared = [row for row in rows if row.profile is not None][:COMPARE_AT_MOST]
    engagement = scope.owner.get("engagement")
    title = _("RoleFit leader comparison: %(heading)s") % {"heading": scope.heading}
    html = render_to_string(
        "reports/comparison.html",
        {
            "language": language,
            "title": title,
            "heading": scope.heading,
            "rows": rows,
            "compared": compared,
            "traits": _side_by_side(compared),
            "branding": engagement.branding() if engagement else None,
            "today": timezone.now(),
        },
    )
    return pdf_response(html_to_pdf(html, title=title), language)


def _side_by_side(compared: list[Ranked]) -> list[dict[str, Any]]:
    """One row per trait, with each compared person's rating in order."""
    if not compared or compared[0].profile is None:
        return []
    return [
        {
            "statement": trait.statement,
            "leans": trait.leans,
            "ratings": [
                row.profile.traits[index].rating if row.profile else None for row in compared
            ],
        }
        for index, trait in enumerate(compared[0].profile.traits)
    ]


@require_http_methods(["GET"])
def person_page(request: HttpRequest, scope: Scope, person_id: UUID) -> HttpResponse:
    person = get_object_or_404(scope.people.prefetch_related("rater_links"), public_id=person_id)
    language = current_language()
    found = person.profile(language)
    links = [
        {
            "link": link,
            "url": request.build_absolute_uri(reverse("leaders-rate", args=[link.token()])),
        }
        for link in person.rater_links.all()
    ]
    return render(
        request,
        "leaders/person.html",
        {
            "scope": scope,
            "person": person,
            "profile": found,
            "links": links,
            "figure": charts.traits_figure(found) if found else None,
            "trail": scope.path_to(
                (_("Candidates and fit"), scope.url("people")), (person.name, None)
            ),
            "add_reference_url": scope.url("reference", person.public_id),
            "delete_url": scope.url("delete", person.public_id),
        },
    )


@require_POST
@ratelimit.creating
def add_reference(request: HttpRequest, scope: Scope, person_id: UUID) -> HttpResponse:
    person = get_object_or_404(scope.people, public_id=person_id)
    RaterLink.objects.create(person=person, kind=RaterLink.Kind.REFERENCE)
    messages.success(request, _("A reference link was added. Copy it below and send it."))
    return redirect(scope.url("person", person.public_id))


@require_POST
def delete_person(request: HttpRequest, scope: Scope, person_id: UUID) -> HttpResponse:
    person = get_object_or_404(scope.people, public_id=person_id)
    security_log.record("person_deleted", request, person=str(person.public_id))
    person.delete()  # ratings go with them
    messages.info(
        request, _("%(name)s and every rating of them were deleted.") % {"name": person.name}
    )
    return redirect(scope.url("people"))


# The rater's own page.
@require_http_methods(["GET", "POST"])
@private_form_page
def rate(request: HttpRequest, token: str) -> HttpResponse:
    link = RaterLink.objects.select_related(
        "person__assessment__questionnaire", "person__engagement"
    ).by_token(token)
    if link is None:
        raise Http404
    bank = link.person.leader_bank()
    form = RatingForm(
        request.POST if request.method == "POST" else None,
        bank=bank,
        language=current_language(),
        initial=link.ratings or {},
    )
    if request.method == "POST" and form.is_valid():
        link.save_ratings(parse_ratings(bank, form.cleaned_data))
        messages.success(request, _("Thank you. Your ratings are saved; you can change them here."))
        return redirect("leaders-rate", token)
    return render(
        request,
        "leaders/rate.html",
        {"link": link, "person": link.person, "form": form},
        status=400 if form.is_bound else 200,
    )
