"""An admin tunes a draft in the weights editor, in English and in Spanish: clone the live
version, raise a weight and watch a reference unit flip in the panel without saving,
revert it, change it again, save, publish, and see the live version change. Then the
same editor by keyboard alone. Under the strict CSP, with axe at 1280 px."""

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from assessments.models import QuestionnaireVersion
from tests.recruiting import signed_in

from .conftest import assert_accessible
from .test_keyboard_only import _tab_to, _type

CHURN_RISING = '["sections", 1, "questions", 2, "options", 2, "weight"]'
TEXT = {
    "en": {
        "edit": "Edit weights",
        "unit": "Field and partners, three verticals",
        "revert": "Revert to live",
        "save": "Save",
        "publish": "Publish this draft",
        "none": "None yet",
        "live": "is live.",
    },
    "es": {
        "edit": "Editar pesos",
        "unit": "Venta directa y partners, tres sectores",
        "revert": "Volver al valor publicado",
        "save": "Guardar",
        "publish": "Publicar este borrador",
        "none": "Ninguno todavía",
        "live": "está en uso.",
    },
}
VERSIONS = "/admin/assessments/questionnaireversion/"


def _as_admin(open_page: Any, live_server: Any, language: str) -> Page:
    """A browser already past the password and second step (the admin journey signs in
    the long way); only the session cookie is shared."""
    admin = User.objects.create_superuser("root", "root@example.com", "root-pass-123")
    session = signed_in(admin).cookies["sessionid"].value
    page = open_page(language, viewport={"width": 1280, "height": 900})
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    return page


def _clone(page: Page) -> QuestionnaireVersion:
    page.goto(VERSIONS)
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("clone_to_draft")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("2026.1-draft-")
    return QuestionnaireVersion.objects.get(status="draft")


def _unit_row(page: Page, text: dict[str, str]) -> Any:
    return page.locator("#reference-units tbody tr").filter(has_text=text["unit"])


@pytest.mark.parametrize("language", ["en", "es"])
def test_raise_a_weight_watch_a_unit_flip_revert_and_publish(open_page, live_server, language):
    text = TEXT[language]
    page = _as_admin(open_page, live_server, language)
    draft = _clone(page)
    page.goto(f"{VERSIONS}{draft.pk}/change/")
    page.get_by_role("link", name=text["edit"]).click()
    expect(page.locator("#card-churn_trend")).to_be_visible()
    assert_accessible(page)
    expect(page.locator(".rf-curve svg.main-svg").first).to_be_visible()

    weight = page.locator(f'input[name="n-{draft.numbers.get(path=CHURN_RISING).pk}"]')
    row = _unit_row(page, text)
    expect(row).not_to_have_class(re.compile("rf-flipped"))
    weight.fill("14")
    expect(row).to_have_class(re.compile("rf-flipped"), timeout=3000)
    expect(page.locator("#changes-list li")).to_have_count(1)
    expect(page.locator("#changes-list li")).to_contain_text("7 → 14")
    assert_accessible(page)

    page.locator("#card-churn_trend").get_by_role("button", name=text["revert"]).click()
    expect(weight).to_have_value("7")
    expect(row).not_to_have_class(re.compile("rf-flipped"))
    expect(page.locator("#changes .rf-none")).to_contain_text(text["none"])

    weight.fill("20")
    expect(row).to_have_class(re.compile("rf-flipped"))
    page.get_by_role("button", name=text["save"], exact=True).last.click()
    expect(page.locator(".messagelist")).to_be_visible()
    expect(_unit_row(page, text)).to_have_class(re.compile("rf-flipped"))  # drawn by the server
    draft.refresh_from_db()
    assert draft.bank["sections"][1]["questions"][2]["options"][2]["weight"] == 20

    page.get_by_role("button", name=text["publish"]).click()
    expect(page.locator(".messagelist")).to_contain_text(text["live"])
    live = QuestionnaireVersion.live()
    assert live.pk == draft.pk
    assert live.bank["sections"][1]["questions"][2]["options"][2]["weight"] == 20


def test_a_problem_disables_publish_as_it_is_typed(open_page, live_server):
    page = _as_admin(open_page, live_server, "en")
    draft = _clone(page)
    page.goto(f"{VERSIONS}{draft.pk}/weights/")
    page.locator(f'input[name="n-{draft.numbers.get(path=CHURN_RISING).pk}"]').fill("0")
    expect(page.locator("#problems-churn_trend li")).to_contain_text("the weight falls")
    expect(page.get_by_role("button", name="Publish this draft")).to_be_disabled()
    assert_accessible(page)


def test_the_editor_by_keyboard_alone(open_page, live_server):
    page = _as_admin(open_page, live_server, "en")
    draft = _clone(page)
    page.goto(f"{VERSIONS}{draft.pk}/weights/")
    number = draft.numbers.get(path=CHURN_RISING)
    _tab_to(page, f'input[name="n-{number.pk}"]', limit=200)
    page.keyboard.press("Control+A")
    _type(page, "14")
    row = _unit_row(page, TEXT["en"])
    expect(row).to_have_class(re.compile("rf-flipped"), timeout=3000)
    # The revert button is the next stop after the number it belongs to.
    _tab_to(page, f'button[name="revert"][value="{number.pk}"]', limit=3)
    page.keyboard.press("Enter")
    expect(row).not_to_have_class(re.compile("rf-flipped"))
    page.keyboard.press("Control+A")
    _type(page, "20")  # focus went back to the number after reverting
    expect(row).to_have_class(re.compile("rf-flipped"))
    page.keyboard.press("Enter")  # Enter in a field submits the form: save
    expect(page.locator(".messagelist")).to_be_visible()
    number.refresh_from_db()
    assert number.value == 20
