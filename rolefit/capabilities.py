"""Plumbing for the pages reached through a capability link, shared by every app."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from . import ratelimit, tokens
from .i18n import current_language
from .types import View

# Where a result's page is kept in the shared cache, from its link's digest and the
# page's language (assessments/result_cache.py).
KeyOf = Callable[[str, str], str]


@dataclass(frozen=True)
class Kept:
    """A capability page's copy in the shared cache, as its view is handed it: the key it
    is kept under for this request, and the copy found there, if any (bytes: anything
    else under the key, such as a deleted result's mark, is no copy). No key for a
    visitor whose page is their own: signed in (their own navigation), or asked for with
    a query string or under a script prefix (which the page's links repeat)."""

    key: str | None
    page: bytes | None


def _capability_page(referrer_policy: str, key_of: KeyOf | None = None) -> Callable[[View], View]:
    """Pages reached through a capability link: never indexed, never cached by others, and
    their link never sent to another site in a Referer header. Guessing links is limited.

    With `key_of`, the view keeps a copy of its page in the shared cache, which is read
    in the same round trip as the guessing check and handed to the view as `kept`."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = None
            if key_of is not None and same_for_everyone(request):
                key = key_of(tokens.token_digest(kwargs["token"]), current_language())
            if key is None:
                blocked, page = ratelimit.token_lookups_blocked(request), None
            else:
                blocked, page = ratelimit.token_lookups_blocked_reading(request, key)
                if not isinstance(page, bytes):
                    page = None  # none, or the mark a delete left there: not a page
            if blocked:
                return ratelimit.too_many(
                    request, retry_after=settings.RF_TOKEN_MISS_WINDOW_SECONDS
                )
            if key_of is not None:
                kwargs["kept"] = Kept(key, page)
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


def same_for_everyone(request: HttpRequest) -> bool:
    """Whether the page this request gets may be kept and shown to any other visitor:
    not for a signed-in one (their own navigation), nor one asking with a query string
    or under a script prefix, which the page's links repeat. The site is served at the
    root, so a prefix sent by a client (gunicorn honours a SCRIPT_NAME header from the
    proxy's address) must not become everyone's page."""
    return not (
        request.user.is_authenticated
        or request.META.get("QUERY_STRING")
        or request.META.get("SCRIPT_NAME")
    )


def kept_private_page(key_of: KeyOf) -> Callable[[View], View]:
    """A read-only capability page whose view keeps a copy of it in the shared cache
    under `key_of(link digest, language)`, and is handed it as `kept` (a `Kept`)."""
    return _capability_page("no-referrer", key_of)


# Read-only pages send no Referer at all. Pages with forms send it to their own origin
# only: with "no-referrer" a browser posts `Origin: null`, which CSRF protection must
# refuse, while "same-origin" still keeps the link from every other site.
private_page = _capability_page("no-referrer")
private_form_page = _capability_page("same-origin")
