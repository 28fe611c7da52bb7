"""`make screenshots`: the landing page, a questionnaire step and a results page, at
1280 and 390 pixels wide, in English and Spanish, written to docs/screenshots/."""

from pathlib import Path

import pytest

from .journey import COMPLEX, TEXT, answer_all, fill_step, start

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["en", "es"])
def test_screenshots(open_page, language, width):
    OUT.mkdir(parents=True, exist_ok=True)
    page = open_page(language, viewport={"width": width, "height": 900})
    page.goto("/")
    page.screenshot(path=OUT / f"landing-{language}-{width}.png", full_page=True)
    start(page, language, unit="EMEA enterprise")
    fill_step(page, COMPLEX, 1)
    page.screenshot(path=OUT / f"step-{language}-{width}.png", full_page=True)
    answer_all(page, language, COMPLEX)
    page.get_by_role("button", name=TEXT[language]["submit"]).click()
    page.wait_for_selector("#drivers-chart svg.main-svg")
    page.screenshot(path=OUT / f"result-{language}-{width}.png", full_page=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page(open_page, live_version, language):
    """Each page a CEO, rater or recruiter reaches, at both widths, written to
    docs/screenshots/pages/ (not committed: look at them, fix what looks wrong)."""
    from .test_every_page_fits import WIDTHS, _site, sign_in

    pages_dir = OUT / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    site = _site()
    for width in WIDTHS:
        for pages, signed_in in ((site.ceo, False), (site.recruiter, True)):
            page = open_page(language, viewport={"width": width, "height": 900})
            if signed_in:
                sign_in(page)
            for name, path in pages.items():
                page.goto(path)
                slug = name.replace(" ", "-")
                page.screenshot(path=pages_dir / f"{slug}-{language}-{width}.png", full_page=True)
