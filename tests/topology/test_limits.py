"""Rate limits per real client, holding their number: through nginx, every worker and
server counts against one budget per client, the first 429 comes exactly at the
configured limit even when the requests arrive all at once, and one client's guessing
never locks out another, whatever it writes in X-Forwarded-For."""

import secrets
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from .pieces import Topology
from .visitor import Visitor, api_submission

pytestmark = pytest.mark.topology

PARALLEL = 12


def _all_at_once(count: int, send: Callable[[], int]) -> Counter[int]:
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return Counter(pool.map(lambda _: send(), range(count)))


def test_a_guesser_is_stopped_at_the_limit_and_nobody_else_is(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    limit = topology.settings["RF_TOKEN_MISS_LIMIT"]
    owner = visitor()
    owner_path = owner.submit(owner.answer_everything())
    guesser = visitor()

    statuses = _all_at_once(
        2 * limit, lambda: guesser.get(f"/r/{secrets.token_urlsafe(24)}/").status
    )
    assert statuses == {404: limit, 429: limit}

    # Naming the owner's address in X-Forwarded-For neither frees the guesser nor
    # harms the owner: nginx appends the real address, and the app reads from the right.
    spoofed = guesser.get(owner_path, **{"X-Forwarded-For": owner.address})
    assert spoofed.status == 429
    assert spoofed.headers["Retry-After"]
    # Nor does a header nothing can parse (a lone quote once hid nginx's entry).
    for header in ['"', '"1.2.3.4', "garbage", "::::"]:
        assert guesser.get(owner_path, **{"X-Forwarded-For": header}).status == 429, header
    assert [owner.get(owner_path).status for _ in range(20)] == [200] * 20


def test_starting_is_limited_at_the_configured_number(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    limit = topology.settings["RF_START_LIMIT_PER_HOUR"]
    ceo = visitor()
    ceo.get("/")
    statuses = _all_at_once(
        limit + 8, lambda: ceo.post_form("/start/", {"business_unit": ""}).status
    )
    assert statuses == {302: limit, 429: 8}
    assert visitor().post_form("/start/", {"business_unit": ""}).status == 302


def test_the_api_is_limited_at_the_configured_number(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    limit = topology.settings["RF_API_LIMIT_PER_MINUTE"]
    client = visitor()
    statuses = _all_at_once(
        limit + 10, lambda: client.post_json("/api/v1/assessments", api_submission()).status
    )
    assert statuses == {201: limit, 429: 10}
