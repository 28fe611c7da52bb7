"""Firms and roles: two firms, every role, every recruiter page and action.

Firm A owns everything under test: an engagement with a submitted result and a person
rated against it, and an organisation with a unit and its result. Firm B is identical
in shape and owns nothing here. A foreign firm's object is a 404; a viewer may look but
every change is a 403; nobody outside a firm sees a firm's objects.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from assessments.models import Assessment
from firms.models import Membership, Role
from leaders.models import Person
from units.models import BusinessUnit, Organisation

from .conftest import COMPLEX_ANSWERS
from .flow import submitted
from .recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter, signed_in

ACTORS = ["a_owner", "a_recruiter", "a_viewer", "b_owner", "b_recruiter", "b_viewer", "nobody"]

# What each actor gets, in ACTORS order. Pages are read with GET.
PAGES = {
    "dashboard": [200, 200, 200, 200, 200, 200, 200],
    "firm": [200, 200, 200, 200, 200, 200, 404],
    "engagement": [200, 200, 200, 404, 404, 404, 404],
    "engagement_result": [200, 200, 200, 404, 404, 404, 404],
    "engagement_report": [200, 200, 200, 404, 404, 404, 404],
    "people": [200, 200, 200, 404, 404, 404, 404],
    "people_report": [200, 200, 200, 404, 404, 404, 404],
    "person": [200, 200, 200, 404, 404, 404, 404],
    "organisations": [200, 200, 200, 200, 200, 200, 200],
    "organisation": [200, 200, 200, 404, 404, 404, 404],
    "unit": [200, 200, 200, 404, 404, 404, 404],
    "unit_result": [200, 200, 200, 404, 404, 404, 404],
}
# Actions are POSTs that change something: 302 is done, 403 refused, 404 not theirs.
# Creating an engagement or an organisation touches no object of A's: B's members
# create their own, in their own firm.
ACTIONS = {
    "create_engagement": [302, 302, 403, 302, 302, 403, 403],
    "start_plan": [302, 302, 403, 404, 404, 404, 404],
    "report_note": [302, 302, 403, 404, 404, 404, 404],
    "add_person": [302, 302, 403, 404, 404, 404, 404],
    "add_reference": [302, 302, 403, 404, 404, 404, 404],
    "delete_person": [302, 302, 403, 404, 404, 404, 404],
    "create_organisation": [302, 302, 403, 302, 302, 403, 403],
    "add_unit": [302, 302, 403, 404, 404, 404, 404],
    "assess_unit": [302, 302, 403, 404, 404, 404, 404],
    "unit_cadence": [302, 302, 403, 404, 404, 404, 404],
    "unit_plan": [302, 302, 403, 404, 404, 404, 404],
    "invite": [302, 403, 403, 302, 403, 403, 404],
    "change_role": [302, 403, 403, 404, 404, 404, 404],
    "remove_member": [302, 403, 403, 404, 404, 404, 404],
}


@pytest.fixture
def world(live_version, settings):
    settings.RF_CREATE_LIMIT_PER_HOUR = 10_000
    users = {}
    for firm in ("a", "b"):
        owner = users[f"{firm}_owner"] = recruiter(f"{firm}_owner")
        for role in (Role.RECRUITER, Role.VIEWER):
            users[f"{firm}_{role}"] = recruiter(f"{firm}_{role}", firm_of(owner), role)
    users["nobody"] = User.objects.create_user("nobody", "nobody@example.com", "x-pass-4471")
    # The member whose role is changed, or who is removed: not one of the actors.
    target = recruiter("a_target", firm_of(users["a_owner"]), Role.RECRUITER)
    engagement = engagement_for(users["a_owner"], "Acme")
    ceo_answers_invite(engagement, COMPLEX_ANSWERS)
    assessment = Assessment.objects.get(engagement=engagement)
    person = Person.objects.add(name="Ana", email="", kind="candidate", engagement=engagement)
    organisation = Organisation.objects.create(name="Globex", firm=firm_of(users["a_owner"]))
    unit = BusinessUnit.objects.create(organisation=organisation, name="Nordics")
    submitted(Client(), COMPLEX_ANSWERS)
    unit_result = Assessment.objects.latest("pk")
    Assessment.objects.filter(pk=unit_result.pk).update(unit=unit)
    return {
        "users": users,
        "engagement": engagement.get_absolute_url(),
        "result": f"{engagement.get_absolute_url()}results/{assessment.public_id}/",
        "people": f"{engagement.get_absolute_url()}people/",
        "person": f"{engagement.get_absolute_url()}people/{person.public_id}/",
        "organisation": f"/recruiter/organisations/{organisation.public_id}/",
        "unit": f"/recruiter/organisations/{organisation.public_id}/units/{unit.public_id}/",
        "unit_result_id": unit_result.public_id,
        "target": Membership.objects.get(user=target).pk,
    }


def _page(page, world):
    return {
        "dashboard": "/recruiter/",
        "firm": "/firm/",
        "engagement": world["engagement"],
        "engagement_result": world["result"],
        "engagement_report": f"{world['result']}report.pdf",
        "people": world["people"],
        "people_report": f"{world['people']}report.pdf",
        "person": world["person"],
        "organisations": "/recruiter/organisations/",
        "organisation": world["organisation"],
        "unit": world["unit"],
        "unit_result": f"{world['unit']}results/{world['unit_result_id']}/",
    }[page]


def _action(action, world):
    """(path, form data) for each change."""
    unit = world["unit"]
    return {
        "create_engagement": ("/recruiter/engagements/", {"client_company": "Initech"}),
        "start_plan": (f"{world['result']}plan/", {}),
        "report_note": (f"{world['engagement']}note/", {"report_note": "Dear Ana"}),
        "add_person": (world["people"], {"name": "Luis", "email": "", "kind": "candidate"}),
        "add_reference": (f"{world['person']}references/", {}),
        "delete_person": (f"{world['person']}delete/", {}),
        "create_organisation": ("/recruiter/organisations/", {"name": "Umbrella"}),
        "add_unit": (world["organisation"], {"name": "Iberia", "cadence_days": "90"}),
        "assess_unit": (f"{unit}assess/", {}),
        "unit_cadence": (unit, {"owner_email": "", "cadence_days": "120"}),
        "unit_plan": (f"{unit}results/{world['unit_result_id']}/plan/", {}),
        "invite": ("/firm/invitations/", {"email": "new@example.com", "role": "recruiter"}),
        "change_role": (f"/firm/members/{world['target']}/role/", {"role": "viewer"}),
        "remove_member": (f"/firm/members/{world['target']}/remove/", {}),
    }[action]


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("actor", ACTORS)
def test_each_member_reads_exactly_their_firm(world, page, actor):
    client = signed_in(world["users"][actor])
    response = client.get(_page(page, world))
    assert response.status_code == PAGES[page][ACTORS.index(actor)], (actor, page)


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("actor", ACTORS)
def test_each_member_changes_exactly_what_their_role_allows(world, action, actor, mailoutbox):
    client = signed_in(world["users"][actor])
    path, data = _action(action, world)
    response = client.post(path, data)
    assert response.status_code == ACTIONS[action][ACTORS.index(actor)], (actor, action)


@pytest.mark.django_db
def test_a_viewer_sees_no_control_that_changes_anything(world):
    viewer = signed_in(world["users"]["a_viewer"])
    for page in PAGES:
        if page.endswith("report"):
            continue  # a PDF has no forms
        body = viewer.get(_page(page, world)).content.decode()
        forms = body.count('method="post"')
        # The only forms a viewer gets: signing out, and leaving the firm.
        allowed = 1 + (page == "firm")
        assert forms == allowed, (page, forms)
    assert "/i/" not in viewer.get(world["engagement"]).content.decode()  # no invite link
