"""firms/membership.py and the firm's pages: invitations, joining, roles, removal and
their history."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from firms import membership as members
from firms.models import Invitation, Membership, Role
from tests.recruiting import engagement_for, firm_of, recruiter, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(live_version):
    return recruiter("olga")


def _invite(client, email="new@example.com", role="recruiter"):
    return client.post("/firm/invitations/", {"email": email, "role": role})


def _join_link(mailoutbox) -> str:
    body = mailoutbox[-1].body
    return next(line for line in body.splitlines() if "/join/" in line).strip()


def test_an_invitation_is_emailed_and_joining_makes_an_account(owner, mailoutbox):
    assert _invite(signed_in(owner)).status_code == 302
    link = _join_link(mailoutbox)
    path = link.split("testserver", 1)[1]
    assert Invitation.objects.get().token_digest not in mailoutbox[-1].body
    newcomer = Client()
    page = newcomer.get(path)
    assert page.status_code == 200
    assert "Join Olga Search on RoleFit" in page.content.decode()
    form = {"username": "nico", "password1": "a-long-pass-4471", "password2": "a-long-pass-4471"}
    assert newcomer.post(path, form).status_code == 302
    nico = User.objects.get(username="nico")
    assert nico.email == "new@example.com"
    assert Membership.objects.get(user=nico).role == Role.RECRUITER
    # Single use: the link now opens nothing, for anyone.
    assert Client().get(path).status_code == 404


def test_an_expired_or_withdrawn_invitation_opens_nothing(owner, mailoutbox):
    client = signed_in(owner)
    _invite(client)
    path = _join_link(mailoutbox).split("testserver", 1)[1]
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(path).status_code == 404
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    invitation = Invitation.objects.get()
    assert client.post(f"/firm/invitations/{invitation.pk}/withdraw/").status_code == 302
    assert Client().get(path).status_code == 404


def test_someone_in_another_firm_cannot_join_and_the_invitation_stays_unused(owner, mailoutbox):
    _invite(signed_in(owner), email="busy@example.com")
    path = _join_link(mailoutbox).split("testserver", 1)[1]
    busy = recruiter("busy")  # owns a firm of their own
    response = signed_in(busy).post(path)
    assert response.status_code == 302
    assert Membership.objects.get(user=busy).firm.name == "Busy Search"
    assert Invitation.objects.get().accepted_at is None


def test_a_refused_account_form_makes_nothing(owner, mailoutbox):
    _invite(signed_in(owner))
    path = _join_link(mailoutbox).split("testserver", 1)[1]
    bad = {"username": "x\x00", "password1": "short", "password2": "other"}
    assert Client().post(path, bad).status_code == 400
    assert not User.objects.filter(email="new@example.com").exists()


def test_the_last_owner_cannot_leave_or_be_demoted(owner):
    client = signed_in(owner)
    mine = Membership.objects.get(user=owner)
    client.post(f"/firm/members/{mine.pk}/role/", {"role": "viewer"})
    client.post(f"/firm/members/{mine.pk}/remove/")
    mine.refresh_from_db()
    assert mine.role == Role.OWNER
    page = client.get("/firm/").content.decode()
    assert "A firm needs an owner" in page


def test_removing_a_member_keeps_their_engagements_with_the_firm(owner):
    rita = recruiter("rita", firm_of(owner), Role.RECRUITER)
    engagement = engagement_for(rita, "Acme")
    rita_membership = Membership.objects.get(user=rita)
    assert signed_in(owner).post(f"/firm/members/{rita_membership.pk}/remove/").status_code == 302
    engagement.refresh_from_db()
    assert engagement.firm == firm_of(owner)
    assert engagement.recruiter == owner  # led by whoever removed them
    assert signed_in(rita).get(engagement.get_absolute_url()).status_code == 404


def test_two_owners_cannot_remove_each_other_to_none(owner):
    second = recruiter("sam", firm_of(owner), Role.OWNER)
    first_membership, second_membership = (
        Membership.objects.get(user=owner),
        Membership.objects.get(user=second),
    )
    members.remove(second_membership, by=owner)
    with pytest.raises(members.MembershipError):
        members.remove(first_membership, by=owner)


def test_every_membership_change_is_in_the_history_with_who_made_it(owner, mailoutbox):
    client = signed_in(owner)
    rita = recruiter("rita", firm_of(owner), Role.RECRUITER)
    membership = Membership.objects.get(user=rita)
    client.post(f"/firm/members/{membership.pk}/role/", {"role": "viewer"})
    client.post(f"/firm/members/{membership.pk}/remove/")
    _invite(client)
    changes = [
        (record.history_type, record.role, record.history_user)
        for record in Membership.history.filter(user_id=rita.pk).order_by("history_date")
    ]
    assert changes[1:] == [("~", "viewer", owner), ("-", "viewer", owner)]
    assert Invitation.history.get().history_user == owner
    page = client.get("/firm/").content.decode()
    assert "Recent changes" in page
    assert "new@example.com" in page


def test_someone_who_leaves_hands_their_engagements_to_an_owner(owner):
    rita = recruiter("rita", firm_of(owner), Role.RECRUITER)
    engagement = engagement_for(rita, "Acme")
    mine = Membership.objects.get(user=rita)
    response = signed_in(rita).post(f"/firm/members/{mine.pk}/remove/")
    assert response["Location"] == "/recruiter/"
    engagement.refresh_from_db()
    assert engagement.recruiter == owner


def test_an_invitation_opens_only_for_its_own_address(owner, mailoutbox):
    _invite(signed_in(owner), email="nico@example.com")
    path = _join_link(mailoutbox).split("testserver", 1)[1]
    stranger = User.objects.create_user("sam", "sam@example.com", "x")
    signed_in(stranger).post(path)
    assert not Membership.objects.filter(user=stranger).exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    ("field", "value"), [("first_name", "\u202eevil"), ("last_name", "x\nFake")]
)
def test_names_given_when_joining_are_one_plain_line(owner, mailoutbox, field, value):
    _invite(signed_in(owner))
    path = _join_link(mailoutbox).split("testserver", 1)[1]
    form = {"username": "nico", "password1": "a-long-pass-4471", "password2": "a-long-pass-4471"}
    assert Client().post(path, {**form, field: value}).status_code == 400
    assert not User.objects.filter(username="nico").exists()


def test_the_note_to_the_client_is_plain_text(owner):
    engagement = engagement_for(owner, "Acme")
    client = signed_in(owner)
    client.post(f"{engagement.get_absolute_url()}note/", {"report_note": "Hi\u202e there"})
    engagement.refresh_from_db()
    assert engagement.report_note == ""
    client.post(f"{engagement.get_absolute_url()}note/", {"report_note": "Dear Ana,\nAs agreed."})
    engagement.refresh_from_db()
    assert (
        engagement.report_note == "Dear Ana,\r\nAs agreed."
        or "As agreed." in engagement.report_note
    )
