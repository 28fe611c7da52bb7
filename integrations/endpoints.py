"""Webhook endpoints: made with a fresh signing secret, rotated with a day's overlap, and
addresses checked (here for form, and again at every delivery after DNS: delivery.py)."""

from __future__ import annotations

import base64
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_noop

from firms.models import Firm

from .models import WebhookEndpoint

OVERLAP = timedelta(hours=24)


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and base64 of 24 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def url_problem(url: str) -> str | None:
    """Why this cannot be an endpoint's address, or None. In English, as the API says
    it; the form translates it."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return gettext_noop("is not a URL")
    allowed = ("https", "http") if settings.RF_WEBHOOKS_ALLOW_PRIVATE else ("https",)
    if parts.scheme not in allowed:
        return gettext_noop("must start with https://")
    if not parts.hostname:
        return gettext_noop("needs a host name")
    if parts.username or parts.password:
        return gettext_noop("must not carry a user name or password")
    if port == 0:
        return gettext_noop("has no usable port")
    return None


def create(firm: Firm, url: str, events: list[str]) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        firm=firm, url=url, events=sorted(set(events)), secret=new_secret()
    )


def rotate_secret(endpoint: WebhookEndpoint) -> str:
    """A new secret; the old one keeps signing for a day, so receivers can switch over."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = timezone.now() + OVERLAP
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return endpoint.secret
