"""Journey 3: a double click on Submit makes exactly one result."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import Assessment

from .journey import COMPLEX, TEXT, answer_all, start


@pytest.mark.parametrize("language", ["en", "es"])
def test_double_click_submit_makes_one_result(open_page, language):
    page = open_page(language)
    start(page, language)
    answer_all(page, language, COMPLEX)
    page.get_by_role("button", name=TEXT[language]["submit"]).dblclick()
    expect(page).to_have_url(re.compile(r"/o/[^/]+/$"))
    assert Assessment.objects.filter(status="submitted").count() == 1
    assert Assessment.objects.count() == 1
