"""Journey: a CEO comes back to their owner page after the hire and records how it worked
out, in English and in Spanish; a wrong date is refused on its field; axe clean."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from outcomes.models import Outcome

from .conftest import assert_accessible
from .journey import COMPLEX, TEXT, answer_all, start

WORDS = {
    "en": {
        "record": "Record how the hire worked out",
        "cro": "A Chief Revenue Officer",
        "start": "Start date",
        "seat": "Still in the role",
        "yes": "Yes",
        "revenue": "Revenue against plan since the hire",
        "on_plan": "On plan",
        "fit": "Fit with the role, 1 to 5",
        "save": "Record this check-in",
        "before": "The start date is before the assessment.",
        "thanks": "Recorded.",
    },
    "es": {
        "record": "Registrar cómo salió la contratación",
        "cro": "Un director de ingresos (CRO)",
        "start": "Fecha de incorporación",
        "seat": "Sigue en el puesto",
        "yes": "Sí",
        "revenue": "Ingresos frente al plan desde la contratación",
        "on_plan": "En el plan",
        "fit": "Encaje con el puesto, de 1 a 5",
        "save": "Registrar este seguimiento",
        "before": "La fecha de incorporación es anterior a la evaluación.",
        "thanks": "Registrado.",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_ceo_records_how_the_hire_worked_out(open_page, watcher, language):
    words = WORDS[language]
    watcher.expect("status of 400")  # the wrong date is refused
    page = open_page(language)
    start(page, language)
    answer_all(page, language, COMPLEX)
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(page).to_have_url(re.compile(r"/o/[^/]+/$"))
    page.get_by_role("button", name=words["record"]).click()
    expect(page).to_have_url(re.compile(r"/outcome/[^/]+/$"))
    assert_accessible(page)

    page.get_by_label(words["cro"]).check()
    page.get_by_label(words["start"]).fill("2001-02-03")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_text(words["before"])).to_be_visible()
    assert Outcome.objects.count() == 0

    page.get_by_label(words["start"]).fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_label(words["seat"]).select_option(label=words["yes"])
    page.get_by_label(words["revenue"]).select_option(label=words["on_plan"])
    page.get_by_label(words["fit"]).select_option("4")
    page.get_by_role("button", name=words["save"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["thanks"])
    expect(page.locator("#history-heading ~ ol li")).to_have_count(1)
    assert_accessible(page)
    outcome = Outcome.objects.get()
    assert (outcome.hired, outcome.still_in_seat, outcome.revenue, outcome.fit_rating) == (
        "CRO",
        True,
        "on",
        4,
    )
