"""The CEO's moves in a real browser, shared by the journeys."""

from typing import Any

from playwright.sync_api import Page, expect

from .conftest import assert_accessible

TEXT = {
    "en": {
        "start": "Start",
        "next": "Next",
        "review": "Review answers",
        "back": "Back",
        "submit": "Submit and see the recommendation",
    },
    "es": {
        "start": "Empezar",
        "next": "Siguiente",
        "review": "Revisar respuestas",
        "back": "Atrás",
        "submit": "Enviar y ver la recomendación",
    },
}

COMPLEX: dict[str, Any] = {
    "sales_channels": "4",
    "verticals": "5",
    "product_lines": "6",
    "competitors": "20",
    "revenue_model": "recurring",
    "growth_vs_plan": "below",
    "churn_trend": "rising",
    "sales_cycle_trend": "longer",
    "lead_shortage": "true",
    "lifecycle_scope": "full_lifecycle",
}
SIMPLE: dict[str, Any] = {
    "sales_channels": "1",
    "verticals": "1",
    "product_lines": "1",
    "competitors": "2",
    "revenue_model": "transactional",
    "growth_vs_plan": "on_plan",
    "churn_trend": "stable",
    "sales_cycle_trend": "stable",
    "lead_shortage": "false",
    "lifecycle_scope": "sales_only",
}
STEPS = [
    ["sales_channels", "verticals", "product_lines", "competitors"],
    ["revenue_model", "growth_vs_plan", "churn_trend", "sales_cycle_trend", "lead_shortage"],
    ["lifecycle_scope"],
]


def start(page: Page, language: str, unit: str = "EMEA") -> None:
    page.goto("/")
    assert_accessible(page)
    page.locator("#id_business_unit").fill(unit)
    page.get_by_role("button", name=TEXT[language]["start"], exact=True).click()
    expect(page).to_have_url(__import__("re").compile(r"/a/[^/]+/step/1/$"))


def fill_step(page: Page, answers: dict[str, Any], number: int) -> None:
    for key in STEPS[number - 1]:
        field = page.locator(f'[name="{key}"]')
        if field.first.get_attribute("type") == "radio":
            page.locator(f'[name="{key}"][value="{answers[key]}"]').check()
        else:
            field.fill(answers[key])


def next_step(page: Page, language: str, number: int) -> None:
    label = TEXT[language]["review"] if number == len(STEPS) else TEXT[language]["next"]
    page.get_by_role("button", name=label).click()


def answer_all(page: Page, language: str, answers: dict[str, Any], first: int = 1) -> None:
    for number in range(first, len(STEPS) + 1):
        assert_accessible(page)
        fill_step(page, answers, number)
        next_step(page, language, number)


def resume_link(page: Page) -> str:
    return str(page.locator("#resume-link").input_value())
