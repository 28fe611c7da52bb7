"""Erasure everywhere, at once: after a delete, a revocation or an expiry, no worker and
no server answers any of the links with anything but the common 404, cached copies
included. Run on the single-machine default and on two servers sharing PostgreSQL and
Redis, through nginx."""

import re
import secrets
from collections.abc import Callable

import pytest

from rolefit.tokens import result_token

from .pieces import Topology
from .visitor import Visitor

pytestmark = pytest.mark.topology

# Every worker of every server sees each link before the change: requests are spread
# round-robin by nginx and by the kernel between a server's workers.
WARM_UP = 12
CHECKS = 30


def _warm(visitor: Visitor, paths: list[str]) -> None:
    for _ in range(WARM_UP):
        for path in paths:
            assert visitor.get(path).status == 200, path


def _common_404(visitor: Visitor) -> bytes:
    missing = visitor.get(f"/r/{secrets.token_urlsafe(24)}/")
    assert missing.status == 404
    return missing.body


def _gone_everywhere(make_visitor: Callable[..., Visitor], paths: list[str]) -> None:
    for path in paths:
        # A fresh visitor per link, so the token-miss limit never turns a 404 into a 429.
        visitor = make_visitor()
        expected = _common_404(visitor)
        answers = [visitor.get(path) for _ in range(CHECKS)]
        statuses = [answer.status for answer in answers]
        assert statuses == [404] * CHECKS, f"{path}: {statuses}"
        assert all(answer.body == expected for answer in answers), f"{path} leaks a difference"


def _owned_result(owner: Visitor) -> tuple[str, str, str]:
    """A submitted assessment: its resume token, owner token and result path."""
    resume = owner.answer_everything()
    owner_path = owner.submit(resume)
    owner_token = owner_path.split("/")[2]
    assert owner.get(owner_path).status == 200
    return resume, owner_token, f"/r/{result_token(owner_token)}/"


def _share(owner: Visitor, owner_token: str, **options: object) -> str:
    created = owner.post_json(
        "/api/v1/share-links",
        {"label": "Board", **options},
        Authorization=f"Owner {owner_token}",
    )
    assert created.status == 201, created.body
    return "/s/" + created.json()["url"].rstrip("/").rsplit("/", 1)[-1] + "/"


def test_a_deleted_assessment_is_gone_from_every_worker_and_server(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    owner = visitor()
    resume, owner_token, result = _owned_result(owner)
    shared = _share(owner, owner_token)
    links = [result, shared, f"/o/{owner_token}/", f"/o/{owner_token}/export.json"]
    _warm(visitor(), links)

    deleted = owner.post_form(f"/o/{owner_token}/delete/", {"confirm": "on"})
    assert deleted.status == 302, deleted.status

    _gone_everywhere(visitor, [*links, f"/a/{resume}/", f"/a/{resume}/review/"])


def test_a_revoked_share_link_stops_everywhere_at_once(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    owner = visitor()
    _resume, owner_token, result = _owned_result(owner)
    shared = _share(owner, owner_token)
    public_id = topology.sql("SELECT public_id FROM sharing_sharelink ORDER BY id DESC LIMIT 1")
    _warm(visitor(), [shared])

    revoked = owner.request(
        "DELETE",
        f"/api/v1/share-links/{public_id[0][0]}",
        headers={"Authorization": f"Owner {owner_token}"},
    )
    assert revoked.status == 204

    _gone_everywhere(visitor, [shared])
    assert visitor().get(result).status == 200, "the owner's own link still works"


def test_an_expired_share_link_stops_everywhere(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    owner = visitor()
    _resume, owner_token, _result = _owned_result(owner)
    shared = _share(owner, owner_token, expires_in_days=1)
    _warm(visitor(), [shared])

    # The day passes: the expiry moves into the past, as the clock would move it.
    topology.sql(
        "UPDATE sharing_sharelink SET expires_at = created_at - INTERVAL '1 hour' "
        "WHERE id = (SELECT MAX(id) FROM sharing_sharelink)"
        if topology.name == "cluster"
        else "UPDATE sharing_sharelink SET expires_at = '2000-01-01 00:00:00' "
        "WHERE id = (SELECT MAX(id) FROM sharing_sharelink)"
    )

    _gone_everywhere(visitor, [shared])


def test_a_deleted_person_takes_their_rater_links_everywhere(
    topology: Topology, visitor: Callable[..., Visitor]
) -> None:
    owner = visitor()
    _resume, owner_token, _result = _owned_result(owner)
    added = owner.post_form(
        f"/o/{owner_token}/people/", {"name": "Dana Ruiz", "email": "", "kind": "candidate"}
    )
    assert added.status == 302, added.status
    person_page = owner.get(added.location)
    rater_links = sorted(set(re.findall(rb"/rate/[A-Za-z0-9_-]+/", person_page.body)))
    assert len(rater_links) >= 2, "a self-rating and an interviewer link"
    links = [link.decode() for link in rater_links]
    _warm(visitor(), links)

    deleted = owner.post_form(added.location + "delete/", {})
    assert deleted.status == 302, deleted.status

    _gone_everywhere(visitor, [*links, added.location])
