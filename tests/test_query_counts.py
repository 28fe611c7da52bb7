"""Query budgets: at most 3 for a results page and 4 for a questionnaire step."""

import pytest

from .conftest import SIMPLE_ANSWERS
from .flow import answer_all, start, step_post, submit

pytestmark = pytest.mark.django_db


def test_results_and_owner_pages_stay_within_three_queries(
    client, live_version, django_assert_max_num_queries
):
    token = start(client)
    answer_all(client, token)
    owner_page = submit(client, token)
    body = client.get(owner_page).content.decode()
    share = body.split('id="share-link"')[1].split('value="')[1].split('"')[0]
    with django_assert_max_num_queries(3):
        assert client.get(owner_page).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(share.replace("http://testserver", "")).status_code == 200


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
