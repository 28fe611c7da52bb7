"""What happened, as an event a firm can be told about: its kind, a key that names it
once and for all, the firm, the engagement's lead if there is one, the page behind
sign-in where it can be seen, and the facts the email states."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.urls import reverse

from assessments.models import Assessment
from leaders.models import RaterLink
from units.models import BusinessUnit

from .models import Kind


@dataclass(frozen=True)
class Event:
    kind: str
    key: str
    firm_id: int
    path: str
    lead_id: int | None = None
    facts: dict[str, str] = field(default_factory=dict)


def client_submitted(assessment: Assessment) -> Event | None:
    engagement = assessment.engagement
    if engagement is None:
        return None
    return Event(
        Kind.CLIENT_SUBMITTED,
        f"submitted:{assessment.public_id}",
        engagement.firm_id,
        reverse("recruiters-result", args=[engagement.public_id, assessment.public_id]),
        engagement.recruiter_id,
        {"engagement": str(engagement), "recommendation": assessment.recommendation},
    )


def keys_of_assessment(public_id: UUID) -> list[str]:
    """The keys of every event about one assessment, as the functions here make them."""
    return [f"submitted:{public_id}", f"flipped:{public_id}"]


def rating_submitted(link: RaterLink) -> Event | None:
    person = link.person
    engagement = person.engagement
    if engagement is None:
        return None
    return Event(
        Kind.RATING_SUBMITTED,
        f"rated:{link.public_id}",  # the first rating; later changes are not news
        engagement.firm_id,
        reverse("leaders-recruiter-person", args=[engagement.public_id, person.public_id]),
        engagement.recruiter_id,
        {"engagement": str(engagement), "person": person.name, "rater": link.kind},
    )


def unit_flipped(unit: BusinessUnit, assessment: Assessment, before: str) -> Event | None:
    firm_id = unit.organisation.firm_id
    if firm_id is None:
        return None
    return Event(
        Kind.UNIT_FLIPPED,
        f"flipped:{assessment.public_id}",
        firm_id,
        _unit_path(unit),
        facts={"unit": _unit_name(unit), "before": before, "after": assessment.recommendation},
    )


def unit_overdue(unit: BusinessUnit, due: date) -> Event | None:
    firm_id = unit.organisation.firm_id
    if firm_id is None:
        return None
    return Event(
        Kind.UNIT_OVERDUE,
        f"overdue:{unit.public_id}:{due.isoformat()}",
        firm_id,
        _unit_path(unit),
        facts={"unit": _unit_name(unit), "due": due.isoformat()},
    )


def _unit_path(unit: BusinessUnit) -> str:
    organisation = unit.organisation.public_id
    return reverse("units-recruiter-unit", args=[organisation, unit.public_id])


def _unit_name(unit: BusinessUnit) -> str:
    return f"{unit.name} ({unit.organisation.name})"
