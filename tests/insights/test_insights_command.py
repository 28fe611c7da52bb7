"""insights/queries.py and `rolefit insights`: a known synthetic funnel gives known
numbers, the counts reconcile, and bad arguments exit non-zero saying why."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.models import Assessment, StepTiming
from tests.conftest import SIMPLE_ANSWERS
from tests.flow import answer_all, start, submit

from .conftest import REVIEWED, SUBMITTED  # noqa: F401 (REVIEWED: the fixture's shape)

pytestmark = pytest.mark.django_db


def _json(*arguments: str) -> dict:
    out = StringIO()
    call_command("insights", "--format", "json", *arguments, stdout=out)
    return json.loads(out.getvalue())


def test_the_funnel_counts_each_stage_and_its_times(funnel):
    figures = _json()
    stages = {stage["stage"]: stage for stage in figures["funnel"]}
    assert [stage["stage"] for stage in figures["funnel"]] == [
        "started",
        "step_1",
        "step_2",
        "step_3",
        "reviewed",
        "submitted",
    ]
    assert [stage["count"] for stage in figures["funnel"]] == [10, 8, 6, 5, 5, 4]
    assert stages["step_1"]["share"] == 0.8
    assert stages["step_2"]["drop_off"] == 2
    # Step 1 took 10, 20, ... 80 s: the 4th of 8 is the median, the 8th the 90th percentile.
    assert (stages["step_1"]["median_seconds"], stages["step_1"]["p90_seconds"]) == (40.0, 80.0)
    assert (stages["step_2"]["median_seconds"], stages["step_2"]["p90_seconds"]) == (60.0, 120.0)


def test_the_counts_reconcile(funnel):
    figures = _json()
    submitted = Assessment.objects.filter(status="submitted").count()
    assert figures["funnel"][-1]["count"] == submitted == SUBMITTED
    for question in figures["questions"]:
        assert question["answered"] + question["skipped"] == submitted
        assert sum(row["count"] for row in question["distribution"]) == question["answered"]
        split = question["by_recommendation"]
        assert sum(row["count"] for role in split.values() for row in role) == question["answered"]
    assert sum(row["count"] for row in figures["scores"]["histogram"]) == submitted


def test_known_answers_give_known_distributions_and_scores(funnel):
    figures = _json()
    by_key = {question["key"]: question for question in figures["questions"]}
    revenue = {row["value"]: row["count"] for row in by_key["revenue_model"]["distribution"]}
    assert revenue == {"transactional": 1, "mixed": 0, "recurring": 3}
    shortage = {row["value"]: row["count"] for row in by_key["lead_shortage"]["distribution"]}
    assert shortage == {True: 3, False: 1}
    assert figures["scores"]["cro_share"] == 0.75
    assert set(figures["questions"][0]) >= {
        "key",
        "answered",
        "skipped",
        "distribution",
        "mean_lean",
        "lean_share",
        "flip_share_if_dropped",
        "uninformative",
    }
    assert set(figures["scores"]) >= {"histogram", "borderline_share", "cro_share"}
    assert figures["scores"]["monthly"][0]["results"] == SUBMITTED


def test_filters_narrow_every_figure(funnel):
    assert _json("--language", "es")["funnel"][0]["count"] == 0
    assert _json("--channel", "engagement")["funnel"][0]["count"] == 0
    assert _json("--channel", "direct")["funnel"][0]["count"] == 10
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _json("--since", tomorrow)["funnel"][0]["count"] == 0
    assert _json("--until", tomorrow)["funnel"][0]["count"] == 10


def test_the_text_format_prints_every_section(funnel, capsys):
    call_command("insights")
    printed = capsys.readouterr().out
    for heading in ("Funnel", "step_1", "Questions", "sales_channels", "Scores"):
        assert heading in printed


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--version", "nope"], "--version: Select a valid choice"),
        (["--since", "2026-02-30"], "--since: Enter a valid date"),
        (["--since", "2026-05-02", "--until", "2026-05-01"], "The first day is after the last"),
        (["--language", "fr"], "--language: Select a valid choice"),
        (["--channel", "fax"], "--channel: Select a valid choice"),
        (["--recruiter", "nobody"], "--recruiter: Select a valid choice"),
    ],
)
def test_bad_arguments_exit_non_zero_saying_why(funnel, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("insights", *arguments)


def test_the_questionnaire_records_each_step_shown_and_saved(client, live_version):
    token = start(client)
    before = timezone.now()
    client.get(f"/a/{token}/step/1/")
    client.get(f"/a/{token}/step/1/")  # a reload changes nothing
    (timing,) = StepTiming.objects.all()
    assert (timing.step, timing.saved_at) == (1, None)
    # Written by a statement of its own (funnel.py), yet read back as the moment it was.
    assert before <= timing.shown_at <= timezone.now()
    answer_all(client, token, SIMPLE_ANSWERS)
    client.get(f"/a/{token}/review/")
    submit(client, token)
    rows = {row.step: row for row in StepTiming.objects.all()}
    assert sorted(rows) == [1, 2, 3, 4]
    for step in (1, 2, 3):
        saved = rows[step].saved_at
        assert saved is not None
        assert saved >= rows[step].shown_at
    assert rows[4].saved_at is None


def test_timings_go_with_their_assessment(funnel):
    assessment = Assessment.objects.filter(step_timings__step=3)[0]
    count = assessment.step_timings.count()
    before = StepTiming.objects.count()
    assessment.erase()
    assert StepTiming.objects.count() == before - count


@pytest.mark.parametrize("options", [[], ["--without-texts"]])
def test_seed_demo_gives_a_new_admin_a_populated_funnel(live_version, options):
    call_command("seed_demo", "--assessments", "300", *options)
    figures = _json()
    counts = [stage["count"] for stage in figures["funnel"]]
    assert counts[-1] == 300
    assert counts == sorted(counts, reverse=True)  # some drop off at every stage
    assert counts[0] > counts[1] > counts[-1]
    assert all(stage["median_seconds"] for stage in figures["funnel"][1:-2])
    assert len(figures["scores"]["monthly"]) >= 10
    assert Assessment.objects.filter(language="es").exists()


def test_the_funnel_never_widens(client, live_version):
    """A step posted straight, or the review opened first, is not progress."""
    token = start(client)
    client.get(f"/a/{token}/step/1/")
    client.get(f"/a/{token}/review/")
    client.post(f"/a/{token}/step/3/", {"lifecycle_scope": "sales_only", "action": "next"})
    counts = [stage["count"] for stage in _json()["funnel"]]
    assert counts == [1, 0, 0, 0, 0, 0]
