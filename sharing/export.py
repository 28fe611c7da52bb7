"""Everything stored about one assessment, as the owner downloads it. No secrets: links
appear with their labels and dates, never their tokens or digests."""

from typing import Any

from assessments.models import Assessment
from teams.models import Team


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def assessment_export(assessment: Assessment) -> dict[str, Any]:
    return {
        "business_unit": assessment.business_unit,
        "status": assessment.status,
        "language": assessment.language,
        "questionnaire_version": assessment.questionnaire.version,
        "created_at": _when(assessment.created_at),
        "submitted_at": _when(assessment.submitted_at),
        "answers": assessment.answers,
        "result": assessment.result_snapshot,
        "share_links": [
            {
                "id": str(link.public_id),
                "label": link.label,
                "show_free_text": link.show_free_text,
                "show_outcomes": link.show_outcomes,
                "show_team": link.show_team,
                "created_at": _when(link.created_at),
                "expires_at": _when(link.expires_at),
                "revoked_at": _when(link.revoked_at),
                "views": link.views,
                "last_viewed_at": _when(link.last_viewed_at),
            }
            for link in assessment.share_links.all()
        ],
        "access_events": [
            {"kind": event.kind, "at": _when(event.at)} for event in assessment.access_events.all()
        ],
        "outcomes": [
            {
                "check_in": outcome.check_in,
                "recorded_at": _when(outcome.recorded_at),
                "hired": outcome.hired,
                "other_title": outcome.other_title,
                "started_on": _when(outcome.started_on),
                "still_in_seat": outcome.still_in_seat,
                "left_on": _when(outcome.left_on),
                "left_because": outcome.left_because,
                "left_detail": outcome.left_detail,
                "revenue": outcome.revenue,
                "fit_rating": outcome.fit_rating,
                "hindsight": outcome.hindsight,
                "notes": outcome.notes,
            }
            for outcome in assessment.outcomes.all()
        ],
        "team": _team(assessment),
        "check_in_invitations": [
            {"check_in": sent.check_in, "sent_at": _when(sent.sent_at)}
            for sent in assessment.check_in_invitations.all()
        ],
    }


def _team(assessment: Assessment) -> dict[str, Any] | None:
    """The colleagues asked, with their answers: never their links."""
    team = Team.objects.filter(assessment=assessment).first()
    if team is None:
        return None
    return {
        "shown_to_respondents": team.shown_to_respondents,
        "respondents": [
            {
                "id": str(respondent.public_id),
                "role": respondent.role_label,
                "name": respondent.name,
                "language": respondent.language,
                "answers": respondent.answers,
                "created_at": _when(respondent.created_at),
                "submitted_at": _when(respondent.submitted_at),
            }
            for respondent in team.respondents.all()
        ],
    }
