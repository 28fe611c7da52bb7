from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .api_errors import errors
from .redaction import carries_token


class PermissionsPolicyMiddleware:
    """Turn off browser features RoleFit never uses, so injected code cannot use them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreForLinksMiddleware:
    """A response that hands out a capability link is as private as the page behind it:
    a redirect to one (a new draft, plan or organisation), and every API answer (they
    carry owner and share links). No browser or proxy cache may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        location = response.get("Location", "")
        if carries_token(location) or request.path_info.startswith("/api/"):
            add_never_cache_headers(response)
        return response


class PrivateForSignedInMiddleware:
    """Pages for a signed-in recruiter or admin show invite links, owner links and
    clients' answers: no browser or proxy cache may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class ApiErrorShapeMiddleware:
    """Under /api/, every error answers in the API's one shape, `{"errors": {...}}`,
    whoever produced it: an unknown address (Django's 404), a method the operation does
    not take (ninja's 405), a refused host or CSRF check, or a crash (Django's 500 page,
    after the crash is logged). Clients parse JSON, never an HTML page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        shaped = errors({"detail": response.reason_phrase.lower()}, status=response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                shaped[header] = response[header]
        return shaped
