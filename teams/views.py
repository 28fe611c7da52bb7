"""The leadership team: the owner (or the engagement's recruiter) invites colleagues and
reads the combined view; each colleague answers through their own link and sees only
their own answers unless the owner shows them the combined view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import result_cache
from assessments.bank.answers import answer_problems
from assessments.bank.schema import QuestionBank
from assessments.forms import SectionForm, rendered_step_form
from assessments.models import Assessment, QuestionnaireVersion
from assessments.rendering import answers_by_section, review_context
from recruiters.access import engagement_access
from rolefit import ratelimit
from rolefit.capabilities import private_form_page
from rolefit.i18n import current_language
from rolefit.scopes import URLMaker
from rolefit.types import Trail

from .combined import combined_context
from .forms import InviteForm, ShowTeamForm, SubmitAnswersForm
from .models import MAX_INVITED, Respondent, Team, TeamFull


@dataclass(frozen=True)
class Scope:
    """Whose team this is, as one visitor sees it, and how to link to its pages."""

    assessment: Assessment
    url: URLMaker
    trail: Trail
    read_only: bool = False  # a firm's viewer: the page shows, nothing changes


def by_owner_link(token: str, url: URLMaker) -> Scope | None:
    assessment = Assessment.objects.owned_result(token)
    if assessment is None:
        return None
    return Scope(assessment, url, [(_("Your result"), reverse("sharing-manage", args=[token]))])


def for_recruiter(user: User, public_id: UUID, url: URLMaker) -> Scope | None:
    """The team of the engagement's latest result."""
    access = engagement_access(user, public_id)
    if access is None:
        return None
    results = access.engagement.assessments.submitted()
    assessment = results.order_by("-submitted_at", "-pk").first()
    if assessment is None:
        return None
    return Scope(assessment, url, access.trail, read_only=access.read_only)


@require_GET
def team_page(request: HttpRequest, scope: Scope) -> HttpResponse:
    return _team_page(request, scope)


@require_POST
@ratelimit.creating
def invite(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _team_page(request, scope, invite_form=form, status=400)
    try:
        Team.of(scope.assessment).invite(role_label=form.cleaned_data["role_label"])
    except TeamFull:
        form.add_error(
            None, _("A team has at most %(n)s colleagues besides you.") % {"n": MAX_INVITED}
        )
        return _team_page(request, scope, invite_form=form, status=400)
    messages.success(request, _("Invited. Send them their link below."))
    return redirect(scope.url("team"))


@require_POST
def remove(request: HttpRequest, scope: Scope, respondent_id: UUID) -> HttpResponse:
    respondent = get_object_or_404(
        Respondent, team__assessment=scope.assessment, public_id=respondent_id
    )
    respondent.delete()  # their answers go with them, and their link stops working
    # A report made while they were in the team shows their call: it goes too.
    result_cache.forget_reports(scope.assessment.public_id)
    messages.success(request, _("Removed, with their answers."))
    return redirect(scope.url("team"))


@require_POST
def show(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = ShowTeamForm(request.POST)
    if not form.is_valid():  # a checkbox cannot be invalid, but a crafted post can be
        raise Http404
    team = Team.of(scope.assessment)
    team.shown_to_respondents = form.cleaned_data["shown_to_respondents"]
    team.save(update_fields=["shown_to_respondents"])
    messages.success(request, _("Saved."))
    return redirect(scope.url("team"))


def _team_page(
    request: HttpRequest, scope: Scope, *, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    team = Team.objects.filter(assessment=scope.assessment).first()
    respondents = list(team.respondents.all()) if team else []
    context: dict[str, Any] = {
        "scope": scope,
        "assessment": scope.assessment,
        "trail": [*scope.trail, (_("Leadership team"), None)],
        "invite_form": invite_form or InviteForm(),
        "show_form": ShowTeamForm(
            initial={"shown_to_respondents": team.shown_to_respondents if team else False}
        ),
        "respondents": [
            {
                "respondent": respondent,
                # A colleague's link answers as them: for those who run the team only.
                "link": None
                if scope.read_only
                else request.build_absolute_uri(
                    reverse("teams-respond", args=[respondent.token()])
                ),
                "field_id": f"respondent-link-{number}",
                "remove_url": scope.url("remove", respondent.public_id),
            }
            for number, respondent in enumerate(respondents, 1)
        ],
        "invite_url": scope.url("invite"),
        "show_url": scope.url("show"),
        "seats_left": MAX_INVITED - len(respondents),
        **combined_context(scope.assessment, current_language(), full=True),
    }
    return render(request, "teams/team.html", context, status=status)


# A colleague's own pages, through their link.


def _respondent(token: str) -> tuple[Respondent, QuestionBank]:
    respondent = (
        Respondent.objects.select_related("team__assessment")
        .defer("team__assessment__result_snapshot", "team__assessment__answers")
        .by_token(token)
    )
    if respondent is None:
        raise Http404
    version = QuestionnaireVersion.published(respondent.team.assessment.questionnaire_id)
    return respondent, version.parsed()


@require_GET
@private_form_page
def respond(request: HttpRequest, token: str) -> HttpResponse:
    respondent, bank = _respondent(token)
    if not respondent.is_submitted:
        return redirect(_next_page(token, bank, respondent))
    assessment = respondent.team.assessment
    language = current_language()
    context: dict[str, Any] = {
        "respondent": respondent,
        "assessment": assessment,
        "rows": answers_by_section(bank, respondent.answers, {}, edit_url=lambda _n: ""),
    }
    if respondent.team.shown_to_respondents:
        context.update(combined_context(assessment, language, full=False))
    return render(request, "teams/answered.html", context)


def _next_page(token: str, bank: QuestionBank, respondent: Respondent) -> str:
    for number, section in enumerate(bank.sections, 1):
        if any(q.required and respondent.answers.get(q.key) is None for q in section.questions):
            return reverse("teams-respond-step", args=[token, number])
    return reverse("teams-respond-review", args=[token])


@require_http_methods(["GET", "POST"])
@private_form_page
def respond_step(request: HttpRequest, token: str, number: int) -> HttpResponse:
    respondent, bank = _respondent(token)
    if respondent.is_submitted:
        return redirect("teams-respond", token)
    if not 1 <= number <= len(bank.sections):
        raise Http404
    section = bank.sections[number - 1]
    language = current_language()
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        section=section,
        language=language,
        answers=respondent.answers,
    )
    if request.method == "POST":
        going_back = request.POST.get("action") == "back"
        if form.is_valid() or going_back:
            # Going back keeps whatever was valid on this step, so nothing typed is lost.
            if not respondent.save_answers(form.answers(), language=language):
                return redirect("teams-respond", token)  # submitted meanwhile, or removed
            if going_back:
                return redirect("teams-respond-step", token, max(number - 1, 1))
            if number < len(bank.sections):
                return redirect("teams-respond-step", token, number + 1)
            return redirect("teams-respond-review", token)
    version = respondent.team.assessment.questionnaire_id
    context = {
        "assessment": respondent.team.assessment,
        "form": form,
        "form_html": rendered_step_form(
            form, cache_key_prefix=f"team:{version}:{number}:{language}"
        ),
        "section_title": section.title.get(language),
        "section_intro": section.intro.get(language) if section.intro else "",
        "number": number,
        "total": len(bank.sections),
        "resume_link": request.build_absolute_uri(reverse("teams-respond", args=[token])),
    }
    return render(request, "assessments/step.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@private_form_page
def respond_review(request: HttpRequest, token: str) -> HttpResponse:
    respondent, bank = _respondent(token)
    if respondent.is_submitted:
        return redirect("teams-respond", token)
    missing = answer_problems(bank, respondent.answers)
    form = SubmitAnswersForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not missing and form.is_valid():
        if not respondent.submit(name=form.cleaned_data["name"]):
            raise Http404  # removed while answering
        # The team is still at work on this result: retention counts it as opened.
        assessment = respondent.team.assessment
        Assessment.objects.note_opened(assessment.pk, assessment.last_opened_at)
        messages.success(request, _("Thank you: your answers are in."))
        return redirect("teams-respond", token)
    context = {
        **review_context(
            bank,
            respondent.answers,
            missing,
            step_url=lambda number: reverse("teams-respond-step", args=[token, number]),
            resume_link=request.build_absolute_uri(reverse("teams-respond", args=[token])),
        ),
        "name_form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/review.html", context, status=status)
