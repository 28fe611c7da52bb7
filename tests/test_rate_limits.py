"""Starting, submitting, the API and sign-in are rate-limited per client, with a clear 429."""

import json

import pytest

from .conftest import SIMPLE_ANSWERS
from .flow import answer_all, start
from .recruiting import recruiter

pytestmark = pytest.mark.django_db


def test_starting_too_often_is_a_429(client, live_version, settings):
    settings.RF_START_LIMIT_PER_HOUR = 2
    start(client)
    start(client)
    response = client.post("/start/", {"business_unit": ""})
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert response["Retry-After"] == "3600"
    assert client.get("/").status_code == 200, "reading is never limited"


def test_submitting_too_often_is_a_429(client, live_version, settings):
    settings.RF_SUBMIT_LIMIT_PER_HOUR = 1
    token = start(client)
    answer_all(client, token)
    assert client.post(f"/a/{token}/review/").status_code == 302
    assert client.post(f"/a/{token}/review/").status_code == 429


def test_the_api_answers_429_in_json(client, live_version, settings):
    settings.RF_API_LIMIT_PER_MINUTE = 1
    body = json.dumps({"answers": SIMPLE_ANSWERS})
    assert client.post("/api/v1/assessments", body, "application/json").status_code == 201
    response = client.post("/api/v1/assessments", body, "application/json")
    assert response.status_code == 429
    assert response.json()["errors"]["detail"].startswith("too many requests")


def test_five_wrong_passwords_lock_the_account_and_staff_can_unlock(client, live_version):
    from axes.models import AccessAttempt

    recruiter("alice")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "alice", "password": "s3cret-pass-123"})
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert AccessAttempt.objects.filter(username="alice").exists()
    AccessAttempt.objects.all().delete()  # what "unlock" in the admin does
    unlocked = client.post("/accounts/login/", {"username": "alice", "password": "s3cret-pass-123"})
    assert unlocked.status_code == 302


def test_creating_things_is_limited_too(client, live_version, settings):
    settings.RF_CREATE_LIMIT_PER_HOUR = 2
    response = client.post("/org/new/", {"name": "Acme"})
    org_url = response["Location"]
    for name in ("A", "B"):
        assert client.post(org_url, {"name": name, "cadence_days": "91"}).status_code == 302
    assert client.post(org_url, {"name": "C", "cadence_days": "91"}).status_code == 429
