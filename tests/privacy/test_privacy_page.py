"""/privacy/: what is stored, who sees it, the retention periods in force and how to
export or delete, in both languages, linked from every page's footer."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_periods_in_force(client, settings):
    settings.RF_DRAFT_RETENTION_DAYS = 45
    settings.RF_RESULT_RETENTION_DAYS = 0
    page = client.get("/privacy/").content.decode()
    assert "45 days after the last answer was saved" in page
    assert "Until you delete them" in page
    settings.RF_RESULT_RETENTION_DAYS = 730
    assert "730 days after anyone last opened them" in client.get("/privacy/").content.decode()


def test_the_page_speaks_spanish(client):
    page = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Qué se guarda" in page
    assert "90 días" in page


def test_the_operator_adds_contact_and_legal_basis(client, settings):
    settings.RF_PRIVACY_CONTACT = "privacy@example.com"
    settings.RF_PRIVACY_LEGAL_BASIS = "Legitimate interest (GDPR art. 6(1)(f))"
    page = client.get("/privacy/").content.decode()
    assert "privacy@example.com" in page
    assert "Legitimate interest" in page


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/privacy/"])
def test_every_page_links_to_it(client, live_version, path):
    assert 'href="/privacy/"' in client.get(path).content.decode()
