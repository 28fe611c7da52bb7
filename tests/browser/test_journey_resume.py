"""Journey 2: stop halfway, open the resume link in a fresh browser, and finish."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment

from .journey import SIMPLE, answer_all, fill_step, next_step, resume_link, start


@pytest.mark.parametrize("language", ["en", "es"])
def test_resume_in_a_fresh_browser(open_page, language):
    first = open_page(language)
    start(first, language)
    fill_step(first, SIMPLE, 1)
    next_step(first, language, 1)
    link = resume_link(first)
    first.context.close()  # the CEO closes the tab

    second = open_page(language)
    second.goto(link)
    expect(second).to_have_url(re.compile(r"/step/2/$"))
    answer_all(second, language, SIMPLE, first=2)
    submit = (
        "Enviar y ver la recomendación" if language == "es" else "Submit and see the recommendation"
    )
    second.get_by_role("button", name=submit).click()
    expect(second).to_have_url(re.compile(r"/o/[^/]+/$"))
    assert Assessment.objects.get().recommendation == "CSO"
