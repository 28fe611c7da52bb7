"""`make screenshots`: the landing page, a questionnaire step and a results page, at
1280 and 390 pixels wide, in English and Spanish, written to docs/screenshots/."""

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

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
    if width == 1280:
        _report_pages(page, language)


def _report_pages(page, language):
    """The owner's PDF report, each page as a picture (poppler's pdftoppm): look at it."""
    href = page.locator("a[href$='report.pdf']").first.get_attribute("href")
    pdf = page.request.get(href).body()
    assert pdf.startswith(b"%PDF")
    source = OUT / "pages" / f"report-{language}.pdf"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(pdf)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-r", "80", "-png", str(source), str(OUT / f"report-{language}")],
        check=True,
    )


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


@pytest.mark.parametrize("language", ["en", "es"])
def test_weights_editor(open_page, live_server, language):
    """The weights editor with one weight raised and a reference unit flipped, for the
    README's section on changing the questionnaire."""
    from .test_journey_weights import CHURN_RISING, TEXT, _as_admin, _clone, _unit_row

    page = _as_admin(open_page, live_server, language)
    draft = _clone(page)
    page.goto(f"/admin/assessments/questionnaireversion/{draft.pk}/weights/")
    page.locator(f'input[name="n-{draft.numbers.get(path=CHURN_RISING).pk}"]').fill("14")
    expect(_unit_row(page, TEXT[language])).to_have_class(re.compile("rf-flipped"))
    # Chromium leaves sticky elements (the panel) out of full-page shots: the window it is.
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.evaluate("document.getElementById('card-growth_vs_plan').scrollIntoView()")
    page.screenshot(path=OUT / f"weights-{language}-1280.png")


@pytest.mark.parametrize("language", ["en", "es"])
def test_insights(open_page, live_server, language):
    """The Insights page on a seeded funnel, for the README's Insights section."""
    from django.core.management import call_command

    from .test_journey_weights import _as_admin

    call_command("seed_demo", "--assessments", "400")
    page = _as_admin(open_page, live_server, language)
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto("/admin/insights/")
    page.wait_for_selector("#lean-chart svg.main-svg")
    page.screenshot(path=OUT / f"insights-{language}-1280.png")


# Four views of one unit that each call for a CRO, yet two of their disagreements could
# each turn the team's call around: what the combined view is for.
TEAM = [
    {
        "sales_channels": "4",
        "verticals": "1",
        "product_lines": "6",
        "competitors": "20",
        "revenue_model": "transactional",
        "growth_vs_plan": "on_plan",
        "churn_trend": "stable",
        "sales_cycle_trend": "longer",
        "lead_shortage": "true",
        "lifecycle_scope": "sales_only",
    },
    {
        "sales_channels": "4",
        "verticals": "5",
        "product_lines": "6",
        "competitors": "20",
        "revenue_model": "recurring",
        "growth_vs_plan": "on_plan",
        "churn_trend": "stable",
        "sales_cycle_trend": "stable",
        "lead_shortage": "true",
        "lifecycle_scope": "full_lifecycle",
    },
    {
        "sales_channels": "4",
        "verticals": "5",
        "product_lines": "1",
        "competitors": "2",
        "revenue_model": "recurring",
        "growth_vs_plan": "on_plan",
        "churn_trend": "stable",
        "sales_cycle_trend": "stable",
        "lead_shortage": "false",
        "lifecycle_scope": "sales_only",
    },
    {
        "sales_channels": "4",
        "verticals": "1",
        "product_lines": "6",
        "competitors": "20",
        "revenue_model": "transactional",
        "growth_vs_plan": "on_plan",
        "churn_trend": "rising",
        "sales_cycle_trend": "stable",
        "lead_shortage": "false",
        "lifecycle_scope": "sales_only",
    },
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_team(open_page, language):
    """The leadership team's combined view, for the README's section on it."""
    from .test_journey_team import answer_as_colleague, invite_colleagues

    owner = open_page(language, viewport={"width": 1280, "height": 900})
    start(owner, language, unit="EMEA enterprise")
    answer_all(owner, language, TEAM[0])
    owner.get_by_role("button", name=TEXT[language]["submit"]).click()
    links = invite_colleagues(owner, language, ["CFO", "Board", "VP Sales"])
    for link, given, name in zip(links, TEAM[1:], ["Carmen", "", "Luis"], strict=True):
        answer_as_colleague(open_page(language), link, language, given, name)
    owner.reload()
    owner.locator("#team-heading").scroll_into_view_if_needed()
    owner.locator("#team-heading").locator("xpath=..").screenshot(
        path=OUT / f"team-{language}-1280.png"
    )
