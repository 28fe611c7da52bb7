"""Query budgets: each page's number of queries, written down, so a change that adds one
fails here and has to raise the page's budget on purpose.

The numbers count the page's own queries. The shared cache is a database table by
default; its reads and writes (and the savepoints around them) are the cache's cost,
not the page's, and go to Redis on a cluster, so they are left out. docs/performance.md
turns these counts and the benchmark into capacity figures.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recruiters.models import Engagement
from tests.conftest import SIMPLE_ANSWERS
from tests.flow import (
    answer_all,
    owner_path,
    result_path,
    share_through_owner_page,
    start,
    step_post,
    submitted,
)
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter, signed_in

pytestmark = pytest.mark.django_db

BUDGETS = {
    # The draft by its token, then the first view of a step is recorded (one insert).
    "step GET": 3,
    # The draft, its answers and the step's timing, both written in one transaction (in
    # one statement on PostgreSQL, so two queries there).
    "step POST": 3,
    "review GET": 2,
    # The draft; then, in one transaction, its answers read again with the row locked (a
    # step saved from another tab meanwhile is in the result) and the result stored.
    "review POST (submit)": 3,
    # Which version is live (the version itself is kept in memory), then the new
    # assessment, stored submitted with its frozen result in one insert.
    "submit API": 2,
    # The result by its link, and the once-a-day "last opened" write; then, after the
    # page is kept (whole: its body gets no copy of its own), a look that it still
    # exists, so a delete during the render never leaves a copy behind.
    "results page, cache miss": 3,
    # None: the page kept under its link is read with the guessing count, in one read of
    # the shared cache; a delete takes it from there (tests/assessments/
    # test_result_page_cache.py).
    "results page, cache hit": 0,
    # The link with its result's id and state (checked usable on every view), and the
    # view recorded: count and event (one statement on PostgreSQL).
    "shared page, cache hit": 3,
    # The same, and the frozen result, read only to render the page; and the two looks
    # after storing the body and the page, as on the results page.
    "shared page, cache miss": 6,
    # The assessment, its share links, its outcome link and outcomes.
    "owner page": 4,
    # Session, user, second factor, membership, then the count and one page of rows:
    # the same for 1 engagement or 1,000.
    "recruiter dashboard": 6,
    "engagement page": 8,
}


@pytest.fixture
def within() -> Callable[[str], AbstractContextManager[None]]:
    @contextmanager
    def budget(page: str) -> Iterator[None]:
        with CaptureQueriesContext(connection) as captured:
            yield
        own = [q["sql"] for q in captured.captured_queries if not _cache_plumbing(q["sql"])]
        allowed = BUDGETS[page]
        assert len(own) <= allowed, f"{page}: {len(own)} queries, budget {allowed}:\n" + (
            "\n".join(own)
        )

    return budget


def _cache_plumbing(sql: str) -> bool:
    # The cache's table, the savepoints around its writes, and on PostgreSQL the advisory
    # lock that queues rate-limit counters in it (rolefit/ratelimit.py).
    return (
        "rolefit_cache" in sql
        or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        or "pg_advisory_xact_lock" in sql
    )


@pytest.mark.parametrize("number", [1, 2, 3])
def test_questionnaire_steps(client, live_version, within, number):
    token = start(client)
    with within("step GET"):
        assert client.get(f"/a/{token}/step/{number}/").status_code == 200
    with within("step POST"):
        response = client.post(f"/a/{token}/step/{number}/", step_post(SIMPLE_ANSWERS, number))
        assert response.status_code == 302


def test_review_and_submit(client, live_version, within):
    token = start(client)
    answer_all(client, token)
    with within("review GET"):
        assert client.get(f"/a/{token}/review/").status_code == 200
    with within("review POST (submit)"):
        assert client.post(f"/a/{token}/review/").status_code == 302


def test_submit_api(client, live_version, within):
    def submit() -> int:
        body = {"answers": SIMPLE_ANSWERS}
        return client.post("/api/v1/assessments", body, content_type="application/json").status_code

    assert submit() == 201  # the first call in a process reads the live version once
    with within("submit API"):
        assert submit() == 201


def test_results_page_on_a_miss_and_on_a_hit(client, live_version, within):
    path = result_path(submitted(client))
    with within("results page, cache miss"):
        assert client.get(path).status_code == 200
    with within("results page, cache hit"):
        # Served from the shared cache, where a delete would have erased it.
        assert client.get(path).status_code == 200


def test_shared_and_owner_pages(client, live_version, within):
    token = submitted(client)
    shared = share_through_owner_page(client, token)
    reader = Client()
    with within("shared page, cache miss"):
        assert reader.get(shared).status_code == 200
    with within("shared page, cache hit"):
        assert reader.get(shared).status_code == 200
    with within("owner page"):
        assert client.get(owner_path(token)).status_code == 200


@pytest.mark.parametrize("engagements", [1, 40])
def test_the_dashboard_costs_the_same_whatever_the_number_of_engagements(
    live_version, within, engagements
):
    alice = recruiter("alice")
    Engagement.objects.bulk_create(
        Engagement(
            firm=firm_of(alice), recruiter=alice, client_company=f"C{n}", token_digest=f"{n:064x}"
        )
        for n in range(engagements)
    )
    client = signed_in(alice)
    with within("recruiter dashboard"):
        assert client.get("/recruiter/").status_code == 200


def test_engagement_page(live_version, within):
    alice = recruiter("alice")
    engagement = engagement_for(alice)
    ceo_answers_invite(engagement)
    client = signed_in(alice)
    with within("engagement page"):
        assert client.get(engagement.get_absolute_url()).status_code == 200
