"""A CEO whose business needs a CRO rates a strategist and an executor."""

from typing import Any

import pytest

from leaders.models import Person, RaterLink
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import owner_path, submitted
from tests.leading import EXECUTOR, STRATEGIST, add_person, rate, rater_urls

pytestmark = pytest.mark.django_db
SPANISH: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "es"}


def _rated_pair(client):
    token = submitted(client, COMPLEX_ANSWERS)
    people = f"{owner_path(token)}people/"
    strategist = add_person(client, people, "Sam Strategist")
    executor = add_person(client, people, "Eve Executor")
    for person, ratings in ((strategist, STRATEGIST), (executor, EXECUTOR)):
        for link in person.rater_links.all():
            assert rate(link, ratings).status_code == 302
    return token, people, strategist, executor


def test_adding_a_person_gives_a_self_and_an_interviewer_link(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    person = add_person(client, f"{owner_path(token)}people/", "Ana")
    kinds = sorted(person.rater_links.values_list("kind", flat=True))
    assert kinds == ["interviewer", "self"]
    body = client.get(f"{owner_path(token)}people/{person.public_id}/").content.decode()
    assert len(rater_urls(body)) == 2
    assert "No ratings yet" in body


def test_the_strategist_ranks_first_for_a_cro_seat(client, live_version):
    _token, people, strategist, executor = _rated_pair(client)
    body = client.get(people).content.decode()
    assert body.index("Sam Strategist") < body.index("Eve Executor")
    bank_role = strategist.role()
    assert bank_role == "CRO"
    assert 'id="compare-figure"' in body
    strategist_fit = strategist.profile("en").fit
    executor_fit = executor.profile("en").fit
    assert strategist_fit > executor_fit + 30


def test_the_executor_page_names_the_risks_and_the_complement(client, live_version):
    token, _people, _strategist, executor = _rated_pair(client)
    body = client.get(f"{owner_path(token)}people/{executor.public_id}/").content.decode()
    assert "Executor (CSO-type)" in body
    assert "An executor in a strategy seat" in body
    assert "Head of Sales Strategy" in body
    assert 'id="traits-figure"' in body
    spanish = client.get(f"{owner_path(token)}people/{executor.public_id}/", **SPANISH)
    assert "Un ejecutor en un puesto de estrategia" in spanish.content.decode()


def test_ties_are_shown_as_ties(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    people = f"{owner_path(token)}people/"
    for name in ("Twin One", "Twin Two"):
        person = add_person(client, people, name)
        rate(person.rater_links.get(kind="interviewer"), STRATEGIST)
    body = client.get(people).content.decode()
    assert body.count('<span class="rf-rank">=1</span>') == 2
    assert "Tied with another person." in body


def test_raters_who_disagree_by_two_or_more_are_flagged(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    person = add_person(client, f"{owner_path(token)}people/", "Dana")
    rate(person.rater_links.get(kind="self"), {**STRATEGIST, "quota_drive": 5})
    rate(person.rater_links.get(kind="interviewer"), {**STRATEGIST, "quota_drive": 2})
    RaterLink.objects.create(person=person, kind=RaterLink.Kind.REFERENCE)
    rate(person.rater_links.get(kind="reference"), {**STRATEGIST, "quota_drive": 2})
    body = client.get(f"{owner_path(token)}people/{person.public_id}/").content.decode()
    assert "No: 3 points apart" in body
    assert body.count("No: ") == 1


def test_deleting_a_person_deletes_their_ratings(client, live_version):
    token, _people, strategist, _executor = _rated_pair(client)
    client.post(f"{owner_path(token)}people/{strategist.public_id}/delete/")
    assert not Person.objects.filter(name="Sam Strategist").exists()
    assert RaterLink.objects.count() == 2


def test_deleting_everything_includes_the_people(client, live_version):
    token, *_ = _rated_pair(client)
    client.post(f"{owner_path(token)}delete/", {"confirm": "on"})
    assert not Person.objects.exists()
    assert not RaterLink.objects.exists()


def test_a_bad_person_form_is_a_400(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    response = client.post(f"{owner_path(token)}people/", {"name": "", "email": "nope"})
    assert response.status_code == 400
    assert not Person.objects.exists()
