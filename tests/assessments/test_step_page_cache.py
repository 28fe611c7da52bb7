"""A blank step's page is rendered once and reused: each visitor still gets their own
resume link, CSRF token and business unit, and nobody else's."""

import re

import pytest
from django.test import Client

from assessments import step_pages
from tests.flow import start

pytestmark = pytest.mark.django_db


def _csrf(body: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert match
    return match.group(1)


def test_two_drafts_share_the_page_but_not_their_links(live_version):
    alice, bob = Client(), Client()
    alice_token = start(alice, business_unit="EMEA <enterprise>")
    bob_token = start(bob, business_unit="")
    first = alice.get(f"/a/{alice_token}/step/1/").content.decode()
    second = bob.get(f"/a/{bob_token}/step/1/").content.decode()
    for body, mine, theirs in ((first, alice_token, bob_token), (second, bob_token, alice_token)):
        assert f"/a/{mine}/" in body
        assert theirs not in body
        for mark in (step_pages.TOKEN_MARK, step_pages.CSRF_MARK, step_pages.UNIT_MARK):
            assert mark not in body
    assert "EMEA &lt;enterprise&gt;" in first
    assert "EMEA" not in second
    # The filled-in CSRF token is one the form accepts.
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = alice.cookies
    response = strict.post(
        f"/a/{alice_token}/step/1/",
        {"csrfmiddlewaretoken": _csrf(first), "action": "back"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302


def test_a_page_with_a_query_string_or_errors_is_rendered_afresh(client, live_version):
    token = start(client)
    assert client.get(f"/a/{token}/step/1/?from=email").status_code == 200
    response = client.post(f"/a/{token}/step/1/", {"action": "next", "sales_channels": "0"})
    assert response.status_code == 400
    assert "sales_channels" in response.content.decode()


def test_a_step_asked_for_under_a_script_prefix_is_not_kept_for_others(live_version):
    # rolefit.capabilities.same_for_everyone, the rule the result pages follow too: the
    # prefix is in every link of such a page.
    alice, bob = Client(), Client()
    alice_token, bob_token = start(alice), start(bob)
    prefixed = alice.get(f"/a/{alice_token}/step/1/", SCRIPT_NAME="/elsewhere")
    assert prefixed.status_code == 200
    assert b"/elsewhere/" in prefixed.content
    assert b"/elsewhere/" not in bob.get(f"/a/{bob_token}/step/1/").content
