"""The combined view of a leadership team: the owner's answers and every colleague's who
has submitted, put through the pure consensus core (assessments/consensus.py)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from assessments import charts, consensus
from assessments.bank.answers import parse_answers
from assessments.models import Assessment, QuestionnaireVersion

from .models import Team


def team_result(assessment: Assessment, language: str) -> consensus.TeamResult | None:
    """None until at least one colleague has submitted: a team of one says nothing new."""
    try:
        team = assessment.team  # select_related by the pages that show it
    except Team.DoesNotExist:
        return None
    answered = list(team.answered())
    if not answered:
        return None
    bank = QuestionnaireVersion.published(assessment.questionnaire_id).parsed()
    owner = consensus.Respondent(parse_answers(bank, assessment.answers), role=_("Owner"))
    colleagues = [
        consensus.Respondent(parse_answers(bank, r.answers), role=r.role_label, name=r.name)
        for r in answered
    ]
    return consensus.assess_team(bank=bank, respondents=[owner, *colleagues], language=language)


def team_view(assessment: Assessment, language: str) -> dict[str, Any] | None:
    """The combined view as pages, reports and exports show it (the command's JSON shape)."""
    result = team_result(assessment, language)
    return result.as_json() if result else None


def combined_context(assessment: Assessment, language: str, *, full: bool) -> dict[str, Any]:
    """What a page needs to show the combined view; with `full`, the team's result is
    explained like a single one (drivers, what would flip it, the hires around it)."""
    team = team_view(assessment, language)
    if team is None:
        return {"team": None}
    context: dict[str, Any] = {"team": team}
    if full:
        context["team_body"] = _explained(assessment, team["team"])
    return context


def _explained(assessment: Assessment, result: dict[str, Any]) -> SafeString:
    html = render_to_string(
        "assessments/_result_body.html",
        {
            "assessment": assessment,
            "result": result,
            "show_free_text": False,
            "figure": charts.drivers_figure(result, axis_title=_("← CSO · points · CRO →")),
        },
    )
    return mark_safe(html)  # noqa: S308 (rendered by our own autoescaping template)
