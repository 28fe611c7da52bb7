"""Helpers for recruiter tests: accounts and engagements, made the way the product makes them."""

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from recruiters.models import Engagement

from .flow import answer_all, submit


def recruiter(username: str) -> User:
    return User.objects.create_user(username, f"{username}@example.com", "s3cret-pass-123")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def engagement_for(user: User, client_company: str = "Acme", business_unit: str = "") -> Engagement:
    return Engagement.objects.create(
        recruiter=user, client_company=client_company, business_unit=business_unit
    )


def ceo_answers_invite(engagement: Engagement, answers: dict[str, Any] | None = None) -> str:
    """The invited CEO, with no account, answers and submits; returns their resume token."""
    ceo = Client()
    response = ceo.post(f"/i/{engagement.invite_token()}/")
    assert response.status_code == 302, response.status_code
    token = response["Location"].split("/")[2]
    answer_all(ceo, token, answers)
    submit(ceo, token)
    return token
