"""Each rater has their own unguessable link and sees only their own form."""

import pytest

from leaders.models import RaterLink
from rolefit import tokens
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import owner_path, submitted
from tests.leading import EXECUTOR, STRATEGIST, add_person, rate
from tests.recruiting import engagement_for, recruiter, signed_in

pytestmark = pytest.mark.django_db


def test_a_rater_sees_only_their_own_form_and_ratings(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    person = add_person(client, f"{owner_path(token)}people/", "Ana")
    own, other = person.rater_links.get(kind="self"), person.rater_links.get(kind="interviewer")
    rate(other, EXECUTOR)
    page = client.get(f"/rate/{own.token()}/").content.decode()
    assert "Ana, how do you lead?" in page
    assert "checked" not in page, "the interviewer's answers are not shown to the candidate"
    for secret in (other.token(), owner_path(token), "/people/"):
        assert secret not in page
    rate(own, STRATEGIST)
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.ratings == STRATEGIST
    assert other.ratings == EXECUTOR


def test_rater_links_are_unguessable_and_stored_hashed(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    person = add_person(client, f"{owner_path(token)}people/", "Ana")
    link = person.rater_links.get(kind="self")
    assert len(bytes.fromhex(link.token())) * 8 >= 128
    assert link.token() not in str(RaterLink.objects.values().get(pk=link.pk))
    assert client.get(f"/rate/{tokens.new_token()}/").status_code == 404


def test_bad_ratings_are_refused_and_nothing_is_saved(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    link = add_person(client, f"{owner_path(token)}people/", "Ana").rater_links.get(kind="self")
    response = rate(link, {**STRATEGIST, "quota_drive": 9})
    assert response.status_code == 400
    link.refresh_from_db()
    assert link.ratings is None


def test_another_owner_or_recruiter_cannot_reach_a_person(client, live_version):
    mine, theirs = submitted(client, COMPLEX_ANSWERS), submitted(client, COMPLEX_ANSWERS)
    person = add_person(client, f"{owner_path(theirs)}people/", "Ana")
    assert client.get(f"{owner_path(mine)}people/{person.public_id}/").status_code == 404
    alice, bob = recruiter("alice"), recruiter("bob")
    engagement = engagement_for(alice)
    alice_client = signed_in(alice)
    people = f"{engagement.get_absolute_url()}people/"
    response = alice_client.post(people, {"name": "Rec", "email": "", "kind": "incumbent"})
    assert response.status_code == 302
    assert alice_client.get(response["Location"]).status_code == 200
    assert signed_in(bob).get(response["Location"]).status_code == 404
    assert signed_in(bob).get(people).status_code == 404
