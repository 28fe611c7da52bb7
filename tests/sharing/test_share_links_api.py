"""POST /api/v1/share-links and DELETE /api/v1/share-links/<id>, authenticated by owner token."""

import json

import pytest

from rolefit import tokens
from sharing.models import ShareLink
from tests.flow import submitted

pytestmark = pytest.mark.django_db
URL = "/api/v1/share-links"


def owner_header(resume_token):
    return {"HTTP_AUTHORIZATION": f"Owner {tokens.owner_token(resume_token)}"}


def post(client, body, headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **headers)


def test_create_then_revoke(client, live_version):
    token = submitted(client)
    response = post(client, {"label": "Acme", "expires_in_days": 7}, owner_header(token))
    assert response.status_code == 201
    data = response.json()
    assert data["expires_at"]
    path = data["url"].replace("http://testserver", "")
    assert client.get(path).status_code == 200
    deleted = client.delete(f"{URL}/{data['id']}", **owner_header(token))
    assert deleted.status_code == 204
    assert client.get(path).status_code == 404
    replay = client.delete(f"{URL}/{data['id']}", **owner_header(token))
    assert replay.status_code == 404


def test_no_expiry_means_never(client, live_version):
    token = submitted(client)
    response = post(client, {"label": "Acme"}, owner_header(token))
    assert response.json()["expires_at"] is None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Owner"},
        {"HTTP_AUTHORIZATION": "Bearer abc"},
        {"HTTP_AUTHORIZATION": "Owner " + "x" * 40},
    ],
)
def test_bad_tokens_are_404(client, live_version, headers):
    submitted(client)
    assert post(client, {"label": "Acme"}, headers).status_code == 404
    assert not ShareLink.objects.exists()


def test_a_foreign_owner_cannot_revoke(client, live_version):
    mine, theirs = submitted(client), submitted(client)
    created = post(client, {"label": "Acme"}, owner_header(theirs)).json()
    assert client.delete(f"{URL}/{created['id']}", **owner_header(mine)).status_code == 404
    assert client.delete(f"{URL}/not-a-uuid", **owner_header(theirs)).status_code == 404
    assert ShareLink.objects.get().revoked_at is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"label": ""}, "label"),
        ({"label": "x" * 121}, "label"),
        ({}, "label"),
        ({"label": "Acme", "expires_in_days": 5}, "expires_in_days"),
        ({"label": "Acme", "expires_in_days": "soon"}, "expires_in_days"),
        ({"label": "Acme", "colour": "red"}, "colour"),
        ("{not json", "body"),
        ("[]", "body"),
    ],
)
def test_malformed_bodies_are_400_per_field(client, live_version, body, field):
    token = submitted(client)
    response = post(client, body, owner_header(token))
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ShareLink.objects.exists()
