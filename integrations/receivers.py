"""Events the apps announce, turned into webhook deliveries in the same transaction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.dispatch import receiver

from assessments.models import Assessment
from assessments.signals import submitted
from leaders.models import RaterLink
from leaders.signals import rated
from outcomes.models import Outcome
from outcomes.signals import recorded
from recruiters.models import Engagement
from recruiters.signals import engagement_created
from units.models import BusinessUnit
from units.signals import flipped

from .delivery import emit
from .models import Event


def engagement_data(engagement: Engagement) -> dict[str, Any]:
    """An engagement as webhooks describe it: ids and facts, never a CEO's links."""
    return {
        "id": str(engagement.public_id),
        "client_company": engagement.client_company,
        "business_unit": engagement.business_unit,
        "status": engagement.status,
        "recommendation": engagement.recommendation,
        "created_at": engagement.created_at.isoformat(),
        "url": settings.RF_BASE_URL.rstrip("/") + engagement.get_absolute_url(),
    }


@receiver(engagement_created, dispatch_uid="webhooks-engagement-created")
def on_engagement_created(sender: Any, engagement: Engagement, **kwargs: Any) -> None:
    emit(engagement.firm_id, Event.ENGAGEMENT_CREATED, {"engagement": engagement_data(engagement)})


@receiver(submitted, dispatch_uid="webhooks-submitted")
def on_submitted(sender: Any, assessment: Assessment, **kwargs: Any) -> None:
    engagement = assessment.engagement
    if engagement is None:
        return
    emit(
        engagement.firm_id,
        Event.ASSESSMENT_COMPLETED,
        {
            "engagement": engagement_data(engagement),
            "assessment_id": str(assessment.public_id),
            "result": assessment.result_for("en"),
        },
    )


@receiver(rated, dispatch_uid="webhooks-rated")
def on_rated(sender: Any, link: RaterLink, **kwargs: Any) -> None:
    person = link.person
    if person.engagement is None:
        return
    emit(
        person.engagement.firm_id,
        Event.RATING_SUBMITTED,
        {
            "engagement": engagement_data(person.engagement),
            "person": {"id": str(person.public_id), "name": person.name, "kind": person.kind},
            "rater": link.kind,
            "submitted_at": link.submitted_at.isoformat() if link.submitted_at else None,
        },
    )


@receiver(flipped, dispatch_uid="webhooks-flipped")
def on_flipped(
    sender: Any, unit: BusinessUnit, assessment: Assessment, before: str, **kwargs: Any
) -> None:
    organisation = unit.organisation
    if organisation.firm_id is None:
        return
    emit(
        organisation.firm_id,
        Event.UNIT_FLIPPED,
        {
            "organisation": {"id": str(organisation.public_id), "name": organisation.name},
            "unit": {"id": str(unit.public_id), "name": unit.name},
            "before": before,
            "after": assessment.recommendation,
            "assessment_id": str(assessment.public_id),
        },
    )


@receiver(recorded, dispatch_uid="webhooks-outcome-recorded")
def on_outcome_recorded(sender: Any, outcome: Outcome, **kwargs: Any) -> None:
    engagement = outcome.assessment.engagement
    if engagement is None:
        return
    # The facts as chosen, never the free text: notes and reasons stay with the owner.
    emit(
        engagement.firm_id,
        Event.OUTCOME_RECORDED,
        {
            "engagement": engagement_data(engagement),
            "assessment_id": str(outcome.assessment.public_id),
            "outcome": {
                "check_in": outcome.check_in,
                "recorded_at": outcome.recorded_at.isoformat(),
                "hired": outcome.hired,
                "started_on": outcome.started_on.isoformat() if outcome.started_on else None,
                "still_in_seat": outcome.still_in_seat,
                "left_on": outcome.left_on.isoformat() if outcome.left_on else None,
                "left_because": outcome.left_because or None,
                "revenue": outcome.revenue or None,
                "fit_rating": outcome.fit_rating,
                "hindsight": outcome.hindsight or None,
            },
        },
    )
