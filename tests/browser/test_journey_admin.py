"""An admin signs in, clones the live version to a draft, changes a weight, previews the
impact and publishes, all under the strict CSP."""

import re

from django.contrib.auth.models import User
from playwright.sync_api import expect

from assessments.models import QuestionnaireVersion

from .two_step import enrol


def test_admin_clones_edits_previews_and_publishes(open_page, live_version):
    User.objects.create_superuser("root", "root@example.com", "root-pass-123")
    page = open_page("en")
    page.goto("/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("root-pass-123")
    page.get_by_role("button", name="Log in").click()
    # Staff always need a second step: the admin opens only once it is set up.
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    _key, codes = enrol(page, "Turn on")
    assert len(codes) == 10
    page.goto("/admin/assessments/questionnaireversion/")

    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("clone_to_draft")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft 2026.1-draft-")
    draft = QuestionnaireVersion.objects.get(status="draft")

    page.goto(f"/admin/assessments/questionnaireversion/{draft.pk}/change/")
    page.get_by_role("link", name="Edit weights").click()
    row = draft.numbers.get(label="growth · churn_trend · rising · weight")
    page.locator(f'input[name="n-{row.pk}"]').fill("14")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("Saved: 1 number changed.")
    draft.refresh_from_db()
    churn = next(
        q for s in draft.bank["sections"] for q in s["questions"] if q["key"] == "churn_trend"
    )
    assert churn["options"][-1]["weight"] == 14

    page.get_by_role("link", name="Full impact preview over every stored result").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Impact of version")
    expect(page.locator("#impact-chart svg.main-svg").first).to_be_visible()

    page.goto("/admin/assessments/questionnaireversion/")
    page.locator(f'input.action-select[value="{draft.pk}"]').check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile(r"is live\."))
    assert QuestionnaireVersion.live().pk == draft.pk
