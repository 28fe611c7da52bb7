"""Rate limits: a fixed window per client and per purpose, counted in the shared cache.

That cache is a database table by default and Redis when configured, so every worker of
every server counts against the same number, and the first refusal comes at the limit.
"""

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from . import security_log
from .clientip import client_address
from .types import View

TOKEN_MISSES = "token-miss"  # noqa: S105 (a counter name, not a secret)


def hit(request: HttpRequest, purpose: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event for this client; True while it is within `limit` per window."""
    return hit_key(
        f"{purpose}:{client_address(request)}", limit=limit, window_seconds=window_seconds
    )


def hit_key(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one event against any key (an account, say); True while within the limit."""
    return _count(key, window_seconds) <= limit


def _count(key: str, window_seconds: int) -> int:
    """Add one event to the key's window and return how many it holds now. A window
    starts at its first event and ends `window_seconds` later, however many follow."""
    key = _stored_key(key)
    if isinstance(caches["default"], DatabaseCache):
        return _count_in_database(key, window_seconds)
    return _count_in_redis(key, window_seconds)


# INCR, and the window's expiry set by the event that opens it, as one atomic script: one
# round trip, and workers and servers counting at once never lose an event. (Django's
# add() then incr() takes three: SET NX, EXISTS, INCR.) The count is a bare integer,
# as Django's Redis cache stores one, so cache.get() reads it (`_current`).
_REDIS_COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


def _count_in_redis(key: str, window_seconds: int) -> int:
    shared = caches["default"]
    stored = shared.make_and_validate_key(key)
    # Django's Redis cache has no atomic counter with an expiry; its client is the one
    # every other cache call of this process uses.
    client = shared._cache.get_client(stored, write=True)  # type: ignore[attr-defined]
    return int(client.eval(_REDIS_COUNT_SCRIPT, 1, stored, window_seconds))


def _stored_key(key: str) -> str:
    """Where a counter lives in the shared cache, apart from every other entry."""
    return f"ratelimit:{key}"


def _count_in_database(key: str, window_seconds: int) -> int:
    """The database cache has no atomic increment, and its incr() would reset the expiry
    to the cache's default. So the count is stored with its window's end, read and
    written inside a transaction that makes concurrent counters queue: SQLite's
    IMMEDIATE transactions take the write lock at BEGIN, and on PostgreSQL an advisory
    lock on the key does the same."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
        now = time.time()
        count, ends_at = cache.get(key) or (0, 0.0)
        if ends_at <= now:
            count, ends_at = 0, now + window_seconds
        count += 1
        cache.set(key, (count, ends_at), timeout=math.ceil(ends_at - now))
        return int(count)


def _current(key: str) -> int:
    return _count_in(cache.get(_stored_key(key)))


def _count_in(value: Any) -> int:
    """The events a stored counter holds now, whichever cache stored it."""
    if isinstance(value, tuple | list):  # the database cache's (count, window end)
        count, ends_at = value
        return int(count) if ends_at > time.time() else 0
    return int(value or 0)


def forget_key(key: str) -> None:
    """Start the key's count afresh (a correct second factor clears the failures)."""
    cache.delete(_stored_key(key))


def exceeded(request: HttpRequest, purpose: str, *, limit: int) -> bool:
    """Whether the client has used up its budget of `limit` events, without counting one."""
    return exceeded_key(f"{purpose}:{client_address(request)}", limit=limit)


def exceeded_key(key: str, *, limit: int) -> bool:
    return _current(key) >= limit


def token_lookups_blocked(request: HttpRequest) -> bool:
    """Whether this client guessed wrong too often: then every token lookup gets a 429."""
    return exceeded(request, TOKEN_MISSES, limit=settings.RF_TOKEN_MISS_LIMIT)


def token_lookups_blocked_reading(request: HttpRequest, key: str) -> tuple[bool, Any]:
    """`token_lookups_blocked`, and the shared cache's value under `key` (None if it has
    none), read in the same round trip to the cache."""
    counter = _stored_key(f"{TOKEN_MISSES}:{client_address(request)}")
    values = cache.get_many([counter, key])
    return _count_in(values.get(counter)) >= settings.RF_TOKEN_MISS_LIMIT, values.get(key)


def record_token_miss(request: HttpRequest) -> bool:
    """Count a miss; False once this one is over the limit. The answer comes from the
    count itself, so misses sent all at once get exactly the limit's worth of 404s."""
    limit = settings.RF_TOKEN_MISS_LIMIT
    count = _count(
        f"{TOKEN_MISSES}:{client_address(request)}", settings.RF_TOKEN_MISS_WINDOW_SECONDS
    )
    if count == limit:  # this miss used up the budget: the client is locked out now
        security_log.record("token_miss_lockout", request, misses=limit)
    return count <= limit


def limited(
    purpose: str, *, setting: str, window_seconds: int, methods: tuple[str, ...] = ("POST",)
) -> Callable[[View], View]:
    """Refuse a client with a clear 429 once it passes `settings.<setting>` requests per window.

    Only the listed methods count, so reading a page never uses up the budget for acting.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                allowed = hit(
                    request,
                    purpose,
                    limit=getattr(settings, setting),
                    window_seconds=window_seconds,
                )
                if not allowed:
                    return too_many(request, retry_after=window_seconds)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"errors": {"detail": "too many requests; try again later"}}, status=429
        )
    else:
        response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


# The limits views share, named once.
creating = limited("create", setting="RF_CREATE_LIMIT_PER_HOUR", window_seconds=3600)
starting = limited("start", setting="RF_START_LIMIT_PER_HOUR", window_seconds=3600)
calling_the_api = limited("api", setting="RF_API_LIMIT_PER_MINUTE", window_seconds=60)
