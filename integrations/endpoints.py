"""Webhook endpoints: made with a fresh signing secret, rotated with a day's overlap, and
addresses checked (here for form, and again at every delivery after DNS: delivery.py)."""

from __future__ import annotations

import base64
import ipaddress
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_noop

from firms.models import Firm
from rolefit.validators import is_single_line

from .models import WebhookEndpoint

OVERLAP = timedelta(hours=24)
MAX_ENDPOINTS = 10
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and base64 of 24 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def url_problem(url: str) -> str | None:
    """Why this cannot be an endpoint's address, or None. In English, as the API says
    it; the form translates it."""
    if not is_single_line(url) or any(character.isspace() for character in url):
        return gettext_noop("must be one line, without spaces or control characters")
    allowed = ["https", "http"] if settings.RF_WEBHOOKS_ALLOW_PRIVATE else ["https"]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return gettext_noop("is not a URL")
    if parts.scheme not in allowed:
        return gettext_noop("must start with https://")
    if parts.username or parts.password:
        return gettext_noop("must not carry a user name or password")
    try:
        # Django's own check: host labels, lengths and the rest, as the web form applies.
        URLValidator(schemes=allowed)(url)
    except ValidationError:
        return gettext_noop("is not a URL")
    if not parts.hostname:
        return gettext_noop("needs a host name")
    if port == 0:
        return gettext_noop("has no usable port")
    if not settings.RF_WEBHOOKS_ALLOW_PRIVATE and not _public_literal(parts.hostname):
        return gettext_noop("points to a private, loopback or link-local address")
    return None


def _public_literal(host: str) -> bool:
    """A host name passes here (DNS is checked at each delivery); an IP address must be
    public."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return is_public(address)


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Reachable on the public internet, including what an IPv6 address carries inside
    it: ::ffff:127.0.0.1, 6to4 (2002::/16), Teredo and NAT64 (64:ff9b::/96) all lead
    back to an IPv4 address, which must be public too."""
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour
        if address.teredo:
            inner = address.teredo[1]
        if address in NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return is_public(inner)
    return True


def firm_problem(firm: Firm, url: str) -> str | None:
    """Why this firm cannot add this endpoint, or None: each event would otherwise go
    to one receiver many times."""
    theirs = WebhookEndpoint.objects.filter(firm=firm)
    if theirs.filter(url=url).exists():
        return gettext_noop("is already an endpoint of this firm")
    if theirs.count() >= MAX_ENDPOINTS:
        return gettext_noop("cannot be added: a firm has at most 10 endpoints")
    return None


def create(firm: Firm, url: str, events: list[str]) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(
        firm=firm, url=url, events=sorted(set(events)), secret=new_secret()
    )


def rotate_secret(endpoint: WebhookEndpoint) -> str:
    """A new secret; the old one keeps signing for a day, so receivers can switch over.
    Rotating again within that day retires the oldest at once: that is how an owner
    drops a leaked secret."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = timezone.now() + OVERLAP
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    return endpoint.secret
