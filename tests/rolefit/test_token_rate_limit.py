"""Guessing tokens is rate-limited per client, with a clear 429, on pages and the API."""

import pytest

from rolefit import tokens
from tests.flow import owner_path, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limit(settings):
    settings.RF_TOKEN_MISS_LIMIT = 3


def test_too_many_unknown_tokens_get_a_429(client, live_version, low_limit):
    token = submitted(client)
    for _ in range(3):
        assert client.get(f"/s/{tokens.new_token()}/").status_code == 404
    response = client.get(f"/o/{tokens.new_token()}/")
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert response["Retry-After"]
    assert client.get(owner_path(token)).status_code == 429, "even a right guess is refused"


def test_other_clients_are_not_affected(client, live_version, low_limit):
    token = submitted(client)
    for _ in range(4):
        client.get(f"/r/{tokens.new_token()}/")
    assert client.get(owner_path(token), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_the_api_counts_misses_too(client, live_version, low_limit):
    headers = {"HTTP_AUTHORIZATION": f"Owner {tokens.new_token()}"}
    for _ in range(3):
        assert (
            client.post("/api/v1/share-links", "{}", "application/json", **headers).status_code
            == 404
        )
    blocked = client.post("/api/v1/share-links", "{}", "application/json", **headers)
    assert blocked.status_code == 429
    assert blocked.json()["errors"]
