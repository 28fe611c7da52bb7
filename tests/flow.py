"""Helpers that walk the questionnaire through the test client, as a browser would."""

import re
from typing import Any

from django.test import Client

from rolefit import tokens

from .conftest import SIMPLE_ANSWERS

STEP_KEYS = [
    ["sales_channels", "verticals", "product_lines", "competitors", "geographies"],
    ["revenue_model", "growth_vs_plan", "churn_trend", "sales_cycle_trend", "lead_shortage"],
    ["lifecycle_scope", "context_notes"],
]


def step_post(answers: dict[str, Any], number: int, action: str = "next") -> dict[str, str]:
    data = {"action": action}
    for key in STEP_KEYS[number - 1]:
        value = answers.get(key)
        if value is None:
            continue
        data[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return data


def start(client: Client, business_unit: str = "EMEA") -> str:
    """Start an assessment and return its resume token."""
    response = client.post("/start/", {"business_unit": business_unit})
    assert response.status_code == 302
    match = re.fullmatch(r"/a/([A-Za-z0-9_-]+)/step/1/", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def answer_all(client: Client, token: str, answers: dict[str, Any] | None = None) -> None:
    answers = answers or SIMPLE_ANSWERS
    for number in range(1, len(STEP_KEYS) + 1):
        response = client.post(f"/a/{token}/step/{number}/", step_post(answers, number))
        assert response.status_code == 302, response.content.decode()[:2000]


def submit(client: Client, token: str) -> str:
    """Submit and return the owner page URL the browser lands on."""
    response = client.post(f"/a/{token}/review/")
    assert response.status_code == 302
    return response["Location"]


def owner_path(resume_token: str) -> str:
    return f"/o/{tokens.owner_token(resume_token)}/"


def result_path(resume_token: str) -> str:
    return f"/r/{tokens.result_token(tokens.owner_token(resume_token))}/"


def submitted(client: Client, answers: dict[str, Any] | None = None) -> str:
    """Start, answer and submit; return the resume token."""
    token = start(client)
    answer_all(client, token, answers)
    submit(client, token)
    return token


def share_through_owner_page(
    client: Client, token: str, label: str = "Acme Search Partners", **extra: str
) -> str:
    """Make a share link on the owner page; return its path. The page shows the link once,
    right after it is made, and that page is the only place it ever appears."""
    data = {"label": label, "expires_in_days": "30", **extra}
    response = client.post(f"{owner_path(token)}share-links/", data, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    match = re.search(r'id="new-share-link"[^>]*value="http://testserver(/s/[^"]+/)"', body)
    assert match, "the new link is shown right after it is made"
    return match.group(1)
