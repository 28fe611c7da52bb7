"""Query budgets: at most 3 for a results page and 4 for a questionnaire step.

The shared cache is a database table by default; its reads and writes are the cache's
cost, not the page's, so the budgets count the pages' own queries only.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import SIMPLE_ANSWERS
from tests.flow import owner_path, result_path, start, step_post, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_queries() -> Callable[[int], AbstractContextManager[None]]:
    @contextmanager
    def at_most(budget: int) -> Iterator[None]:
        with CaptureQueriesContext(connection) as captured:
            yield
        own = [q["sql"] for q in captured.captured_queries if not _cache_plumbing(q["sql"])]
        assert len(own) <= budget, f"{len(own)} queries, budget {budget}:\n" + "\n".join(own)

    return at_most


def _cache_plumbing(sql: str) -> bool:
    # The cache's own table, and the savepoints its writes are wrapped in.
    return "rolefit_cache" in sql or sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))


def test_results_and_owner_pages_stay_within_three_queries(client, live_version, page_queries):
    token = submitted(client)
    with page_queries(3):
        assert client.get(owner_path(token)).status_code == 200
    with page_queries(3):
        assert client.get(result_path(token)).status_code == 200
    with page_queries(1):
        # Served from the cache once the result is known still to exist.
        assert client.get(result_path(token)).status_code == 200


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_step_stays_within_four_queries(client, live_version, page_queries, number):
    token = start(client)
    with page_queries(4):
        assert client.get(f"/a/{token}/step/{number}/").status_code == 200
    with page_queries(4):
        response = client.post(f"/a/{token}/step/{number}/", step_post(SIMPLE_ANSWERS, number))
        assert response.status_code == 302
