"""An admin reads Insights in English and in Spanish: the funnel, scores and questions
drawn under the strict CSP with their tables, axe clean; narrows them to one language;
downloads a table as CSV."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_journey_weights import _as_admin

TEXT = {
    "en": {
        "link": "How the questionnaire is answered",
        "funnel": "Funnel",
        "show": "Show",
        "language": "Language",
    },
    "es": {
        "link": "Cómo se responde el cuestionario",
        "funnel": "Embudo",
        "show": "Mostrar",
        "language": "Idioma",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_admin_reads_narrows_and_downloads_insights(
    open_page: Any, live_server: Any, language: str
) -> None:
    call_command("seed_demo", "--assessments", "80")
    text = TEXT[language]
    page = _as_admin(open_page, live_server, language)
    page.goto("/admin/")
    page.get_by_role("link", name=text["link"]).click()
    expect(page.get_by_role("heading", name=text["funnel"])).to_be_visible()
    for chart in ("funnel", "scores", "monthly", "lean"):
        expect(page.locator(f"#{chart}-chart svg.main-svg").first).to_be_visible()
    expect(page.locator("#funnel-heading ~ .rf-pair table tbody tr")).to_have_count(6)
    assert_accessible(page)

    page.get_by_label(text["language"]).select_option("es")
    page.get_by_role("button", name=text["show"]).click()
    expect(page).to_have_url(re.compile(r"language=es"))
    expect(page.get_by_role("heading", name=text["funnel"])).to_be_visible()

    with page.expect_download() as download:
        page.locator("#funnel-heading ~ .rf-pair caption a").click()
    assert download.value.suggested_filename.endswith("-funnel.csv")
