"""Cache-backed rate limits: a fixed window per client and per purpose.

The cache is local memory by default and Redis when several app servers share the load,
so the same counters hold across processes there.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

TOKEN_MISSES = "token-miss"  # noqa: S105 (a counter name, not a secret)


def client_key(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(request: HttpRequest, purpose: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event; True while the client is within `limit` events per window."""
    key = f"ratelimit:{purpose}:{client_key(request)}"
    # add() only sets a missing key, so the window starts at the first event.
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit


def exceeded(request: HttpRequest, purpose: str, *, limit: int) -> bool:
    """Whether the client has used up its budget of `limit` events, without counting one."""
    count = cache.get(f"ratelimit:{purpose}:{client_key(request)}", 0)
    return bool(count >= limit)


def token_lookups_blocked(request: HttpRequest) -> bool:
    """Whether this client guessed wrong too often: then every token lookup gets a 429."""
    return exceeded(request, TOKEN_MISSES, limit=settings.RF_TOKEN_MISS_LIMIT)


def record_token_miss(request: HttpRequest) -> None:
    hit(
        request,
        TOKEN_MISSES,
        limit=settings.RF_TOKEN_MISS_LIMIT,
        window_seconds=settings.RF_TOKEN_MISS_WINDOW_SECONDS,
    )
