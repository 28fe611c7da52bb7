"""Helpers for recruiter tests: accounts and engagements, made the way the product makes them."""

from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from firms.membership import create_firm
from firms.models import Firm, Membership, Role
from recruiters.models import Engagement

from .flow import answer_all, submit


def recruiter(username: str, firm: Firm | None = None, role: str = Role.OWNER) -> User:
    """A member of `firm` in `role`; with no firm, the owner of a one-person firm of their
    own, as every recruiter was before firms."""
    user = User.objects.create_user(username, f"{username}@example.com", "s3cret-pass-123")
    if firm is None:
        create_firm(f"{username.capitalize()} Search", user)
    else:
        Membership.objects.create(firm=firm, user=user, role=role)
    return user


def firm_of(user: User) -> Firm:
    return Membership.objects.get(user=user).firm


def signed_in(user: User, client: Client | None = None) -> Client:
    """Fully signed in: the password and the second factor, as after accounts/verify."""
    client = client or Client()
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "authenticator"}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def engagement_for(user: User, client_company: str = "Acme", business_unit: str = "") -> Engagement:
    return Engagement.objects.create(
        firm=firm_of(user),
        recruiter=user,
        client_company=client_company,
        business_unit=business_unit,
    )


def ceo_answers_invite(engagement: Engagement, answers: dict[str, Any] | None = None) -> str:
    """The invited CEO, with no account, answers and submits; returns their resume token."""
    ceo = Client()
    response = ceo.post(f"/i/{engagement.token()}/")
    assert response.status_code == 302, response.status_code
    token = response["Location"].split("/")[2]
    answer_all(ceo, token, answers)
    submit(ceo, token)
    return token
