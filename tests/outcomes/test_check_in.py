"""outcomes/views.py check_in, stop and owner_context: a check-in refused field by field
and stored once, the outcome link on the owner page, stopped and made anew, and the
outcomes in the export, the delete, a share link that allows them, and the unit page."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from assessments.models import Assessment
from outcomes.models import Outcome, OutcomeLink
from sharing.models import ShareLink
from tests.flow import owner_path, share_through_owner_page, submitted

pytestmark = pytest.mark.django_db

GOOD = {
    "hired": "CRO",
    "started_on": "",
    "still_in_seat": "true",
    "revenue": "on",
    "fit_rating": "4",
    "hindsight": "yes",
    "notes": "Strong first two quarters.",
}


@pytest.fixture
def owned(client, live_version):
    resume = submitted(client)
    assessment = Assessment.objects.get()
    response = client.post(f"{owner_path(resume)}outcome/")
    assert response.status_code == 302
    return {"resume": resume, "assessment": assessment, "check_in": response["Location"]}


def _post(client, url, **changes):
    data = {
        **GOOD,
        "started_on": timezone.localdate().isoformat(),
        "submission": str(uuid.uuid4()),
        **changes,
    }
    return client.post(url, data)


def test_a_check_in_is_recorded_once_however_often_it_is_posted(client, owned):
    submission = str(uuid.uuid4())
    for _ in range(3):
        response = _post(client, owned["check_in"], submission=submission)
        assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert (outcome.hired, outcome.fit_rating, outcome.check_in) == ("CRO", 4, "any")
    _post(client, owned["check_in"], fit_rating="2")
    assert list(Outcome.objects.values_list("fit_rating", flat=True)) == [4, 2], "history kept"
    page = client.get(owned["check_in"]).content.decode()
    assert "Check-ins so far" in page
    assert "Strong first two quarters." not in page, "the link may be shared: no notes"
    assert "Strong first two quarters." in client.get(owner_path(owned["resume"])).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"started_on": "2001-01-01"}, "started_on", "before the assessment"),
        (
            {
                "started_on": str(date.today() + timedelta(days=30)),
                "still_in_seat": "false",
                "left_on": str(date.today()),
            },
            "left_on",
            "before the start date",
        ),
        ({"still_in_seat": "false"}, "left_on", "Say when they left"),
        ({"hired": "CEO"}, "hired", "Select a valid choice"),
        ({"revenue": "sideways"}, "revenue", "Select a valid choice"),
        ({"fit_rating": "9"}, "fit_rating", "less than or equal to 5"),
        ({"hired": "other"}, "other_title", "Name the title hired"),
        ({"notes": "nul\x00byte"}, "notes", ""),
        ({"started_on": "99999-01-01"}, "started_on", "valid date"),
        ({"submission": "not-a-uuid"}, "submission", ""),
        ({"still_in_seat": "false", "left_on": "0001-01-01"}, "left_on", "before the assessment"),
        ({"still_in_seat": "false", "left_on": "2099-06-01"}, "left_on", "in the future"),
        ({"started_on": "9999-12-31"}, "started_on", "more than a year away"),
        ({"left_on": "2026-01-01", "left_because": "fit"}, "still_in_seat", "still in the role"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_stored(
    client, owned, changes, field, message
):
    response = _post(client, owned["check_in"], **changes)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in str(response.context["form"].errors[field])
    assert not Outcome.objects.exists()


def test_which_check_in_it_is_follows_from_the_calendar(client, owned):
    Assessment.objects.filter(pk=owned["assessment"].pk).update(
        submitted_at=timezone.now() - timedelta(days=200),
        created_at=timezone.now() - timedelta(days=201),
    )
    _post(client, owned["check_in"], check_in="12m")  # not a field: ignored
    assert Outcome.objects.get().check_in == "6m"


def test_the_owner_page_shows_the_link_and_stopping_it_kills_it_for_good(client, owned):
    page = client.get(owner_path(owned["resume"])).content.decode()
    shown = re.search(r'id="outcome-link"[^>]*value="http://testserver(/outcome/[^"]+/)"', page)
    assert shown
    assert shown.group(1) == owned["check_in"]
    assert client.post(f"{owner_path(owned['resume'])}outcome/stop/").status_code == 302
    assert client.get(owned["check_in"]).status_code == 404
    assert 'id="outcome-link"' not in client.get(owner_path(owned["resume"])).content.decode()
    again = client.post(f"{owner_path(owned['resume'])}outcome/")["Location"]
    assert again != owned["check_in"]
    assert client.get(again).status_code == 200
    assert client.get(owned["check_in"]).status_code == 404, "the old link stays dead"
    assert client.get("/outcome/" + "A" * 32 + "/").status_code == 404


def test_the_export_has_the_outcomes_and_delete_erases_them(client, owned):
    _post(client, owned["check_in"])
    export = client.get(f"{owner_path(owned['resume'])}export.json").json()
    assert [o["notes"] for o in export["outcomes"]] == ["Strong first two quarters."]
    assert "token" not in str(export["outcomes"])
    response = client.post(f"{owner_path(owned['resume'])}delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not Outcome.objects.exists()
    assert not OutcomeLink.objects.exists()
    assert client.get(owned["check_in"]).status_code == 404


def test_a_share_link_shows_outcomes_only_when_the_owner_ticks_the_box(client, owned):
    _post(client, owned["check_in"])
    hidden = share_through_owner_page(client, owned["resume"], label="plain")
    shown = share_through_owner_page(client, owned["resume"], label="with", show_outcomes="on")
    both = share_through_owner_page(
        client, owned["resume"], label="notes", show_outcomes="on", show_free_text="on"
    )
    assert "How the hire worked out" not in client.get(hidden).content.decode()
    with_outcomes = client.get(shown).content.decode()
    assert "A Chief Revenue Officer" in with_outcomes
    assert "Strong first two quarters." not in with_outcomes, "notes need the free-text box"
    assert "Strong first two quarters." in client.get(both).content.decode()
    assert ShareLink.objects.filter(show_outcomes=True).count() == 2


def test_the_unit_page_shows_how_each_result_worked_out(client, live_version):
    from units.models import BusinessUnit, Organisation

    organisation = Organisation.objects.create(name="Acme")
    unit = BusinessUnit.objects.create(organisation=organisation, name="EMEA")
    submitted(client)
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(unit=unit)
    Outcome.objects.create(
        assessment=assessment,
        hired="CSO",
        started_on=date.today(),
        still_in_seat=False,
        left_on=date.today(),
        left_because="offer",
    )
    url = f"/org/{organisation.token()}/units/{unit.public_id}/"
    page = client.get(url).content.decode()
    assert "How it worked out:" in page
    assert "A Chief Sales Officer · has left (left for another offer)" in page
    result = client.get(f"{url}results/{assessment.public_id}/").content.decode()
    assert "How the hire worked out" in result
