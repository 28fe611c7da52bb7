"""teams/views.py for_recruiter: the engagement's recruiter asks the client's leadership
team from the engagement; another firm sees nothing, and a viewer may look but not act."""

import re

import pytest

from firms.models import Role
from teams.models import Respondent
from tests.conftest import COMPLEX_ANSWERS
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter, signed_in

from .team_flow import answer_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagement(live_version):
    engagement = engagement_for(recruiter("alice"), "Acme")
    ceo_answers_invite(engagement)
    return engagement


def test_the_recruiter_invites_from_the_engagement_and_reads_the_team(engagement):
    assert engagement.recruiter
    alice = signed_in(engagement.recruiter)
    team_url = f"{engagement.get_absolute_url()}team/"
    assert (
        "Ask the client’s leadership team"
        in alice.get(engagement.get_absolute_url()).content.decode()
    )
    assert alice.post(f"{team_url}invite/", {"role_label": "CFO"}).status_code == 302
    page = alice.get(team_url).content.decode()
    link = re.search(r'value="http://testserver(/team/[A-Za-z0-9_-]+/)"', page)
    assert link
    answer_as(link.group(1), COMPLEX_ANSWERS)
    assert "What the leadership team says" in alice.get(team_url).content.decode()


def test_another_firm_gets_nothing_and_a_viewer_cannot_act(engagement):
    team_url = f"{engagement.get_absolute_url()}team/"
    bob = signed_in(recruiter("bob"))
    assert bob.get(team_url).status_code == 404
    assert bob.post(f"{team_url}invite/", {"role_label": "x"}).status_code == 404
    assert engagement.recruiter
    viewer = signed_in(recruiter("vera", firm_of(engagement.recruiter), Role.VIEWER))
    signed_in(engagement.recruiter).post(f"{team_url}invite/", {"role_label": "CFO"})
    page = viewer.get(team_url)
    assert page.status_code == 200
    assert "CFO" in page.content.decode()
    # A colleague's link answers as them: a viewer may look, never answer.
    assert not re.search(r"/team/[A-Za-z0-9_-]{20,}/", page.content.decode())
    assert viewer.post(f"{team_url}invite/", {"role_label": "x"}).status_code == 403
    assert Respondent.objects.count() == 1, "only the recruiter's own invitation"


def test_before_the_ceo_submits_there_is_no_team_page(live_version):
    olga = recruiter("olga")
    engagement = engagement_for(olga, "Early")
    assert signed_in(olga).get(f"{engagement.get_absolute_url()}team/").status_code == 404
