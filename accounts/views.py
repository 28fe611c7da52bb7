"""A recruiter's or admin's account: the second factor, set up, used and replaced."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_stubs_ext import StrOrPromise

from rolefit import ratelimit
from rolefit.types import AuthenticatedHttpRequest

from . import mfa
from .forms import CodeForm, SetupCodeForm


@require_http_methods(["GET"])
@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {
            "enrolled": mfa.is_enrolled(request.user),
            "required": mfa.is_required(request.user),
            "recovery_left": mfa.recovery_codes_left(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    device = mfa.pending_device(request.user)
    form = SetupCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm(request, device, form.cleaned_data["code"])
        if codes is not None:
            return _show_recovery_codes(request, codes, _("Two-step sign-in is on."))
        form.add_error("code", _("That code does not match. Check the time on your phone."))
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_code": mfa.qr_code(device),
            "manual_key": mfa.manual_key(device),
            "required": mfa.is_required(request.user),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@never_cache
@login_required
def verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    if mfa.is_verified(request.user):
        return redirect(_next(request))
    if mfa.locked_out(request):
        return ratelimit.too_many(request, retry_after=mfa.LOCKOUT_SECONDS)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if mfa.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        if mfa.locked_out(request):
            return ratelimit.too_many(request, retry_after=mfa.LOCKOUT_SECONDS)
        form.add_error("code", _("That code does not match."))
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": _next(request)},
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def new_recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    codes = mfa.new_recovery_codes(request)
    return _show_recovery_codes(request, codes, _("Your old recovery codes no longer work."))


@require_POST
@login_required
def turn_off(request: AuthenticatedHttpRequest) -> HttpResponse:
    if mfa.is_required(request.user):
        return redirect("accounts-account")
    mfa.remove(request)
    return redirect("accounts-account")


def _show_recovery_codes(
    request: AuthenticatedHttpRequest, codes: list[str], headline: StrOrPromise
) -> HttpResponse:
    # Shown in this response only: the page is never cached and the codes never stored.
    response = render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "headline": headline, "next": _next(request)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _next(request: AuthenticatedHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))
