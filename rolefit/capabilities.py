"""Plumbing for the pages reached through a capability link, shared by every app."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from . import ratelimit
from .types import View

# Where a capability page's kept copy is for this request and link token, or None.
KeptUnder = Callable[[HttpRequest, str], str | None]


def _capability_page(
    referrer_policy: str, kept_under: KeptUnder | None = None
) -> Callable[[View], View]:
    """Pages reached through a capability link: never indexed, never cached by others, and
    their link never sent to another site in a Referer header. Guessing links is limited.

    With `kept_under`, the copy of the page the view keeps in the shared cache, under the
    key `kept_under(request, token)` names, is read in the same round trip as the guessing
    check and handed to the view as `kept` (None when there is none, or no key: a visitor
    whose page is their own)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = kept_under(request, kwargs["token"]) if kept_under else None
            if key is None:
                blocked, kept = ratelimit.token_lookups_blocked(request), None
            else:
                blocked, kept = ratelimit.token_lookups_blocked_reading(request, key)
            if blocked:
                return ratelimit.too_many(
                    request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS
                )
            if kept_under:
                kwargs["kept"] = kept
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


def kept_private_page(kept_under: KeptUnder) -> Callable[[View], View]:
    """A read-only capability page whose view keeps a copy of it in the shared cache,
    under `kept_under(request, token)`, and is handed that copy as `kept`."""
    return _capability_page("no-referrer", kept_under)


# Read-only pages send no Referer at all. Pages with forms send it to their own origin
# only: with "no-referrer" a browser posts `Origin: null`, which CSRF protection must
# refuse, while "same-origin" still keeps the link from every other site.
private_page = _capability_page("no-referrer")
private_form_page = _capability_page("same-origin")
