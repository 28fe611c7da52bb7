"""Recruiters: engagements, invite links, the dashboard, and Django's own account pages."""

import pytest
from django.core import mail
from django.test import Client

from assessments.models import Assessment
from recruiters.models import Engagement
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import owner_path
from tests.recruiting import ceo_answers_invite, engagement_for, recruiter, signed_in

pytestmark = pytest.mark.django_db


def test_a_recruiter_creates_an_engagement_with_an_invite_link(live_version):
    alice = recruiter("alice")
    client = signed_in(alice)
    response = client.post(
        "/recruiter/engagements/", {"client_company": "Acme", "business_unit": "EMEA"}
    )
    engagement = Engagement.objects.get()
    assert response["Location"] == engagement.get_absolute_url()
    assert engagement.recruiter == alice
    page = client.get(response["Location"]).content.decode()
    assert f"/i/{engagement.token()}/" in page
    assert engagement.token() not in str(Engagement.objects.values().get())


def test_the_invited_ceo_result_reaches_only_that_recruiter(live_version):
    alice, bob = recruiter("alice"), recruiter("bob")
    engagement = engagement_for(alice, "Acme")
    engagement_for(bob, "Globex")
    assert Engagement.objects.get(pk=engagement.pk).status == "invited"
    token = ceo_answers_invite(engagement, COMPLEX_ANSWERS)
    engagement.refresh_from_db()
    assert (engagement.status, engagement.recommendation) == ("completed", "CRO")
    alice_dashboard = signed_in(alice).get("/recruiter/").content.decode()
    assert "Acme" in alice_dashboard
    assert "CRO" in alice_dashboard
    assert "Globex" not in alice_dashboard
    assert "Acme" not in signed_in(bob).get("/recruiter/").content.decode()
    assessment = Assessment.objects.get()
    result_url = f"{engagement.get_absolute_url()}results/{assessment.public_id}/"
    assert signed_in(alice).get(result_url).status_code == 200
    assert signed_in(bob).get(result_url).status_code == 404
    assert signed_in(bob).get(engagement.get_absolute_url()).status_code == 404
    assert Client().get(owner_path(token)).status_code == 200, "the CEO keeps their own link"


def test_status_moves_from_invited_to_in_progress_to_completed(client, live_version):
    engagement = engagement_for(recruiter("alice"))
    client.post(f"/i/{engagement.token()}/")
    engagement.refresh_from_db()
    assert engagement.status == "in_progress"


def test_the_dashboard_sorts_and_filters(live_version):
    alice = recruiter("alice")
    for name in ("Zeta", "Alpha", "Mid"):
        engagement_for(alice, name)
    ceo_answers_invite(Engagement.objects.get(client_company="Mid"), COMPLEX_ANSWERS)
    client = signed_in(alice)
    by_name = client.get("/recruiter/", {"sort": "client_company"}).content.decode()
    assert by_name.index("Alpha") < by_name.index("Mid") < by_name.index("Zeta")
    completed = client.get("/recruiter/", {"status": "completed"}).content.decode()
    assert "Mid" in completed
    assert "Zeta" not in completed
    assert "Alpha" in client.get("/recruiter/", {"q": "alp"}).content.decode()
    assert "Zeta" not in client.get("/recruiter/", {"recommendation": "CRO"}).content.decode()
    assert client.get("/recruiter/", {"sort": "password"}).status_code == 400


def test_a_bad_engagement_form_is_a_400(live_version):
    client = signed_in(recruiter("alice"))
    response = client.post("/recruiter/engagements/", {"client_company": ""})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    assert not Engagement.objects.exists()


def test_account_pages_are_djangos_own_and_styled(client, live_version):
    assert client.get("/recruiter/")["Location"].startswith("/accounts/login/")
    login = client.get("/accounts/login/").content.decode()
    assert "Recruiter sign-in" in login
    assert "bootstrap" in login
    recruiter("alice")
    response = client.post("/accounts/login/", {"username": "alice", "password": "s3cret-pass-123"})
    assert response["Location"] == "/recruiter/"
    assert "Change your password" in client.get("/accounts/password_change/").content.decode()
    client.post("/accounts/logout/")
    assert client.get("/recruiter/").status_code == 302


def test_password_reset_sends_a_link(client, live_version):
    recruiter("alice")
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_staff_can_invite_a_recruiter_without_a_password(client, live_version, admin_client):
    from django.contrib.auth.models import User

    invited = User.objects.create_user("carol", "carol@example.com")
    assert not invited.has_usable_password()
    response = admin_client.post(
        "/admin/auth/user/", {"action": "send_invitation", "_selected_action": [invited.pk]}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Choose your password here" in mail.outbox[0].body
