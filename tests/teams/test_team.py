"""teams/views.py: inviting colleagues, each answering through their own link and seeing
only their own answers, the combined view for the owner (and for a share link or a
colleague only when the owner allows), removal, limits and hostile input."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from assessments import result_cache
from assessments.models import Assessment
from sharing.models import ShareLink
from teams.models import MAX_INVITED, Respondent, Team
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from tests.flow import owner_path, share_through_owner_page, submitted

from .team_flow import answer_as, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(client, live_version):
    return submitted(client, SIMPLE_ANSWERS)


def test_the_owner_reads_where_the_team_agrees_and_where_it_does_not(client, owned):
    cfo, board = invite(client, owned, "CFO"), invite(client, owned, "Board")
    answer_as(cfo, COMPLEX_ANSWERS, name="Carmen")
    answer_as(board, {**SIMPLE_ANSWERS, "sales_channels": 3}, language="es")
    page = client.get(f"{owner_path(owned)}team/").content.decode()
    assert "What the leadership team says" in page
    assert "CFO · Carmen" in page
    assert "Board" in page
    assert "Talk about these first" in page
    assert "Where the team disagrees, the widest gaps first" in page
    assert "The team’s recommendation, explained" in page
    assert Respondent.objects.get(role_label="Board").language == "es"
    # The owner page carries the short view; the team page the explained one.
    owner_page = client.get(owner_path(owned)).content.decode()
    assert "What the leadership team says" in owner_page


def test_a_colleague_sees_only_their_own_answers_until_the_owner_shows_the_team(client, owned):
    cfo = invite(client, owned, "CFO")
    colleague = answer_as(cfo, COMPLEX_ANSWERS)
    answer_as(invite(client, owned, "Board"), SIMPLE_ANSWERS, name="Private Name")
    page = colleague.get(cfo).content.decode()
    assert "Your answers" in page
    assert "What the leadership team says" not in page
    assert "Private Name" not in page
    response = client.post(f"{owner_path(owned)}team/show/", {"shown_to_respondents": "on"})
    assert response.status_code == 302
    assert "What the leadership team says" in colleague.get(cfo).content.decode()


def test_removing_a_colleague_takes_their_answers_and_kills_their_link(client, owned):
    cfo = invite(client, owned, "CFO")
    colleague = answer_as(cfo, COMPLEX_ANSWERS)
    respondent = Respondent.objects.get()
    assert client.get(f"{owner_path(owned)}report.pdf").status_code == 200
    report = result_cache.pdf_key(Assessment.objects.get().public_id, "en", "owner")
    assert cache.get(report) is not None
    response = client.post(f"{owner_path(owned)}team/{respondent.public_id}/remove/")
    assert response.status_code == 302
    assert cache.get(report) is None, "a report showing their call goes with them"
    assert not Respondent.objects.exists()
    assert colleague.get(cfo).status_code == 404
    assert (
        "What the leadership team says"
        not in client.get(f"{owner_path(owned)}team/").content.decode()
    )


def test_a_team_has_at_most_twelve_colleagues(client, owned):
    for _ in range(MAX_INVITED):
        invite(client, owned)
    response = client.post(f"{owner_path(owned)}team/invite/", {"role_label": "one more"})
    assert response.status_code == 400
    assert "at most 12 colleagues" in response.content.decode()
    assert Respondent.objects.count() == MAX_INVITED


@pytest.mark.parametrize("role", ["line\nbreak", "nul\x00byte", "x" * 61, "rtl\u202eoverride"])
def test_a_hostile_role_label_is_refused_and_nothing_is_stored(client, owned, role):
    response = client.post(f"{owner_path(owned)}team/invite/", {"role_label": role})
    assert response.status_code == 400
    assert not Respondent.objects.exists()


def test_a_lone_surrogate_in_the_bytes_is_never_stored(client, owned):
    # A form's bytes are decoded leniently: the broken sequence arrives as U+FFFD.
    response = client.post(
        f"{owner_path(owned)}team/invite/",
        b"role_label=%ED%A0%80",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 400)
    for role in Respondent.objects.values_list("role_label", flat=True):
        role.encode("utf-8")  # raises on a lone surrogate


def test_a_colleagues_bad_answers_and_tampered_steps_are_refused(client, owned):
    link = invite(client, owned, "CFO")
    colleague = Client()
    response = colleague.post(f"{link}step/1/", {"action": "next", "sales_channels": "9" * 40})
    assert response.status_code == 400
    assert "sales_channels" in response.context["form"].errors
    assert colleague.get(f"{link}step/99/").status_code == 404
    assert colleague.get(f"{link}step/0/").status_code == 404
    response = colleague.post(f"{link}review/", {"name": ""})
    assert response.status_code == 400, "required answers are missing"
    assert Respondent.objects.get().submitted_at is None


def test_a_replayed_submit_changes_nothing(client, owned):
    link = invite(client, owned, "CFO")
    colleague = answer_as(link, COMPLEX_ANSWERS, name="First")
    submitted_at = Respondent.objects.get().submitted_at
    response = colleague.post(f"{link}review/", {"name": "Second"})
    assert response.status_code == 302
    respondent = Respondent.objects.get()
    assert (respondent.name, respondent.submitted_at) == ("First", submitted_at)
    step = colleague.post(f"{link}step/1/", {"action": "next", "sales_channels": "1"})
    assert step.status_code == 302
    assert Respondent.objects.get().answers["sales_channels"] == COMPLEX_ANSWERS["sales_channels"]


def test_export_has_every_colleague_and_delete_erases_them(client, owned):
    link = invite(client, owned, "CFO")
    answer_as(link, COMPLEX_ANSWERS, name="Carmen")
    export = client.get(f"{owner_path(owned)}export.json").json()
    (exported,) = export["team"]["respondents"]
    assert (exported["role"], exported["name"]) == ("CFO", "Carmen")
    assert exported["answers"]["sales_channels"] == COMPLEX_ANSWERS["sales_channels"]
    assert link.split("/")[2] not in str(export), "no link in the export"
    assert client.post(f"{owner_path(owned)}delete/", {"confirm": "on"}).status_code == 302
    assert not Team.objects.exists()
    assert not Respondent.objects.exists()
    assert Client().get(link).status_code == 404


def test_a_share_link_shows_the_team_only_when_the_owner_ticks_the_box(client, owned):
    answer_as(invite(client, owned, "CFO"), COMPLEX_ANSWERS, name="Carmen")
    plain = share_through_owner_page(client, owned, label="plain")
    with_team = share_through_owner_page(client, owned, label="team", show_team="on")
    assert "What the leadership team says" not in Client().get(plain).content.decode()
    assert "CFO · Carmen" in Client().get(with_team).content.decode()
    assert ShareLink.objects.get(label="team").show_team


def test_the_owners_pdf_report_carries_the_team(client, owned):
    from io import BytesIO

    from pypdf import PdfReader

    answer_as(invite(client, owned, "CFO"), COMPLEX_ANSWERS)
    response = client.get(f"{owner_path(owned)}report.pdf")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "What the leadership team says" in re.sub(r"\s+", " ", text)


def test_the_team_belongs_to_the_assessment(client, owned):
    invite(client, owned, "CFO")
    assert Team.objects.get().assessment == Assessment.objects.get()


def test_a_share_link_made_through_the_api_may_show_the_team(client, owned):
    import json

    from rolefit import tokens

    answer_as(invite(client, owned, "CFO"), COMPLEX_ANSWERS)
    response = client.post(
        "/api/v1/share-links",
        json.dumps({"label": "Board pack", "show_team": True}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Owner {tokens.owner_token(owned)}",
    )
    assert response.status_code == 201
    shared = response.json()["url"].removeprefix("http://testserver")
    assert "What the leadership team says" in Client().get(shared).content.decode()


def test_a_save_or_submit_that_races_a_removal_stores_nothing_and_is_a_404(client, owned):
    link = invite(client, owned, "CFO")
    colleague = Client()
    colleague.get(link)
    respondent = Respondent.objects.get()
    Respondent.objects.filter(pk=respondent.pk).delete()  # the owner's remove, meanwhile
    assert not respondent.save_answers({"sales_channels": 2}, language="en")
    assert not respondent.submit(name="late")
    assert not Respondent.objects.exists()
    assert colleague.post(f"{link}step/1/", {"sales_channels": "2"}).status_code == 404


def test_a_share_link_showing_the_team_never_serves_a_removed_colleague(client, owned):
    answer_as(invite(client, owned, "CFO"), COMPLEX_ANSWERS, name="Carmen")
    shared = share_through_owner_page(client, owned, label="team", show_team="on")
    reader = Client()
    assert "CFO · Carmen" in reader.get(shared).content.decode()
    respondent = Respondent.objects.get()
    client.post(f"{owner_path(owned)}team/{respondent.public_id}/remove/")
    assert "Carmen" not in reader.get(shared).content.decode()


def test_a_colleague_saving_two_steps_from_two_tabs_keeps_both(client, owned):
    # assessments.models.MergedAnswers: each save merges into the answers as stored.
    link = invite(client, owned, "CFO")
    Client().get(link)
    first_tab, second_tab = Respondent.objects.get(), Respondent.objects.get()
    assert second_tab.save_answers({"revenue_model": "recurring"}, language="en")
    assert first_tab.save_answers({"sales_channels": 2}, language="en")
    stored = Respondent.objects.get().answers
    assert stored["revenue_model"] == "recurring"
    assert stored["sales_channels"] == 2
