"""Share links for recruiters' tools, authenticated by the owner token in a header."""

import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import BaseModel, ConfigDict, Field

from assessments.api import json_errors, parse_body
from assessments.models import Assessment
from rolefit import ratelimit, security_log
from rolefit.validators import SingleLine

from .models import ShareLink

EXPIRY_DAYS = (1, 7, 30, 90)


class ShareLinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: SingleLine = Field(min_length=1, max_length=120)
    expires_in_days: int | None = None
    show_free_text: bool = False
    allow_pdf: bool = False


def _owner(request: HttpRequest) -> Assessment | None:
    """The assessment whose owner token the Authorization header carries, or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme != "Owner" or not token.strip():
        return None
    return Assessment.objects.submitted().by_owner_token(token.strip())


def _not_found(request: HttpRequest) -> HttpResponse:
    # Bad, foreign, revoked and deleted tokens look alike, and each counts as a miss.
    if not ratelimit.record_token_miss(request):
        return ratelimit.too_many(request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    return json_errors({"detail": "not found"}, status=404)


@csrf_exempt  # Authenticated by a header, never by a cookie.
@require_POST
@ratelimit.calling_the_api
def create_share_link(request: HttpRequest) -> HttpResponse:
    if ratelimit.token_lookups_blocked(request):
        return ratelimit.too_many(request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    assessment = _owner(request)
    if assessment is None:
        return _not_found(request)
    payload = parse_body(request, ShareLinkIn)
    if isinstance(payload, JsonResponse):
        return payload
    if payload.expires_in_days not in (None, *EXPIRY_DAYS):
        return json_errors({"expires_in_days": "must be 1, 7, 30, 90 or null"})
    link, token = ShareLink.create(
        assessment=assessment,
        label=payload.label,
        expires_in_days=payload.expires_in_days,
        show_free_text=payload.show_free_text,
        allow_pdf=payload.allow_pdf,
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


@csrf_exempt
@require_http_methods(["DELETE"])
@ratelimit.limited("api", setting="RF_API_LIMIT_PER_MINUTE", window_seconds=60, methods=("DELETE",))
def revoke_share_link(request: HttpRequest, link_id: str) -> HttpResponse:
    if ratelimit.token_lookups_blocked(request):
        return ratelimit.too_many(request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    assessment = _owner(request)
    public_id = _uuid(link_id)
    link = None
    if assessment is not None and public_id is not None:
        # A revoked link is gone as far as callers can tell, so a replayed DELETE is a 404.
        link = assessment.share_links.filter(public_id=public_id, revoked_at__isnull=True).first()
    if link is None:
        return _not_found(request)
    link.revoke()
    security_log.record("share_link_revoked", request, share_link=str(link.public_id), via="api")
    return HttpResponse(status=204)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
