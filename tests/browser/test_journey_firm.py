"""A recruiting firm in a real browser, in English and in Spanish: the owner invites a
recruiter, who joins, sets up two-step sign-in and runs an engagement; the client
answers through the invite link; the recruiter is told, and downloads the branded PDF
report. Then a viewer, who can look at everything and change nothing."""

import io
import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from firms.models import Membership, Role
from tests.recruiting import engagement_for, firm_of, recruiter, signed_in

from .conftest import assert_accessible
from .journey import COMPLEX, TEXT, answer_all
from .two_step import enrol

WORDS = {
    "en": {
        "invite": "Send the invitation",
        "join": "Create my account and join",
        "turn_on": "Turn on",
        "saved": "I have saved them",
        "create": "Create",
        "view": "View result",
        "pdf": "Download PDF",
        "in_pdf": "Prepared by Nico",
        "notice": "submitted the questionnaire",
    },
    "es": {
        "invite": "Enviar la invitación",
        "join": "Crear mi cuenta y unirme",
        "turn_on": "Activar",
        "saved": "Ya los he guardado",
        "create": "Crear",
        "view": "Ver resultado",
        "pdf": "Descargar PDF",
        "in_pdf": "Preparado por Nico",
        "notice": "submitted the questionnaire",  # the lead's notices are in English
    },
}


def _with_session(open_page: Any, live_server: Any, user: Any, language: str) -> Page:
    """A browser already signed in as `user` (the admin journey signs in the long way)."""
    page = open_page(language)
    cookie = signed_in(user).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    return page


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_invited_recruiter_joins_runs_an_engagement_and_gets_the_pdf(
    open_page, live_server, settings, language
):
    settings.RF_REQUIRE_MFA_FOR_RECRUITERS = True  # as in production
    words = WORDS[language]
    olga = recruiter("olga")
    owner = _with_session(open_page, live_server, olga, language)
    owner.goto("/firm/")
    assert_accessible(owner)
    owner.locator("#id_email").fill("nico@example.com")
    owner.locator("#id_role").select_option("recruiter")
    owner.get_by_role("button", name=words["invite"]).click()
    expect(owner.locator(".alert-success")).to_contain_text("nico@example.com")
    join = re.search(r"https?://\S+/join/\S+/", str(mail.outbox[-1].body))
    assert join is not None

    nico = open_page(language)
    nico.goto(join.group(0))
    assert_accessible(nico)
    nico.locator("#id_username").fill("nico")
    nico.locator("#id_first_name").fill("Nico")
    nico.locator("#id_password1").fill("nico-pass-4471-long")
    nico.locator("#id_password2").fill("nico-pass-4471-long")
    nico.get_by_role("button", name=words["join"]).click()
    # Firm members need a second step before any page opens.
    enrol(nico, words["turn_on"])
    nico.get_by_role("link", name=words["saved"]).click()
    assert Membership.objects.get(user__username="nico").role == Role.RECRUITER

    nico.goto("/recruiter/")
    nico.locator("#id_client_company").fill("Acme")
    nico.get_by_role("button", name=words["create"], exact=True).click()
    invite = nico.locator("#invite-link").input_value()

    ceo = open_page(language)
    ceo.goto(invite)
    ceo.get_by_role("button", name=TEXT[language]["start"]).click()
    answer_all(ceo, language, COMPLEX)
    ceo.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(ceo.locator("#drivers-chart svg.main-svg").first).to_be_visible()
    assert any(words["notice"] in email.subject for email in mail.outbox)

    nico.reload()
    nico.get_by_role("link", name=words["view"]).click()
    with nico.expect_download() as download:
        nico.get_by_role("link", name=words["pdf"]).click()
    pdf = download.value.path().read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Olga Search" in text
    assert words["in_pdf"] in text


def test_a_viewer_looks_at_everything_and_changes_nothing(open_page, live_server):
    olga = recruiter("olga")
    engagement = engagement_for(olga, "Acme")
    vic = recruiter("vic", firm_of(olga), Role.VIEWER)
    page = _with_session(open_page, live_server, vic, "en")
    page.goto("/recruiter/")
    expect(page.get_by_role("link", name="Acme")).to_be_visible()
    expect(page.locator("#id_client_company")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Acme").click()
    expect(page.locator("#invite-link")).to_have_count(0)
    expect(page.locator("form[method=post]:not([action$='/logout/'])")).to_have_count(0)
    page.goto("/firm/")
    expect(page.locator("#id_email")).to_have_count(0)  # no invitations from a viewer
    assert_accessible(page)
    assert engagement.assessments.count() == 0
