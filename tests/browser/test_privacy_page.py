"""The privacy page, reached from the footer, is accessible in both languages."""

import pytest

from .conftest import assert_accessible

FOOTER_LINK = {"en": "Privacy: what we keep and for how long", "es": "Privacidad: qué guardamos"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_footer_leads_to_an_accessible_privacy_page(open_page, language):
    page = open_page(language)
    page.goto("/")
    page.get_by_role("link", name=FOOTER_LINK[language]).click()
    assert page.url.endswith("/privacy/")
    assert_accessible(page)
