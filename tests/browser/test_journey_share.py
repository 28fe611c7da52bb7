"""Journey 5: share the result, open the link in a fresh browser, revoke it, see the 404."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .journey import SIMPLE, TEXT, answer_all, start

LABELS = {
    "en": {
        "who": "Who is this link for?",
        "create": "Create link",
        "revoke": "Revoke",
        "missing": "This page does not exist",
    },
    "es": {
        "who": "¿Para quién es este enlace?",
        "create": "Crear enlace",
        "revoke": "Revocar",
        "missing": "Esta página no existe",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_share_then_revoke(open_page, watcher, language):
    words = LABELS[language]
    owner = open_page(language)
    start(owner, language)
    answer_all(owner, language, SIMPLE)
    owner.get_by_role("button", name=TEXT[language]["submit"]).click()
    expect(owner).to_have_url(re.compile(r"/o/[^/]+/$"))
    owner.get_by_label(words["who"]).fill("Acme Search Partners")
    owner.get_by_role("button", name=words["create"]).click()
    link = owner.locator("#new-share-link").input_value()
    assert "/s/" in link
    assert_accessible(owner)

    reader = open_page(language)
    reader.goto(link)
    expect(reader.get_by_role("heading", level=1)).to_contain_text("CSO")
    expect(reader.locator("#drivers-chart svg.main-svg").first).to_be_visible()
    assert reader.locator("#owner-link").count() == 0
    assert_accessible(reader)

    owner.reload()
    owner.get_by_role("button", name=re.compile(words["revoke"])).click()
    watcher.expect("status of 404")
    gone = reader.goto(link)
    assert gone is not None
    assert gone.status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text(words["missing"])
