"""Who must use a second factor, and the steps of enrolling and signing in with one.

The password step is Django's own sign-in (django-axes counts its failures). After it,
`SecondFactorMiddleware` holds every page back until the second factor is given, or,
for an account that must have one, until it is set up.
"""

from __future__ import annotations

import base64
import io

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as Account
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.middleware import is_verified as otp_is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from rolefit import ratelimit, security_log

from .models import RecoveryCodes

User = Account | AbstractBaseUser | AnonymousUser

# Five wrong codes in an hour lock the second factor for the rest of it, as django-axes
# does for passwords. django-otp's own throttling slows each try on top.
FAILURES_ALLOWED = 5
LOCKOUT_SECONDS = 3600


def is_required(user: User) -> bool:
    """Staff always; recruiters when RF_REQUIRE_MFA_FOR_RECRUITERS is on."""
    if not user.is_authenticated:
        return False
    return bool(getattr(user, "is_staff", False) or settings.RF_REQUIRE_MFA_FOR_RECRUITERS)


def is_enrolled(user: User) -> bool:
    return user.is_authenticated and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user: User) -> bool:
    return bool(user_has_device(user))


def is_verified(user: User) -> bool:
    """Whether this session gave the second factor (django-otp's middleware records it)."""
    return bool(otp_is_verified(user))


def recovery_codes_left(user: User) -> int:
    codes = RecoveryCodes.objects.filter(user=user).first()
    return codes.remaining if codes else 0


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being set up: unconfirmed, so it counts for nothing until the
    app's first code proves the user has it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_code(device: TOTPDevice) -> str:
    """The otpauth:// QR code as a data: URL, drawn here, so no third party sees the key."""
    buffer = io.BytesIO()
    write_qrcode_image(device.config_url, buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def manual_key(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed: base32, in groups of four."""
    encoded = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """With the app's first code, make the device the account's second factor, make
    recovery codes (returned once, never stored as typed) and verify this session."""
    if not device.verify_token(code.strip()):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    codes, _ = RecoveryCodes.objects.get_or_create(user=device.user, defaults={"name": "recovery"})
    otp_login(request, device)
    security_log.record("mfa_enrolled", request)
    return codes.replace_codes()


def new_recovery_codes(request: HttpRequest) -> list[str]:
    codes, _ = RecoveryCodes.objects.get_or_create(user=request.user, defaults={"name": "recovery"})
    security_log.record("mfa_recovery_codes_replaced", request)
    return codes.replace_codes()


def remove(request: HttpRequest) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    RecoveryCodes.objects.filter(user=request.user).delete()
    security_log.record("mfa_removed", request)


def locked_out(request: HttpRequest) -> bool:
    return ratelimit.exceeded_key(_failures_key(request), limit=FAILURES_ALLOWED)


def verify(request: HttpRequest, code: str) -> bool:
    """Check a code from the app, or a recovery code; on success the session is verified.
    Every failure counts toward the lockout."""
    user = request.user
    candidates: list[TOTPDevice | RecoveryCodes] = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *RecoveryCodes.objects.filter(user=user, confirmed=True),
    ]
    for device in candidates:
        if device.verify_token(code.strip()):
            otp_login(request, device)
            ratelimit.forget_key(_failures_key(request))
            recovery = isinstance(device, RecoveryCodes)
            security_log.record(
                "mfa_verified",
                request,
                method="recovery_code" if recovery else "totp",
                **({"recovery_codes_left": device.remaining} if recovery else {}),
            )
            return True
    if not ratelimit.hit_key(
        _failures_key(request), limit=FAILURES_ALLOWED, window_seconds=LOCKOUT_SECONDS
    ):
        security_log.record("mfa_lockout", request)
    else:
        security_log.record("mfa_failed", request)
    return False


def _failures_key(request: HttpRequest) -> str:
    # Per account, wherever the tries come from: whoever has the password must not get
    # more tries by changing address.
    return f"mfa-failures:{request.user.pk}"
