"""rolefit/redaction.py: capability tokens never reach a log line, from Django or
gunicorn; six characters stay so an operator can still correlate requests."""

import logging
import re

import pytest
from django.urls import get_resolver

from rolefit.redaction import TOKEN_ROUTES, RedactingFormatter, redact
from rolefit.tokens import new_token
from tests.flow import owner_path, submitted

TOKEN = new_token()


@pytest.mark.parametrize(
    "line",
    [
        f'GET /o/{TOKEN}/export.json HTTP/1.1" 200',
        f"Not Found: /r/{TOKEN}/",
        f'"https://rolefit.example.com/a/{TOKEN}/step/2/"',
        f"/plan/{'f' * 64}/tasks.csv",
        f"/org/{TOKEN}/units/",
    ],
)
def test_every_token_in_a_line_is_cut_to_six_characters(line):
    redacted = redact(line)
    token = TOKEN if "f" * 64 not in line else "f" * 64
    assert token not in redacted
    assert token[:6] + "…" in redacted


def test_paths_without_tokens_are_left_alone():
    for line in ["GET /start/ HTTP/1.1", "/admin/assessments/", "/static/js/figure.js"]:
        assert redact(line) == line


def test_the_routes_list_matches_every_url_that_takes_a_token():
    routes = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            route = str(inner.pattern)
            if "<token:" in route:
                routes.add(route.split("/")[0])
    assert routes == set(TOKEN_ROUTES)


def test_the_shipped_nginx_log_redacts_the_same_routes():
    from tests.topology.pieces import DEPLOY

    config = (DEPLOY / "nginx.conf").read_text()
    listed = re.search(r"\(\?:([a-z|]+)\)/\[A-Za-z0-9_-\]\{6\}", config)
    assert listed
    assert set(listed.group(1).split("|")) == set(TOKEN_ROUTES)


@pytest.mark.django_db
def test_djangos_404_and_500_lines_are_redacted(client, live_version, caplog):
    owner = owner_path(submitted(client))
    unknown = new_token()
    formatter = RedactingFormatter()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/r/{unknown}/")
        client.get(f"{owner}people/00000000-0000-0000-0000-000000000000/")
    text = "\n".join(formatter.format(record) for record in caplog.records)
    assert "Not Found" in text
    assert unknown not in text
    assert owner.split("/")[2] not in text


@pytest.mark.parametrize(
    "line",
    [
        f'"GET /accounts/two-step/verify/?next=%2Fo%2F{TOKEN}%2F HTTP/1.1"',
        f"GET /r/%5a{TOKEN[1:]}/ HTTP/1.1",
        f"GET /r%2F{TOKEN}/ HTTP/1.1",
        f"GET /%72/{TOKEN}/ HTTP/1.1",
        f"GET /r%252F{TOKEN}/ HTTP/1.1",
    ],
)
def test_escaped_tokens_are_cut_short_too(line):
    assert TOKEN[1:] not in redact(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            '"GET /api/v1/engagements?api_key=rf_live_w8kibvju57d5_Dupf0aZ-9xQ_r HTTP/1.1" 401',
            "rf_live_w8kibvju57d5_…",
        ),
        ("Authorization=Bearer%20rf_live_w8kibvju57d5_Dupf0aZ9xQ", "rf_live_w8kibvju57d5_…"),
        ("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw= rotated", "whsec_…"),
    ],
)
def test_api_keys_and_signing_secrets_keep_only_their_public_part(line, kept):
    redacted = redact(line)
    assert kept in redacted
    assert "Dupf" not in redacted
    assert "MfKQ" not in redacted


@pytest.mark.parametrize(
    "line",
    [
        '127.0.0.1 "GET /healthz?x=%0a127.0.0.1%20-%20-%20%22GET%20/admin/%22%20200 HTTP/1.1"',
        f'"GET /team/{TOKEN}/?x=%0aFORGED HTTP/1.1"',
        f'"GET /o/%5a{TOKEN[1:]}/?x=%0d%0aFORGED%00%E2%80%A8 HTTP/1.1"',
        '{"event": "sign_in_failed", "username": "nobody%0a{%22event%22: %22sign_in%22}"}',
    ],
)
def test_a_visitors_escapes_never_split_or_forge_a_line(line):
    redacted = redact(line)
    assert "\n" not in redacted
    assert "\r" not in redacted
    assert "\x00" not in redacted
    assert "\u2028" not in redacted
    assert TOKEN[1:] not in redacted


def test_a_traceback_keeps_its_lines():
    assert redact(f"Traceback:\n  File x\nHttp404: /o/{TOKEN}/") == (
        f"Traceback:\n  File x\nHttp404: /o/{TOKEN[:6]}…/"
    )
