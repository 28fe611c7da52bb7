"""Who may open what. Every page and endpoint, against every kind of visitor.

The assessment under test came in through recruiter A's engagement. Each visitor holds
only their own credential; wherever a page needs a token they do not have, they present
a well-formed random one, as a guesser would.
"""

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from assessments.models import Assessment
from leaders.models import Person
from outcomes.models import OutcomeLink
from rolefit import tokens
from sharing.models import ShareLink
from teams.models import Team

from .recruiting import ceo_answers_invite, engagement_for, recruiter, signed_in

ACTORS = ["anonymous", "owner", "share", "revoked", "rater", "recruiter_a", "recruiter_b", "staff"]

# page name → the status each actor must get, in ACTORS order.
EXPECTED = {
    "manage": [404, 200, 404, 404, 404, 404, 404, 404],
    "export": [404, 200, 404, 404, 404, 404, 404, 404],
    "report": [404, 200, 404, 404, 404, 404, 404, 404],
    # The world's share links do not offer the PDF: nobody gets it through them.
    "shared_report": [404, 404, 404, 404, 404, 404, 404, 404],
    "delete": [404, 200, 404, 404, 404, 404, 404, 404],
    "result": [404, 200, 404, 404, 404, 404, 404, 404],
    "people": [404, 200, 404, 404, 404, 404, 404, 404],
    "people_report": [404, 200, 404, 404, 404, 404, 404, 404],
    "person": [404, 200, 404, 404, 404, 404, 404, 404],
    "shared": [404, 404, 200, 404, 404, 404, 404, 404],
    "rate": [404, 404, 404, 404, 200, 404, 404, 404],
    "api_share_links": [404, 201, 404, 404, 404, 404, 404, 404],
    "dashboard": [302, 302, 302, 302, 302, 200, 200, 200],
    "engagement": [302, 302, 302, 302, 302, 200, 404, 404],
    "engagement_result": [302, 302, 302, 302, 302, 200, 404, 404],
    "engagement_report": [302, 302, 302, 302, 302, 200, 404, 404],
    "engagement_people": [302, 302, 302, 302, 302, 200, 404, 404],
    "engagement_person": [302, 302, 302, 302, 302, 200, 404, 404],
    "admin": [302, 302, 302, 302, 302, 302, 302, 200],
    # Insights and its exports: staff only; everyone else is sent to the admin sign-in.
    "insights": [302, 302, 302, 302, 302, 302, 302, 200],
    "insights_csv": [302, 302, 302, 302, 302, 302, 302, 200],
    "insights_export": [302, 302, 302, 302, 302, 302, 302, 200],
    # The outcome link is the owner's (made from their page); staff see the backtest.
    "outcome": [404, 200, 404, 404, 404, 404, 404, 404],
    "record_outcome": [404, 302, 404, 404, 404, 404, 404, 404],
    "stop_outcome": [404, 302, 404, 404, 404, 404, 404, 404],
    "backtest": [302, 302, 302, 302, 302, 302, 302, 200],
    # The leadership team: the owner's, or the engagement's recruiter's; a colleague's
    # link is theirs (the owner holds it too, to send it).
    "team": [404, 200, 404, 404, 404, 404, 404, 404],
    "invite_colleague": [404, 302, 404, 404, 404, 404, 404, 404],
    "engagement_team": [302, 302, 302, 302, 302, 200, 404, 404],
    "respond": [404, 302, 404, 404, 404, 404, 404, 404],
}


@pytest.fixture
def world(live_version, settings):
    settings.RF_TOKEN_MISS_LIMIT = 10_000  # this test guesses on purpose, many times
    alice, bob = recruiter("alice"), recruiter("bob")
    staff = User.objects.create_superuser("root", "root@example.com", "root-pass-123")
    engagement = engagement_for(alice, "Acme")
    resume = ceo_answers_invite(engagement)
    assessment = Assessment.objects.get()
    _link, share = ShareLink.create(assessment=assessment, label="Firm one")
    revoked_link, revoked = ShareLink.create(assessment=assessment, label="Firm two")
    revoked_link.revoke()
    owner = tokens.owner_token(resume)
    person = Person.objects.add(name="Ana", email="", kind="candidate", assessment=assessment)
    their_person = Person.objects.add(name="Rec", email="", kind="candidate", engagement=engagement)
    return {
        "person": person,
        "engagement_person": their_person,
        "rater": person.rater_links.get(kind="self").token(),
        "outcome": OutcomeLink.of(assessment).token(),
        "respondent": Team.of(assessment).invite(role_label="CFO").token(),
        "engagement": engagement,
        "assessment": assessment,
        "owner": owner,
        "result": tokens.result_token(owner),
        "share": share,
        "revoked": revoked,
        "users": {"recruiter_a": alice, "recruiter_b": bob, "staff": staff},
    }


def _credentials(world, actor):
    """What this actor holds: real tokens where theirs, random ones elsewhere."""
    names = ("owner", "result", "share", "rater", "outcome", "respondent")
    held = {name: tokens.new_token() for name in names}
    if actor == "owner":
        held.update(
            owner=world["owner"],
            result=world["result"],
            outcome=world["outcome"],
            respondent=world["respondent"],
        )
    elif actor == "share":
        held["share"] = world["share"]
    elif actor == "revoked":
        held["share"] = world["revoked"]
    elif actor == "rater":
        held["rater"] = world["rater"]
    user = world["users"].get(actor)
    return held, signed_in(user) if user else Client()


def _request(client, page, held, world):
    engagement, assessment = world["engagement"], world["assessment"]
    paths = {
        "manage": f"/o/{held['owner']}/",
        "export": f"/o/{held['owner']}/export.json",
        "report": f"/o/{held['owner']}/report.pdf",
        "shared_report": f"/s/{held['share']}/report.pdf",
        "delete": f"/o/{held['owner']}/delete/",
        "result": f"/r/{held['result']}/",
        "shared": f"/s/{held['share']}/",
        "people": f"/o/{held['owner']}/people/",
        "people_report": f"/o/{held['owner']}/people/report.pdf",
        "person": f"/o/{held['owner']}/people/{world['person'].public_id}/",
        "rate": f"/rate/{held['rater']}/",
        "engagement_people": f"{engagement.get_absolute_url()}people/",
        "engagement_person": (
            f"{engagement.get_absolute_url()}people/{world['engagement_person'].public_id}/"
        ),
        "dashboard": "/recruiter/",
        "engagement": engagement.get_absolute_url(),
        "engagement_result": f"{engagement.get_absolute_url()}results/{assessment.public_id}/",
        "engagement_report": (
            f"{engagement.get_absolute_url()}results/{assessment.public_id}/report.pdf"
        ),
        "admin": "/admin/",
        "insights": "/admin/insights/",
        "insights_csv": "/admin/insights/?download=funnel",
        "insights_export": "/admin/insights/results.xlsx",
        "outcome": f"/outcome/{held['outcome']}/",
        "backtest": f"/admin/backtest/{assessment.questionnaire_id}/",
        "team": f"/o/{held['owner']}/team/",
        "engagement_team": f"{engagement.get_absolute_url()}team/",
        "respond": f"/team/{held['respondent']}/",
    }
    if page == "record_outcome":
        return client.post(f"/o/{held['owner']}/outcome/")
    if page == "invite_colleague":
        return client.post(f"/o/{held['owner']}/team/invite/", {"role_label": "Board"})
    if page == "stop_outcome":
        return client.post(f"/o/{held['owner']}/outcome/stop/")
    if page == "api_share_links":
        return client.post(
            "/api/v1/share-links",
            json.dumps({"label": "probe"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Owner {held['owner']}",
        )
    return client.get(paths[page])


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(EXPECTED))
@pytest.mark.parametrize("actor", ACTORS)
def test_each_visitor_gets_exactly_the_intended_access(world, page, actor):
    held, client = _credentials(world, actor)
    response = _request(client, page, held, world)
    assert response.status_code == EXPECTED[page][ACTORS.index(actor)], (actor, page)
