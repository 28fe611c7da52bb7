"""Every page carries a strict CSP and the other protective headers."""

import pytest

from tests.flow import owner_path, result_path, submitted

pytestmark = pytest.mark.django_db


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/", "/healthz"])
def test_public_pages_have_a_strict_policy(client, live_version, path):
    response = client.get(path)
    directives = _directives(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("no-referrer", "same-origin")
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_private_pages_too(client, live_version):
    token = submitted(client)
    for path in (owner_path(token), result_path(token), f"/a/{token}/"):
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"]


def test_cookies_are_httponly_and_samesite(client, live_version):
    response = client.get("/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_admin_works_under_the_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert b"<script>" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/recruiter/", "/recruiter/organisations/"])
def test_signed_in_pages_are_never_stored_by_a_cache(client, live_version, path):
    from tests.recruiting import recruiter

    client.force_login(recruiter("alice"))
    cache_control = client.get(path)["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/start/", "/accounts/login/", "/language/en/", "/org/new/"])
def test_a_form_body_in_another_charset_is_a_400(live_version, path):
    from django.test import Client

    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/")
    token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&business_unit=x".encode("utf-16")
    response = client.generic(
        "POST",
        path,
        body,
        content_type="application/x-www-form-urlencoded; charset=utf-16",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_responses_that_hand_out_a_link_are_never_stored(client, live_version):
    import json

    from tests.conftest import SIMPLE_ANSWERS

    started = client.post("/start/", {"business_unit": ""})
    assert started["Location"].startswith("/a/")
    assert "no-store" in started["Cache-Control"]
    organisation = client.post("/org/new/", {"name": "Acme"})
    assert "no-store" in organisation["Cache-Control"]
    body = json.dumps({"answers": SIMPLE_ANSWERS})
    created = client.post("/api/v1/assessments", body, content_type="application/json")
    assert created.status_code == 201
    assert "no-store" in created["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", ""), "public pages may be"
