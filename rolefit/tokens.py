"""Capability tokens: the unguessable links that stand in for accounts.

Only SHA-256 digests are stored, so a copy of the database does not hand out working
links. Links form a chain, each derived from the one above with HMAC: resume → owner →
result. Whoever holds a link can always rebuild the links below it (a replayed submit
lands on the same page, the owner page can show the read-only link), while a derived
link reveals nothing about the links above it.
"""

import base64
import hashlib
import hmac
import secrets

from django.utils.crypto import salted_hmac

TOKEN_BYTES = 24  # 192 bits, comfortably above the 128-bit floor
TOKEN_PATTERN = r"[A-Za-z0-9_-]{20,64}"  # noqa: S105 (a URL pattern, not a secret)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def derived_token(resume_token: str, purpose: str) -> str:
    digest = hmac.new(resume_token.encode(), purpose.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def owner_token(resume_token: str) -> str:
    return derived_token(resume_token, "owner")


def result_token(owner_token: str) -> str:
    return derived_token(owner_token, "result")


def new_salt() -> str:
    return secrets.token_hex(16)  # 128 bits


def revealable_token(namespace: str, salt: str, *, secret: str | bytes) -> str:
    """A link token that can be shown again: an HMAC of a stored random salt under the
    site's secret key. Only its digest is stored, so the database alone reveals no link."""
    return salted_hmac(namespace, salt, secret=secret, algorithm="sha256").hexdigest()
