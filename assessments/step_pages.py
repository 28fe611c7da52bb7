"""A blank step's whole page, rendered once per process for each questionnaire version,
step, language and set of stored choices, with markers where the visitor's own parts go:
the resume token, the CSRF token and the business unit. Each request fills them in.

Only pages anyone could be shown are kept: never a form with errors or free text (that
text must go when it is deleted, see `rendered_step_form`), and only for a request whose
page anyone may see (`rolefit.capabilities.same_for_everyone`)."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.html import escape

# Letters only, so that escaping, URL-encoding and the token converter leave them as is.
TOKEN_MARK = "RoleFitStepPageResumeTokenMark"  # noqa: S105 (a placeholder, not a secret)
CSRF_MARK = "RoleFitStepPageCsrfTokenMark"
UNIT_MARK = "RoleFitStepPageBusinessUnitMark"
_SECONDS = 3600


class _MarkedRequest:
    """The request as the template sees it, with the marker in place of the token."""

    def __init__(self, request: HttpRequest, token: str) -> None:
        self._request = request
        self._token = token

    def get_full_path(self) -> str:
        return self._request.get_full_path().replace(self._token, TOKEN_MARK)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


def page(
    request: HttpRequest,
    *,
    token: str,
    business_unit: str,
    key_parts: tuple[str, ...],
    render: Callable[[dict[str, Any]], str],
) -> str:
    """The page for this visitor: from the process's copy, made with `render(marks)` if
    there is none. `marks` holds what the context must use instead of the visitor's own."""
    digest = hashlib.sha256(
        repr((*key_parts, bool(business_unit), request.get_host(), request.scheme)).encode()
    ).hexdigest()
    key = f"step-page:{digest}"
    local = caches["local"]
    html = local.get(key)
    if html is None:
        html = render(
            {
                "token": TOKEN_MARK,
                "csrf_token": CSRF_MARK,
                "business_unit": UNIT_MARK if business_unit else "",
                "request": _MarkedRequest(request, token),
            }
        )
        local.set(key, html, _SECONDS)
    return str(
        html.replace(TOKEN_MARK, token)
        .replace(CSRF_MARK, get_token(request))
        .replace(UNIT_MARK, escape(business_unit))
    )
