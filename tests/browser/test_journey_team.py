"""Journey: the owner invites two colleagues; each answers through their own link in a
fresh browser (one in each language) and sees only their own answers; the owner reads
the combined view. axe clean on every page."""

import re

import pytest
from playwright.sync_api import Page, expect

from teams.models import Respondent

from .conftest import assert_accessible
from .journey import COMPLEX, SIMPLE, TEXT, answer_all, start

WORDS = {
    "en": {
        "invite": "Invite colleagues",
        "role": "Their role (optional)",
        "invite_one": "Invite a colleague",
        "name": "Your name (optional)",
        "send": "Submit my answers",
        "yours": "Your answers",
        "team": "What the leadership team says",
        "talk": "Talk about these first",
    },
    "es": {
        "invite": "Invitar a colegas",
        "role": "Su cargo (opcional)",
        "invite_one": "Invitar a un colega",
        "name": "Su nombre (opcional)",
        "send": "Enviar mis respuestas",
        "yours": "Sus respuestas",
        "team": "Lo que dice el equipo directivo",
        "talk": "Hablen primero de esto",
    },
}


def invite_colleagues(page: Page, language: str, roles: list[str]) -> list[str]:
    """From the owner page, invite one colleague per role; return their links."""
    words = WORDS[language]
    page.get_by_role("link", name=words["invite"]).click()
    expect(page).to_have_url(re.compile(r"/o/[^/]+/team/$"))
    assert_accessible(page)
    for role in roles:
        page.get_by_label(words["role"]).fill(role)
        page.get_by_role("button", name=words["invite_one"]).click()
        expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
    return [page.locator(f"#respondent-link-{n}").input_value() for n in range(1, len(roles) + 1)]


def answer_as_colleague(page: Page, link: str, language: str, answers: dict, name: str) -> None:
    words = WORDS[language]
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/team/[^/]+/step/1/$"))
    answer_all(page, language, answers)
    assert_accessible(page)
    page.get_by_label(words["name"]).fill(name)
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("heading", name=words["yours"])).to_be_visible()
    expect(page.get_by_text(words["team"])).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_owner_reads_the_teams_combined_view(open_page, language):
    other = "es" if language == "en" else "en"
    owner = open_page(language)
    start(owner, language)
    answer_all(owner, language, SIMPLE)
    owner.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(owner).to_have_url(re.compile(r"/o/[^/]+/$"))

    cfo, board = invite_colleagues(owner, language, ["CFO", "Board"])
    answer_as_colleague(open_page(language), cfo, language, COMPLEX, "Carmen")
    answer_as_colleague(open_page(other), board, other, {**SIMPLE, "sales_channels": "3"}, "")
    assert sorted(Respondent.objects.values_list("language", flat=True)) == ["en", "es"]

    owner.reload()
    words = WORDS[language]
    expect(owner.get_by_role("heading", name=words["team"])).to_be_visible()
    expect(owner.get_by_role("heading", name=words["talk"])).to_be_visible()
    # In the colleagues list, and in the table of each one's recommendation.
    expect(owner.get_by_role("rowheader", name="CFO · Carmen")).to_have_count(2)
    owner.wait_for_selector("#drivers-chart svg.main-svg")
    assert_accessible(owner)
