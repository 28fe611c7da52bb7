"""Plumbing for the pages reached through a capability link, shared by every app."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from . import ratelimit
from .types import View


def _capability_page(referrer_policy: str) -> Callable[[View], View]:
    """Pages reached through a capability link: never indexed, never cached by others, and
    their link never sent to another site in a Referer header. Guessing links is limited."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if ratelimit.token_lookups_blocked(request):
                return ratelimit.too_many(
                    request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS
                )
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                # Unknown, expired, revoked and deleted links all land here and count alike.
                if not ratelimit.record_token_miss(request):
                    return ratelimit.too_many(
                        request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS
                    )
                raise
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Referrer-Policy"] = referrer_policy
            response.setdefault("Cache-Control", "private, no-store")
            return response

        return wrapper

    return decorator


# Read-only pages send no Referer at all. Pages with forms send it to their own origin
# only: with "no-referrer" a browser posts `Origin: null`, which CSRF protection must
# refuse, while "same-origin" still keeps the link from every other site.
private_page = _capability_page("no-referrer")
private_form_page = _capability_page("same-origin")
