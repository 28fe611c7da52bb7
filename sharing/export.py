"""Everything stored about one assessment, as the owner downloads it. No secrets: links
appear with their labels and dates, never their tokens or digests."""

from typing import Any

from assessments.models import Assessment


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
    }
