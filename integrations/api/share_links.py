"""Share links for a result's owner's own tools, authenticated by the owner token:
`Authorization: Owner <token>`. A bad, foreign, revoked or deleted token is a 404, and
counts as a guess."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.security import APIKeyHeader
from pydantic import ConfigDict, Field

from assessments.models import Assessment
from rolefit import ratelimit, security_log
from rolefit.api_errors import Errors, TooManyRequests, errors
from rolefit.validators import SingleLine
from sharing.models import ShareLink

EXPIRY_DAYS = (1, 7, 30, 90)


class OwnerNotFound(Exception):
    """A bad, foreign, revoked or deleted owner token: one 404 for all, counted."""


class OwnerToken(APIKeyHeader):
    """`Authorization: Owner <token>`, the token at the end of the result's owner_url.
    Checked before the body is read, so a caller without the token learns nothing."""

    param_name = "Authorization"
    openapi_description = "`Owner <token>`: the token at the end of a result's owner_url."

    def __call__(self, request: HttpRequest) -> Assessment:
        if ratelimit.token_lookups_blocked(request):
            raise TooManyRequests(settings.RF_TOKEN_MISS_WINDOW_SECONDS)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        found = (
            Assessment.objects.owned_result(token.strip())
            if scheme == "Owner" and token.strip()
            else None
        )
        if found is None:
            raise OwnerNotFound
        return found

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        raise NotImplementedError  # __call__ does the whole job


def not_found(request: HttpRequest, exc: Any = None) -> HttpResponse:
    if not ratelimit.record_token_miss(request):
        return ratelimit.too_many(request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    return errors({"detail": "not found"}, status=404)


router = Router(tags=["share links"], auth=OwnerToken())


class ShareLinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    label: SingleLine = Field(min_length=1, max_length=120)
    expires_in_days: int | None = Field(default=None, description="1, 7, 30, 90 or null")
    show_free_text: bool = False
    allow_pdf: bool = False
    show_outcomes: bool = False
    show_team: bool = False


class ShareLinkOut(Schema):
    id: str
    url: str
    expires_at: str | None


@router.post(
    "/share-links",
    response={201: ShareLinkOut, 400: Errors, 404: Errors, 413: Errors, 429: Errors},
    summary="Create a share link to a result",
)
@decorate_view(ratelimit.calling_the_api)
def create_share_link(request: HttpRequest, payload: ShareLinkIn) -> HttpResponse:
    assessment: Assessment = request.auth  # type: ignore[attr-defined]
    if payload.expires_in_days not in (None, *EXPIRY_DAYS):
        return errors({"expires_in_days": "must be 1, 7, 30, 90 or null"})
    link, token = ShareLink.create(
        assessment=assessment,
        label=payload.label,
        expires_in_days=payload.expires_in_days,
        show_free_text=payload.show_free_text,
        allow_pdf=payload.allow_pdf,
        show_outcomes=payload.show_outcomes,
        show_team=payload.show_team,
    )
    security_log.record("share_link_created", request, share_link=str(link.public_id), via="api")
    return JsonResponse(
        {
            "id": str(link.public_id),
            "url": request.build_absolute_uri(reverse("sharing-shared", args=[token])),
            "expires_at": link.expires_at.isoformat() if link.expires_at else None,
        },
        status=201,
    )


@router.delete(
    "/share-links/{link_id}",
    response={204: None, 404: Errors, 429: Errors},
    summary="Revoke a share link",
)
@decorate_view(
    ratelimit.limited(
        "api", setting="RF_API_LIMIT_PER_MINUTE", window_seconds=60, methods=("DELETE",)
    )
)
def revoke_share_link(request: HttpRequest, link_id: str) -> HttpResponse:
    assessment: Assessment = request.auth  # type: ignore[attr-defined]
    link = None
    public_id = _uuid(link_id)
    if public_id is not None:
        # A revoked link is gone as far as callers can tell, so a replayed DELETE is a 404.
        link = assessment.share_links.filter(public_id=public_id, revoked_at__isnull=True).first()
    if link is None:
        return not_found(request)
    link.revoke()
    security_log.record("share_link_revoked", request, share_link=str(link.public_id), via="api")
    return HttpResponse(status=204)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
