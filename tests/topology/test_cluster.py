"""Two servers behind nginx, sharing PostgreSQL and Redis: a visitor can land on either
for any request, and losing one loses nothing that was acknowledged."""

import base64
import hashlib
import http.client
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.two_step import totp

from .conftest import RECRUITER_PASSWORD, RECRUITER_TOTP_KEY
from .pieces import Topology
from .visitor import Visitor, api_submission, new_address

pytestmark = pytest.mark.topology


def _visitor(cluster: Topology, **options: object) -> Visitor:
    return Visitor(cluster.proxy.base, cafile=cluster.proxy.certificate, **options)  # type: ignore[arg-type]


def _sign_in(visitor: Visitor, password: str) -> int:
    visitor.get("/accounts/login/")
    return visitor.post_form(
        "/accounts/login/", {"username": "recruiter", "password": password}
    ).status


def test_a_sign_in_lockout_holds_on_both_servers(cluster: Topology) -> None:
    attacker = _visitor(cluster)
    for _ in range(5):
        _sign_in(attacker, "wrong-password")
    for server in cluster.servers:
        direct = Visitor(server.base, forwarded_for=attacker.address)
        assert _sign_in(direct, RECRUITER_PASSWORD) == 429, server.base
    # The lockout is this client's, not the account's everywhere.
    assert _sign_in(_visitor(cluster), RECRUITER_PASSWORD) == 302


def test_a_session_and_csrf_token_from_one_server_work_on_the_other(cluster: Topology) -> None:
    first, second = cluster.servers
    address = new_address()
    recruiter = Visitor(first.base, address=address, forwarded_for=address)
    assert _sign_in(recruiter, RECRUITER_PASSWORD) == 302
    # The second step on the other server: the session carries from one to the next.
    code = totp(base64.b32encode(bytes.fromhex(RECRUITER_TOTP_KEY)).decode())
    on_second = recruiter.at(second.base, forwarded_for=address)
    verified = on_second.post_form("/accounts/two-step/verify/", {"code": code})
    assert verified.status == 302, verified.body[:300]
    elsewhere = on_second.at(first.base, forwarded_for=address)
    assert elsewhere.get("/recruiter/").status == 200
    created = elsewhere.post_form(
        "/recruiter/engagements/", {"client_company": "Acme", "business_unit": "EMEA"}
    )
    assert created.status == 302, "the CSRF token and session issued by the first server hold"
    assert created.location.startswith("/recruiter/engagements/")


def test_a_submit_replayed_on_both_servers_stores_one_result(cluster: Topology) -> None:
    ceo = _visitor(cluster)
    resume = ceo.answer_everything()
    on_each = [ceo.at(server.base, forwarded_for=ceo.address) for server in cluster.servers]
    barrier = threading.Barrier(len(on_each) * 3)

    def submit(visitor: Visitor) -> tuple[int, str]:
        barrier.wait()
        answer = visitor.post_form(f"/a/{resume}/review/", {})
        return answer.status, answer.location

    with ThreadPoolExecutor(max_workers=len(on_each) * 3) as pool:
        outcomes = list(pool.map(submit, on_each * 3))
    assert {status for status, _ in outcomes} == {302}
    assert len({location for _, location in outcomes}) == 1, "every replay lands on one page"
    digest = hashlib.sha256(resume.encode()).hexdigest()
    stored = cluster.sql(
        "SELECT status, submitted_at FROM assessments_assessment WHERE resume_token_digest = %s",
        digest,
    )
    assert len(stored) == 1
    assert stored[0][0] == "submitted"


def test_killing_a_server_mid_load_loses_no_acknowledged_submit(cluster: Topology) -> None:
    acknowledged: set[str] = set()
    statuses: Counter[int] = Counter()
    after_kill: list[int] = []
    killed = threading.Event()
    lock = threading.Lock()
    clients = [_visitor(cluster) for _ in range(16)]

    def submit(visitor: Visitor) -> None:
        try:
            answer = visitor.post_json("/api/v1/assessments", api_submission())
            status = answer.status
        except (OSError, http.client.HTTPException):
            # The connection dropped, or the body was cut off after its headers when the
            # server died mid-response: either way nothing was acknowledged.
            status = 0
        with lock:
            statuses[status] += 1
            if killed.is_set():
                after_kill.append(status)
            if status == 201:
                token = answer.json()["result_url"].rstrip("/").rsplit("/", 1)[-1]
                acknowledged.add(hashlib.sha256(token.encode()).hexdigest())

    def kill_when_busy() -> None:
        while sum(statuses.values()) < 120:
            time.sleep(0.01)
        cluster.servers[0].kill()
        killed.set()

    killer = threading.Thread(target=kill_when_busy)
    killer.start()
    # Three submits a client per round, 16 clients at once: 480 in all, within the
    # API's per-client limit.
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(submit, clients * 30))
    killer.join()

    stored = {
        row[0]
        for row in cluster.sql(
            "SELECT result_token_digest FROM assessments_assessment WHERE status = 'submitted'"
        )
    }
    lost = acknowledged - stored
    print(
        f"\n{sum(statuses.values())} submits through nginx to 2 servers, 1 killed with SIGKILL: "
        f"{dict(statuses)}; acknowledged {len(acknowledged)}, lost {len(lost)}"
    )
    assert not lost
    assert after_kill, "the load went on after the kill"
    # Only requests in flight on the killed server can fail; nginx sends the rest on.
    assert statuses[201] >= sum(statuses.values()) - 16
    assert [_visitor(cluster).get("/healthz").status for _ in range(10)] == [200] * 10

    cluster.respawn(0)
