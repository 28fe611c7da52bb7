"""A CEO watches a business unit and plans the search, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .journey import COMPLEX, TEXT, answer_all

WORDS = {
    "en": {
        "org": "Create an organisation",
        "unit": "Business unit",
        "add": "Add",
        "assess": "Assess this unit",
        "plan": "Start hiring plan",
        "save": "Save the plan",
        "status": "Done",
        "done": "1 of",
    },
    "es": {
        "org": "Crear una organización",
        "unit": "Unidad de negocio",
        "add": "Añadir",
        "assess": "Evaluar esta unidad",
        "plan": "Empezar el plan de contratación",
        "save": "Guardar el plan",
        "status": "Hecha",
        "done": "1 de",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_watch_a_unit_then_plan_the_search(open_page, language):
    words = WORDS[language]
    page = open_page(language)
    page.goto("/")
    page.locator("#id_org_name").fill("Acme Group")
    page.get_by_role("button", name=words["org"]).click()
    expect(page).to_have_url(re.compile(r"/org/[^/]+/$"))
    org_url = page.url
    assert_accessible(page)
    page.locator("#id_name").fill("Iberia")
    page.get_by_role("button", name=words["add"], exact=True).click()
    unit_url = page.url
    assert_accessible(page)
    page.get_by_role("button", name=words["assess"]).click()
    answer_all(page, language, COMPLEX)
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page).to_have_url(re.compile(r"/o/[^/]+/$"))

    page.goto(unit_url)
    expect(page.locator("#history-chart svg.main-svg").first).to_be_visible()
    page.locator("section ol a").first.click()
    page.get_by_role("button", name=words["plan"]).click()
    expect(page).to_have_url(re.compile(r"/plan/[^/]+/$"))
    assert_accessible(page)
    page.locator('select[name="form-0-status"]').select_option(label=words["status"])
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(re.compile(words["done"]))).to_be_visible()
    page.goto(org_url)
    expect(page.get_by_text("Iberia").first).to_be_visible()
