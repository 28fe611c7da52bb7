"""The whole questionnaire can be completed with Tab, Space and Enter only, with focus
always visible."""

import re

from playwright.sync_api import Page, expect

from assessments.models import Assessment

from .journey import SIMPLE, STEPS


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has focus, checking it is visible."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            outline = page.evaluate(
                "getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                "getComputedStyle(document.activeElement).boxShadow"
            )
            assert outline.split()[0] != "none" or "rgb" in outline, "focus must be visible"
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _type(page: Page, text: str) -> None:
    for character in text:
        page.keyboard.press(character)


def test_questionnaire_by_keyboard_alone(open_page):
    page = open_page("en")
    page.goto("/")
    _tab_to(page, "#id_business_unit")
    _type(page, "Keys")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/step/1/$"))
    for number, keys in enumerate(STEPS, 1):
        for key in keys:
            value = SIMPLE[key]
            if page.locator(f'[name="{key}"]').first.get_attribute("type") == "radio":
                _tab_to(page, f'[name="{key}"]')
                # Arrow keys move within a radio group; Space selects the focused one.
                while not page.evaluate(f"document.activeElement.value === {value!r}"):
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
            else:
                _tab_to(page, f'[name="{key}"]')
                _type(page, value)
        _tab_to(page, 'button[value="next"]')
        page.keyboard.press("Enter")
        expect(page).to_have_url(
            re.compile(r"/review/$" if number == len(STEPS) else rf"/step/{number + 1}/$")
        )
    _tab_to(page, "form[data-submit-once] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/o/[^/]+/$"))
    assert Assessment.objects.get().recommendation == "CSO"
