"""Second factors for recruiter and staff accounts.

TOTP (an authenticator app) is django-otp's own device. Recovery codes are a device of
ours because django-otp's static tokens are stored as typed: here only each code's
SHA-256 digest is kept. Each code carries about 59 random bits and is usable once, so a
digest cannot be reversed by guessing, and a copy of the database yields no code.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def _digest(code: str) -> str:
    normalised = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


class RecoveryCodes(ThrottlingMixin, Device):
    """A user's unused recovery codes, as digests. Using one removes it."""

    digests = models.JSONField(default=list)

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def replace_codes(self) -> list[str]:
        """Make a new set, store their digests and return the codes, shown only once."""
        codes = [
            "-".join("".join(secrets.choice(_ALPHABET) for _ in range(6)) for _ in range(2))
            for _ in range(RECOVERY_CODES)
        ]
        self.digests = [_digest(code) for code in codes]
        self.save()
        return codes

    @property
    def remaining(self) -> int:
        return len(self.digests)

    def verify_token(self, token: Any) -> bool:
        allowed, _details = self.verify_is_allowed()
        if not allowed or not isinstance(token, str):
            return False
        digest = _digest(token)
        if digest in self.digests:
            self.digests = [kept for kept in self.digests if kept != digest]
            self.throttle_reset(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False

    def get_throttle_factor(self) -> int:
        return 1
