"""Starting, submitting, the API and sign-in are rate-limited per client, with a clear 429."""

import json

import pytest

from tests.conftest import SIMPLE_ANSWERS
from tests.flow import answer_all, start
from tests.recruiting import recruiter

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


def test_a_window_lasts_as_configured_and_later_events_do_not_stretch_it(monkeypatch):
    import time
    from datetime import UTC, datetime

    from django.db import connection

    from rolefit import ratelimit

    clock = [time.time()]  # moved on by hand from now
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    for _ in range(3):
        assert ratelimit.hit_key("window-test", limit=3, window_seconds=3600)
    clock[0] += 3000
    assert not ratelimit.hit_key("window-test", limit=3, window_seconds=3600)
    # The stored entry outlives the cache's default timeout (300 s): it ends with the
    # window that began at the first event, whatever came after.
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM rolefit_cache WHERE cache_key LIKE '%window-test%'")
        (expires,) = cursor.fetchone()
    if isinstance(expires, str):  # SQLite returns text, PostgreSQL a datetime
        expires = datetime.fromisoformat(expires)
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    assert expires > datetime.fromtimestamp(clock[0] + 500, tz=UTC)
    clock[0] += 601  # the window of the first event is over
    assert ratelimit.hit_key("window-test", limit=3, window_seconds=3600)


def test_the_lockout_of_a_token_guesser_is_logged(client, live_version, settings, caplog):
    from rolefit import tokens

    settings.RF_TOKEN_MISS_LIMIT = 3
    with caplog.at_level("INFO", logger="rolefit.security"):
        for _ in range(5):
            client.get(f"/r/{tokens.new_token()}/")
    events = [r.getMessage() for r in caplog.records if r.name == "rolefit.security"]
    assert len(events) == 1
    assert '"event": "token_miss_lockout"' in events[0]
