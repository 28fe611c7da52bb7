"""Journey 1: land, start, answer every step, go back and change an answer, submit."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment

from .conftest import assert_accessible
from .journey import COMPLEX, SIMPLE, TEXT, answer_all, fill_step, next_step, start

ROLE = {
    "en": ("Chief Revenue Officer", "Chief Sales Officer"),
    "es": ("Director de Ingresos (CRO)", "Director de Ventas (CSO)"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_complete_journey_with_a_change_of_mind(open_page, language):
    page = open_page(language)
    start(page, language)
    fill_step(page, SIMPLE, 1)
    next_step(page, language, 1)
    page.get_by_role("button", name=TEXT[language]["back"]).click()
    expect(page).to_have_url(re.compile(r"/step/1/$"))
    expect(page.locator('[name="sales_channels"]')).to_have_value("1")
    fill_step(page, COMPLEX, 1)  # the CEO changes their mind
    next_step(page, language, 1)
    answer_all(page, language, COMPLEX, first=2)
    assert_accessible(page)  # the review page
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page).to_have_url(re.compile(r"/o/[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(ROLE[language][0])
    expect(page.locator("#drivers-chart svg.main-svg").first).to_be_visible()
    assert page.locator("#drivers-chart .bars .point").count() >= 10
    assert_accessible(page)
    assert Assessment.objects.get().answers["sales_channels"] == 4
