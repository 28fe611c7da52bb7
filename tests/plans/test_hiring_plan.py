"""A CRO hiring plan from a flipped unit's result: half done, exported to CSV and iCalendar."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from plans.models import HiringPlan, PlanTask
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import owner_path, submitted
from tests.plans_flow import plan_form
from tests.recruiting import recruiter, signed_in
from tests.units_flow import DRIFT, reassess_quarters_ago

pytestmark = pytest.mark.django_db


def test_recruiter_plans_the_cro_search_for_the_flipped_unit(live_version):
    client = signed_in(recruiter("alice"))
    org_url = client.post("/recruiter/organisations/", {"name": "Acme Group"})["Location"]
    for name in ("Iberia", "Nordics", "Online"):
        client.post(org_url, {"name": name, "owner_email": "", "cadence_days": "91"})
    from units.models import BusinessUnit

    iberia = BusinessUnit.objects.get(name="Iberia")
    for quarter, answers in enumerate(DRIFT):
        latest = reassess_quarters_ago(client, org_url, iberia, answers, quarters_ago=3 - quarter)
    assert "flipped from CSO to CRO" in client.get(org_url).content.decode()

    started = client.post(f"{org_url}units/{iberia.public_id}/results/{latest.public_id}/plan/")
    plan = HiringPlan.objects.get()
    assert started["Location"] == f"/plan/{plan.token()}/"
    assert plan.role == "CRO"
    assert plan.tasks.filter(key__startswith="hire_").exists()

    half = plan.tasks.count() // 2
    data = plan_form(
        plan, lambda n, task: {"status": "done", "assignee": "Ana"} if n < half else {}
    )
    assert client.post(started["Location"], data).status_code == 302
    page = client.get(started["Location"]).content.decode()
    assert f"{half} of {plan.tasks.count()} tasks done" in page

    exported = client.get(f"{started['Location']}tasks.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert len(rows) == plan.tasks.count()
    assert sum(row["status"] == "Done" for row in rows) == half
    calendar = Calendar.from_ical(client.get(f"{started['Location']}due-dates.ics").content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == plan.tasks.count() - half, "done tasks leave the calendar"


def test_overdue_tasks_are_highlighted_and_pages_work_in_spanish(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    location = client.post(f"{owner_path(token)}plan/")["Location"]
    plan = HiringPlan.objects.get()
    PlanTask.objects.filter(pk=plan.tasks.all()[0].pk).update(
        due_on=timezone.now().date() - timedelta(days=2)
    )
    page = client.get(location).content.decode()
    assert 'class="table-danger"' in page
    assert "1 overdue" in page
    spanish = client.get(location, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Definir el puesto" in spanish


def test_bad_task_edits_are_refused_and_foreign_links_are_404(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    location = client.post(f"{owner_path(token)}plan/")["Location"]
    plan = HiringPlan.objects.get()
    data = plan_form(
        plan, lambda n, task: {"due_on": "someday", "status": "maybe"} if n == 0 else {}
    )
    assert client.post(location, data).status_code == 400
    assert plan.tasks.all()[0].status == "todo"
    assert client.get("/plan/" + "0" * 64 + "/").status_code == 404


def test_deleting_everything_deletes_the_plan(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    client.post(f"{owner_path(token)}plan/")
    client.post(f"{owner_path(token)}delete/", {"confirm": "on"})
    assert not HiringPlan.objects.exists()
    assert not PlanTask.objects.exists()


def _two_plans(client):
    first = submitted(client, COMPLEX_ANSWERS)
    location = client.post(f"{owner_path(first)}plan/")["Location"]
    client.post(f"{owner_path(submitted(client, COMPLEX_ANSWERS))}plan/")
    mine, theirs = HiringPlan.objects.order_by("pk")
    return location, mine, theirs


def _stored(plan):
    return list(plan.tasks.order_by("pk").values_list("pk", "position", "assignee", "status"))


@pytest.mark.parametrize(
    "tamper",
    [
        # One more form than the plan has: a client trying to add a task.
        lambda data, n: {**data, "form-TOTAL_FORMS": str(n + 1), f"form-{n}-due_on": "2030-01-01"},
        # Every row presented as new.
        lambda data, n: {**data, "form-INITIAL_FORMS": "0"},
        # A count far beyond any plan.
        lambda data, n: {**data, "form-TOTAL_FORMS": "100000000"},
        # Fewer rows: a client trying to drop some.
        lambda data, n: {**data, "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "3"},
        lambda data, n: {**data, "form-TOTAL_FORMS": "-1"},
    ],
)
def test_tampered_formset_counters_change_nothing(client, live_version, tamper):
    location, mine, theirs = _two_plans(client)
    before = (_stored(mine), _stored(theirs))
    data = plan_form(mine, lambda n, task: {"assignee": "Changed"})
    response = client.post(location, tamper(data, mine.tasks.count()))
    assert response.status_code == 400
    assert (_stored(mine), _stored(theirs)) == before


def test_a_task_of_another_plan_cannot_be_edited(client, live_version):
    location, mine, theirs = _two_plans(client)
    foreign = theirs.tasks.first()
    data = plan_form(mine)
    data["form-0-id"] = str(foreign.pk)
    data["form-0-assignee"] = "Intruder"
    assert client.post(location, data).status_code == 400
    foreign.refresh_from_db()
    assert foreign.assignee == ""


def test_a_task_named_twice_is_refused(client, live_version):
    location, mine, _theirs = _two_plans(client)
    data = plan_form(mine, lambda n, task: {"assignee": f"Person {n}"})
    data["form-1-id"] = data["form-0-id"]
    assert client.post(location, data).status_code == 400
    assert not mine.tasks.exclude(assignee="").exists()
