from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from . import mfa

# What a signed-in user may reach before the second factor: the steps themselves,
# signing out, and what any page needs to render.
_ALWAYS_OPEN = ("/static/", "/healthz", "/favicon.ico", "/language/")


class SecondFactorMiddleware:
    """Holds every page back until the second factor is given: for an account that has
    one, until this session gives a code; for one that must have one (staff always,
    recruiters when RF_REQUIRE_MFA_FOR_RECRUITERS is on), until it is set up. The admin,
    the API and every recruiter page sit behind it; nothing can be reached around it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or mfa.is_verified(user):
            return self.get_response(request)
        # What the URL resolver will route, not `path`, which a SCRIPT_NAME can prefix.
        path = request.path_info
        verify, setup = reverse("accounts-mfa-verify"), reverse("accounts-mfa-setup")
        if path.startswith(_ALWAYS_OPEN) or path == reverse("logout"):
            return self.get_response(request)
        if mfa.has_second_factor(user):
            return self.get_response(request) if path == verify else _to(verify, request)
        if mfa.is_required(user):
            return self.get_response(request) if path == setup else _to(setup, request)
        return self.get_response(request)


def _to(step: str, request: HttpRequest) -> HttpResponse:
    # The page asked for comes back after the step; it may be a capability link, so
    # the redirect is never stored by a cache.
    response = redirect(f"{step}?{urlencode({'next': request.get_full_path()})}")
    add_never_cache_headers(response)
    return response
