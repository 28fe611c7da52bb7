"""Query budgets: at most 3 for a results page and 4 for a questionnaire step."""

import pytest

from .conftest import SIMPLE_ANSWERS
from .flow import owner_path, result_path, start, step_post, submitted

pytestmark = pytest.mark.django_db


def test_results_and_owner_pages_stay_within_three_queries(
    client, live_version, django_assert_max_num_queries
):
    token = submitted(client)
    with django_assert_max_num_queries(3):
        assert client.get(owner_path(token)).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(result_path(token)).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(result_path(token)).status_code == 200, "served from the cache"


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_step_stays_within_four_queries(
    client, live_version, django_assert_max_num_queries, number
):
    token = start(client)
    with django_assert_max_num_queries(4):
        assert client.get(f"/a/{token}/step/{number}/").status_code == 200
    with django_assert_max_num_queries(4):
        response = client.post(f"/a/{token}/step/{number}/", step_post(SIMPLE_ANSWERS, number))
        assert response.status_code == 302
