"""The client's address, derived one way for every limit: start, submit, the API, token
misses, email, and sign-in lockouts (django-axes calls `client_address` too).

Behind `RF_PROXY_COUNT` trusted proxies, each appending the address it received the
request from to X-Forwarded-For, the client is the address the outermost trusted proxy
saw: counted from the right, never from the left, where anyone can write anything. With
no proxy configured the header is ignored, so a direct client cannot name itself.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare


def client_address(request: HttpRequest) -> str:
    peer = str(request.META.get("REMOTE_ADDR") or "unknown")
    hops = settings.RF_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops <= 0 or not forwarded:
        return peer
    # The last proxy's own peer is REMOTE_ADDR, not in the header: appending it makes
    # the chain whole, so the client sits exactly `hops` places from the right. Stray
    # quotes and spaces a client wrote are dropped first, so they cannot hide the
    # entries the proxies added after them.
    entries = [entry.strip().strip('"').strip() for entry in forwarded.split(",")] + [peer]
    resolver = IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=hops)
    address, _trusted = resolver.get_client_ip(
        {"HTTP_X_FORWARDED_FOR": ", ".join(entries)}, strict=False
    )
    if address is not None:
        return str(address)
    # Unreadable at the client's place: count against what the proxy wrote there, never
    # against the proxy itself (that would pool every such client with honest ones).
    # A chain too short did not come through every proxy: count it against the peer.
    written = entries[-hops - 1] if len(entries) > hops else ""
    return f"unreadable:{written}" if written else peer


def client_ip(request: HttpRequest) -> str | None:
    """The same address for django-axes, which stores it in an IP-address column: None
    when it is not one (a request with no peer, or a header nothing could read)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
