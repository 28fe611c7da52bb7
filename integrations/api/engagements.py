"""A firm's engagements, for its applicant-tracking system or automation, by API key."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import AfterValidator, ConfigDict, Field

from assessments.scoring import RoleFit
from firms.models import Membership
from integrations.models import Scope
from recruiters.models import Engagement
from recruiters.signals import engagement_created
from rolefit import ratelimit
from rolefit.api_errors import Errors
from rolefit.validators import SingleLine

from .auth import FirmKey, key_with

router = Router(tags=["engagements"], auth=FirmKey())
MAX_PAGE = 100


class EngagementIn(Schema):
    model_config = ConfigDict(extra="forbid")

    client_company: SingleLine = Field(min_length=1, max_length=120)
    business_unit: SingleLine = Field(default="", max_length=120)


class EngagementOut(Schema):
    id: UUID
    client_company: str
    business_unit: str
    status: Literal["invited", "in_progress", "completed"]
    recommendation: str
    created_at: datetime
    invite_url: str
    result: RoleFit | None = Field(
        default=None, description="When completed: the latest result, in the documented shape."
    )


class EngagementPage(Schema):
    count: int
    items: list[EngagementOut]


def _in_utc(moment: datetime) -> datetime:
    """The moment in UTC (a time without an offset is taken as UTC). Near year 1 or 9999
    an offset can push it off the calendar, which is a 400, not a crash in the query."""
    try:
        return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
    except OverflowError:
        raise ValueError("is out of range") from None


Moment = Annotated[datetime, AfterValidator(_in_utc)]


class EngagementFilters(Schema):
    status: Literal["invited", "in_progress", "completed"] | None = None
    created_after: Moment | None = None
    created_before: Moment | None = None
    language: Literal["en", "es"] = "en"
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)
    offset: int = Field(default=0, ge=0, le=1_000_000)


def as_json(request: HttpRequest, engagement: Engagement, language: str) -> dict[str, Any]:
    """An engagement as the API and the webhooks describe it. The invite URL is the
    firm's to send; a CEO's own links never appear."""
    latest = engagement.assessments.filter(status="submitted").order_by("-submitted_at").first()
    invite = reverse("recruiters-invite", args=[engagement.token()])
    return {
        "id": str(engagement.public_id),
        "client_company": engagement.client_company,
        "business_unit": engagement.business_unit,
        "status": engagement.status,
        "recommendation": engagement.recommendation,
        "created_at": engagement.created_at.isoformat(),
        "invite_url": request.build_absolute_uri(invite) if request else invite,
        "result": latest.result_for(language) if latest else None,
    }


@router.post(
    "/engagements",
    response={201: EngagementOut, 400: Errors, 401: Errors, 403: Errors, 429: Errors},
    summary="Create an engagement and get its invite URL",
    by_alias=True,
)
@decorate_view(ratelimit.calling_the_api)
def create_engagement(request: HttpRequest, payload: EngagementIn) -> JsonResponse:
    key = key_with(request, Scope.ENGAGEMENTS_WRITE)
    # The key's maker leads it while they are in the firm; otherwise no one, until set.
    lead = key.created_by
    if lead is not None and not Membership.objects.filter(user=lead, firm=key.firm).exists():
        lead = None
    engagement = Engagement.objects.create(firm=key.firm, recruiter=lead, **payload.model_dump())
    engagement_created.send(sender=Engagement, engagement=engagement)
    return JsonResponse(as_json(request, engagement, "en"), status=201)


@router.get(
    "/engagements",
    response={200: EngagementPage, 400: Errors, 401: Errors, 403: Errors, 429: Errors},
    summary="List the firm's engagements, newest first",
    by_alias=True,
)
def list_engagements(request: HttpRequest, filters: Query[EngagementFilters]) -> JsonResponse:
    key = key_with(request, Scope.ENGAGEMENTS_READ)
    found = Engagement.objects.filter(firm=key.firm).order_by("-created_at", "-pk")
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.created_after:
        found = found.filter(created_at__gt=filters.created_after)
    if filters.created_before:
        found = found.filter(created_at__lt=filters.created_before)
    page = found[filters.offset : filters.offset + filters.limit]
    return JsonResponse(
        {
            "count": found.count(),
            "items": [as_json(request, engagement, filters.language) for engagement in page],
        }
    )


@router.get(
    "/engagements/{engagement_id}",
    response={200: EngagementOut, 401: Errors, 403: Errors, 404: Errors, 429: Errors},
    summary="One engagement, with its result once completed",
    by_alias=True,
)
def get_engagement(
    request: HttpRequest, engagement_id: UUID, language: Literal["en", "es"] = "en"
) -> JsonResponse:
    key = key_with(request, Scope.ENGAGEMENTS_READ)
    engagement = get_object_or_404(Engagement, firm=key.firm, public_id=engagement_id)
    return JsonResponse(as_json(request, engagement, language))
