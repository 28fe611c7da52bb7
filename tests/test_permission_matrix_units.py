"""Who may open the organisation, unit and hiring-plan pages (#8), against every kind of
visitor. As in the main matrix, visitors present random well-formed tokens for links
they do not hold."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from assessments.models import Assessment
from plans.models import HiringPlan
from rolefit import tokens
from units.models import BusinessUnit, Organisation

from .conftest import COMPLEX_ANSWERS
from .flow import submitted
from .recruiting import firm_of, recruiter, signed_in

ACTORS = ["anonymous", "org_owner", "planner", "owner", "recruiter_a", "recruiter_b", "staff"]

EXPECTED = {
    "organisation": [404, 200, 404, 404, 404, 404, 404],
    "unit": [404, 200, 404, 404, 404, 404, 404],
    "unit_result": [404, 200, 404, 404, 404, 404, 404],
    "plan": [404, 404, 200, 404, 404, 404, 404],
    "plan_csv": [404, 404, 200, 404, 404, 404, 404],
    "plan_ical": [404, 404, 200, 404, 404, 404, 404],
    "recruiter_organisation": [302, 302, 302, 302, 200, 404, 404],
    "recruiter_unit": [302, 302, 302, 302, 200, 404, 404],
}


@pytest.fixture
def world(live_version, settings):
    settings.RF_TOKEN_MISS_LIMIT = 10_000  # this test guesses on purpose, many times
    alice, bob = recruiter("alice"), recruiter("bob")
    staff = User.objects.create_superuser("root", "root@example.com", "root-pass-123")
    ceo_org = Organisation.objects.create(name="Acme")
    unit = BusinessUnit.objects.create(organisation=ceo_org, name="Iberia")
    resume = submitted(Client(), COMPLEX_ANSWERS)
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(unit=unit)
    plan = HiringPlan.start(assessment)
    their_org = Organisation.objects.create(name="Globex", firm=firm_of(alice))
    their_unit = BusinessUnit.objects.create(organisation=their_org, name="Nordics")
    return {
        "org": ceo_org.token(),
        "unit": unit,
        "assessment": assessment,
        "plan": plan.token(),
        "owner": tokens.owner_token(resume),
        "their_org": their_org,
        "their_unit": their_unit,
        "users": {"recruiter_a": alice, "recruiter_b": bob, "staff": staff},
    }


def _path(page, held, world):
    unit, assessment = world["unit"], world["assessment"]
    their_org, their_unit = world["their_org"], world["their_unit"]
    their = f"/recruiter/organisations/{their_org.public_id}/"
    return {
        "organisation": f"/org/{held['org']}/",
        "unit": f"/org/{held['org']}/units/{unit.public_id}/",
        "unit_result": f"/org/{held['org']}/units/{unit.public_id}/results/{assessment.public_id}/",
        "plan": f"/plan/{held['plan']}/",
        "plan_csv": f"/plan/{held['plan']}/tasks.csv",
        "plan_ical": f"/plan/{held['plan']}/due-dates.ics",
        "recruiter_organisation": their,
        "recruiter_unit": f"{their}units/{their_unit.public_id}/",
    }[page]


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(EXPECTED))
@pytest.mark.parametrize("actor", ACTORS)
def test_each_visitor_gets_exactly_the_intended_access(world, page, actor):
    held = {"org": revealable_guess(), "plan": revealable_guess()}
    if actor == "org_owner":
        held["org"] = world["org"]
    elif actor == "planner":
        held["plan"] = world["plan"]
    user = world["users"].get(actor)
    client = signed_in(user) if user else Client()
    response = client.get(_path(page, held, world))
    assert response.status_code == EXPECTED[page][ACTORS.index(actor)], (actor, page)


def revealable_guess() -> str:
    """A well-formed guess at a 64-hex-digit link token."""
    return tokens.token_digest(tokens.new_token())
