"""Links are unguessable, stored only as digests, and fail closed."""

import hashlib

import pytest

from assessments.models import Assessment
from rolefit import tokens
from tests.flow import answer_all, result_path, start, submit

pytestmark = pytest.mark.django_db


def test_tokens_carry_at_least_128_bits_and_are_never_stored(client, live_version):
    token = start(client)
    assert tokens.TOKEN_BYTES * 8 >= 128
    assert len(token) >= 22
    row = Assessment.objects.values().get()
    assert row["resume_token_digest"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(row)
    owner = tokens.owner_token(token)
    assert owner not in str(row)
    assert tokens.result_token(owner) not in str(row)


def test_derived_links_are_distinct_and_stable():
    resume = tokens.new_token()
    owner = tokens.owner_token(resume)
    assert len({resume, owner, tokens.result_token(owner)}) == 3
    assert tokens.owner_token(resume) == owner
    assert tokens.new_token() != resume


@pytest.mark.parametrize("prefix", ["a", "r", "o"])
def test_unknown_tokens_are_404(client, live_version, prefix):
    response = client.get(f"/{prefix}/{tokens.new_token()}/")
    assert response.status_code == 404


def test_a_draft_has_no_result_page_yet(client, live_version):
    token = start(client)
    owner = tokens.owner_token(token)
    assert client.get(f"/o/{owner}/").status_code == 404
    assert client.get(f"/r/{tokens.result_token(owner)}/").status_code == 404


def test_private_pages_are_not_indexed_cached_or_referred(client, live_version):
    token = start(client)
    answer_all(client, token)
    response = client.get(submit(client, token))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin", "the owner page has forms"
    assert "no-store" in response["Cache-Control"]
    step = client.get(f"/a/{token}/step/1/")
    assert step["X-Robots-Tag"] == "noindex, nofollow"
    read_only = client.get(result_path(token))
    assert read_only["Referrer-Policy"] == "no-referrer"
    assert b"<form" not in read_only.content, "nothing on it could post with Origin: null"


def test_pages_load_nothing_from_other_sites(client, live_version):
    token = start(client)
    answer_all(client, token)
    for url in ["/", f"/a/{token}/step/1/", f"/a/{token}/review/", submit(client, token)]:
        body = client.get(url).content.decode()
        assert "https://" not in body.replace("http://testserver", "")
        assert "<script>" not in body, "scripts are static files only"
