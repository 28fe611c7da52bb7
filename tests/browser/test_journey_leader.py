"""Leader fit in a real browser: add a candidate, the rater rates through their own link,
and the profile shows the fit, the risks and the chart."""

import re

import pytest
from playwright.sync_api import expect

from leaders.traits import CORE_TRAITS

from .conftest import assert_accessible
from .journey import COMPLEX, TEXT, answer_all, start

WORDS = {
    "en": {
        "people": "Candidates and fit",
        "name": "Name",
        "add": "Add",
        "save": "Save ratings",
        "risk": "An executor in a strategy seat",
    },
    "es": {
        "people": "Candidatos y encaje",
        "name": "Nombre",
        "add": "Añadir",
        "save": "Guardar valoraciones",
        "risk": "Un ejecutor en un puesto de estrategia",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_rate_an_executor_for_a_cro_seat(open_page, language):
    words = WORDS[language]
    ceo = open_page(language)
    start(ceo, language)
    answer_all(ceo, language, COMPLEX)
    ceo.get_by_role("button", name=TEXT[language]["submit"]).click()
    ceo.get_by_role("link", name=words["people"]).click()
    ceo.get_by_label(words["name"]).fill("Eve Executor")
    ceo.get_by_role("button", name=words["add"], exact=True).click()
    expect(ceo).to_have_url(re.compile(r"/people/[0-9a-f-]+/$"))
    assert_accessible(ceo)
    rater_link = ceo.locator("input[id][readonly]").nth(1).input_value()

    rater = open_page(language)
    rater.goto(rater_link)
    assert_accessible(rater)
    for key, lean in CORE_TRAITS.items():
        rater.locator(f'[name="{key}"][value="{2 if lean == "CRO" else 5}"]').check()
    rater.get_by_role("button", name=words["save"]).click()
    expect(rater.get_by_role("status")).to_be_visible()

    ceo.reload()
    expect(ceo.get_by_text(words["risk"])).to_be_visible()
    expect(ceo.locator("#traits-chart svg.main-svg").first).to_be_visible()
    assert_accessible(ceo)
