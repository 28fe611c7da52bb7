"""integrations/keys.py and the engagements API: keys by digest, one 401 for every bad
key, 403 outside a scope, each key's own limit, and engagements by API."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from integrations.keys import create_key
from integrations.models import ApiKey
from recruiters.models import Engagement
from tests.conftest import COMPLEX_ANSWERS
from tests.recruiting import firm_of, recruiter, signed_in

pytestmark = pytest.mark.django_db
ALL = ["engagements:read", "engagements:write", "webhooks:manage"]


@pytest.fixture
def firm(live_version):
    return firm_of(recruiter("olga"))


def _key(firm, scopes=ALL) -> str:
    return create_key(firm, "ATS", scopes, by=firm.memberships.get().user, expires_in_days=None)[1]


def _call(method: str, path: str, key: str | None = None, body=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    data = json.dumps(body) if body is not None else None
    client = Client()
    call = getattr(client, method)
    if data is None:
        return call(path, **headers, **extra)
    return call(path, data, content_type="application/json", **headers, **extra)


def test_a_key_is_recognisable_shown_once_and_stored_as_a_digest(firm):
    text = _key(firm)
    assert re.fullmatch(r"rf_live_[a-z0-9]{12}_[A-Za-z0-9_-]{40,}", text)
    stored = ApiKey.objects.get()
    assert text not in json.dumps(list(ApiKey.objects.values()), default=str)
    assert stored.digest != text
    assert _call("get", "/api/v1/engagements", text).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_unknown_revoked_and_expired_keys_get_the_same_401(firm):
    good = _key(firm)
    revoked, expired = _key(firm), _key(firm)
    ApiKey.objects.filter(key_id=revoked.split("_")[2]).update(revoked_at=timezone.now())
    ApiKey.objects.filter(key_id=expired.split("_")[2]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    tampered = good[:-4] + "AAAA"
    answers = [
        _call("get", "/api/v1/engagements", key)
        for key in (None, "nope", revoked, expired, tampered)
    ]
    assert {answer.status_code for answer in answers} == {401}
    assert len({answer.content for answer in answers}) == 1
    assert answers[0]["WWW-Authenticate"].startswith("Bearer")


def test_a_key_outside_its_scopes_gets_403(firm):
    reader = _key(firm, ["engagements:read"])
    response = _call("post", "/api/v1/engagements", reader, {"client_company": "Acme"})
    assert response.status_code == 403
    assert "engagements:write" in response.json()["errors"]["auth"]
    assert _call("get", "/api/v1/webhooks", reader).status_code == 403


def test_each_key_has_its_own_limit_with_retry_after(firm, settings):
    settings.RF_API_KEY_LIMIT_PER_MINUTE = 3
    busy, other = _key(firm), _key(firm)
    statuses = [_call("get", "/api/v1/engagements", busy).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = _call("get", "/api/v1/engagements", busy)
    assert limited["Retry-After"] == "60"
    assert _call("get", "/api/v1/engagements", other).status_code == 200


def test_engagements_are_created_listed_read_and_completed(firm):
    key = _key(firm)
    made = _call(
        "post", "/api/v1/engagements", key, {"client_company": "Acme", "business_unit": "EMEA"}
    )
    assert made.status_code == 201
    engagement = made.json()
    assert engagement["status"] == "invited"
    invite = engagement["invite_url"].rsplit("/", 2)[-2]
    answered = _call(
        "post", "/api/v1/assessments", body={"answers": COMPLEX_ANSWERS, "invite": invite}
    )
    assert answered.status_code == 201
    one = _call("get", f"/api/v1/engagements/{engagement['id']}?language=es", key).json()
    assert one["status"] == "completed"
    assert one["result"]["role_title"] == "Director de Ingresos (CRO)"
    listed = _call("get", "/api/v1/engagements?status=completed&limit=10", key).json()
    assert listed["count"] == 1
    assert listed["items"][0]["id"] == engagement["id"]
    assert _call("get", "/api/v1/engagements?status=invited", key).json()["count"] == 0


def test_another_firms_engagement_is_404_and_a_bad_invite_is_a_field_error(firm):
    theirs = Engagement.objects.create(firm=firm_of(recruiter("otto")), client_company="Initech")
    key = _key(firm)
    assert _call("get", f"/api/v1/engagements/{theirs.public_id}", key).status_code == 404
    wrong = _call(
        "post", "/api/v1/assessments", body={"answers": COMPLEX_ANSWERS, "invite": "x" * 43}
    )
    assert wrong.status_code == 400
    assert "invite" in wrong.json()["errors"]


def test_create_api_key_prints_a_key_for_operators(firm, capsys):
    call_command("create_api_key", firm=firm.slug, name="Zapier", scopes="engagements:read")
    text = capsys.readouterr().out.strip()
    assert _call("get", "/api/v1/engagements", text).status_code == 200
    with pytest.raises(CommandError, match="unknown scope"):
        call_command("create_api_key", firm=firm.slug, name="x", scopes="everything")
    with pytest.raises(CommandError, match="no firm"):
        call_command("create_api_key", firm="nope", name="x", scopes="engagements:read")


def test_only_owners_manage_keys_and_the_key_is_shown_once(firm):
    owner = signed_in(firm.memberships.get().user)
    page = owner.post(
        "/firm/integrations/keys/", {"name": "Greenhouse", "scopes": ["engagements:read"]}
    )
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    shown = re.search(r"rf_live_[a-z0-9]{12}_[A-Za-z0-9_-]+", page.content.decode())
    assert shown is not None
    text = shown.group(0)
    assert text not in owner.get("/firm/integrations/").content.decode()
    from firms.models import Role

    viewer = signed_in(recruiter("vic", firm, Role.VIEWER))
    assert viewer.get("/firm/integrations/").status_code == 403
    key = ApiKey.objects.get()
    assert owner.post(f"/firm/integrations/keys/{key.pk}/revoke/").status_code == 302
    assert _call("get", "/api/v1/engagements", text).status_code == 401


def test_wrong_keys_lock_out_wrong_keys_only(firm, settings):
    """Firms behind one shared egress address: one client guessing keys must not lock
    out another's right key, while the guesser keeps getting 429."""
    settings.RF_TOKEN_MISS_LIMIT = 3
    right = _key(firm)
    wrong = "rf_live_aaaaaaaaaaaa_" + "B" * 43
    statuses = [_call("get", "/api/v1/engagements", wrong).status_code for _ in range(5)]
    assert statuses[-1] == 429
    assert _call("get", "/api/v1/engagements", right).status_code == 200
    assert _call("get", "/api/v1/engagements", wrong).status_code == 429


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"])
def test_a_date_filter_off_the_calendar_is_a_400(firm, moment):
    answer = _call("get", "/api/v1/engagements", _key(firm), data={"created_after": moment})
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"created_after": "Value error, is out of range"}}


def test_a_method_an_operation_does_not_take_is_a_json_405(firm):
    answer = _call("put", "/api/v1/webhooks", _key(firm), body={})
    assert answer.status_code == 405
    assert answer.json() == {"errors": {"detail": "method not allowed"}}
    assert "POST" in answer["Allow"]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://127.0.0.1:9443/", "points to a private, loopback or link-local address"),
        ("https://a..b/", "is not a URL"),
        (
            "https://hooks.example.com/a\r\nX: 1",
            "must be one line, without spaces or control characters",
        ),
        ("https://hooks.example.com/same", "is already an endpoint of this firm"),
    ],
)
def test_the_api_refuses_the_addresses_the_form_refuses(firm, settings, url, problem):
    settings.RF_WEBHOOKS_ALLOW_PRIVATE = False
    key = _key(firm)
    body = {"url": "https://hooks.example.com/same", "events": ["engagement.created"]}
    assert _call("post", "/api/v1/webhooks", key, body=body).status_code == 201
    answer = _call("post", "/api/v1/webhooks", key, body={**body, "url": url})
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"url": problem}}
