"""Firm API keys on the API: `Authorization: Bearer rf_live_…`, scopes, and a rate
limit of each key's own."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from rolefit import ratelimit
from rolefit.api_errors import TooManyRequests

from ..keys import authenticate
from ..models import ApiKey

WINDOW_SECONDS = 60


class FirmKey(HttpBearer):
    """The key's row, or None (a 401 whatever the reason). Guessing keys counts as a
    token miss for the client, like guessing any other link, and a client past its
    misses gets 429 for every wrong key. A right key still works from that address:
    firms behind one shared egress address must not lock each other out, and a key's
    256 random bits cannot be guessed however many tries pass."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = authenticate(token)
        if key is None:
            if ratelimit.token_lookups_blocked(request) or not ratelimit.record_token_miss(request):
                raise TooManyRequests(settings.RF_TOKEN_MISS_WINDOW_SECONDS)
            return None
        limit = settings.RF_API_KEY_LIMIT_PER_MINUTE
        if not ratelimit.hit_key(f"api-key:{key.pk}", limit=limit, window_seconds=WINDOW_SECONDS):
            raise TooManyRequests(WINDOW_SECONDS)
        return key


def key_with(request: HttpRequest, scope: str) -> ApiKey:
    key: Any = request.auth  # type: ignore[attr-defined]
    if scope not in key.scopes:
        raise AuthorizationError(message=f"this key lacks the scope {scope}")
    assert isinstance(key, ApiKey)
    return key
