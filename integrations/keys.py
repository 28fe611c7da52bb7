"""API keys: made, shown once, found again by their public part, checked by digest.

A key reads `rf_live_<id>_<secret>`. The prefix lets secret scanners (GitHub's, say)
recognise a leaked key; the id finds the row without a scan; only the SHA-256 of the
whole key is stored, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from firms.models import Firm

from .models import ApiKey

PREFIX = "rf_live_"
_KEY = re.compile(r"^rf_live_([a-z0-9]{12})_([A-Za-z0-9_-]{32,64})$")
# A key's last use is written at most this often: a busy tool must not write every call.
LAST_USE_PRECISION = timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(
    firm: Firm, name: str, scopes: list[str], *, by: User | None, expires_in_days: int | None
) -> tuple[ApiKey, str]:
    """A new key and its text, which exists only in this return value."""
    key_id = "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(12))
    text = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    key = ApiKey.objects.create(
        firm=firm,
        name=name,
        key_id=key_id,
        digest=_digest(text),
        scopes=sorted(set(scopes)),
        created_by=by,
        expires_at=expires_at,
    )
    return key, text


def authenticate(text: str) -> ApiKey | None:
    """The usable key this text is, or None: unknown, revoked and expired alike."""
    match = _KEY.match(text.strip())
    if match is None:
        return None
    key = ApiKey.objects.usable().select_related("firm").filter(key_id=match.group(1)).first()
    if key is None or not hmac.compare_digest(key.digest, _digest(text.strip())):
        return None
    now = timezone.now()
    not_lately = Q(last_used_at=None) | Q(last_used_at__lt=now - LAST_USE_PRECISION)
    ApiKey.objects.filter(not_lately, pk=key.pk).update(last_used_at=now)
    return key
