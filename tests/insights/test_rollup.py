"""insights/rollup.py: days that are over are tallied once and kept; the figures are the
same as a live count; a late submit or an erasure makes its day be tallied again."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Assessment, StepTiming
from insights import rollup
from insights.models import Day, DayTally
from insights.queries import Filters

pytestmark = pytest.mark.django_db(transaction=True)


def _json(*arguments: str) -> dict:
    out = StringIO()
    call_command("insights", "--format", "json", *arguments, stdout=out)
    return json.loads(out.getvalue())


def _move_back(days: int) -> None:
    Assessment.objects.update(created_at=timezone.now() - timedelta(days=days))


def test_past_days_are_tallied_once_and_give_the_live_figures(funnel):
    live = _json()
    _move_back(3)
    kept = _json()
    # The same figures, but for the time to complete: the starts moved, the submits did not.
    for section in ("funnel", "questions"):
        assert kept[section] == live[section]
    assert kept["scores"]["histogram"] == live["scores"]["histogram"]
    assert Day.objects.filter(built_at__isnull=False).count() == 3  # three days ago to yesterday
    assert DayTally.objects.count() == 1
    with CaptureQueriesContext(connection) as second:
        _json()
    assert not any("INSERT" in query["sql"] for query in second.captured_queries)


def test_a_late_submit_makes_its_day_be_tallied_again(funnel):
    _move_back(2)
    before = _json()["funnel"][-1]["count"]
    draft = Assessment.objects.filter(status="in_progress", step_timings__step=4).first()
    assert draft is not None
    draft.submit()
    day = Day.objects.get(day=timezone.localdate() - timedelta(days=2))
    assert day.changes != day.built_from
    assert _json()["funnel"][-1]["count"] == before + 1


def test_an_erasure_takes_its_result_out_of_the_figures(funnel):
    _move_back(2)
    before = _json()["scores"]["histogram"]
    Assessment.objects.filter(status="submitted")[0].erase()
    after = _json()["scores"]["histogram"]
    assert sum(row["count"] for row in after) == sum(row["count"] for row in before) - 1


def test_filters_apply_to_kept_tallies(funnel):
    _move_back(2)
    assert _json("--language", "es")["funnel"][0]["count"] == 0
    assert _json("--channel", "direct")["funnel"][0]["count"] == 10
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert _json("--since", yesterday)["funnel"][0]["count"] == 0


def test_the_timer_command_tallies_the_days_that_need_it(funnel, capsys):
    _move_back(2)
    call_command("insights", "--refresh")
    assert capsys.readouterr().out.strip() == "Tallied 2 day(s)."
    call_command("insights", "--refresh")
    assert capsys.readouterr().out.strip() == "Tallied 0 day(s)."


def test_a_page_says_when_too_much_waits_to_be_tallied(admin_client, funnel, monkeypatch):
    from insights import views

    _move_back(2)
    monkeypatch.setattr(views, "TALLY_IN_A_REQUEST", 5)
    answer = admin_client.get("/admin/insights/")
    assert answer.status_code == 503
    assert "rolefit insights --refresh" in answer.content.decode()
    call_command("insights", "--refresh")
    assert admin_client.get("/admin/insights/").status_code == 200


def _old_day() -> date:
    return timezone.localdate() - timedelta(days=2)


def test_a_change_during_a_build_is_not_lost(funnel, monkeypatch):
    """A late submit that commits while a build is reading must leave the day to be
    built again, not be overwritten by the build's own bookkeeping."""
    _move_back(2)
    reading = rollup._by_day

    def read_while_a_submit_lands(assessments):
        found = reading(assessments)
        rollup.mark_changed(rollup.start_of(_old_day()))
        return found

    monkeypatch.setattr(rollup, "_by_day", read_while_a_submit_lands)
    rollup.refresh()
    assert _old_day() in rollup.untallied()


def test_a_rolled_back_change_does_not_stop_later_ones(funnel):
    _move_back(2)
    rollup.refresh()
    first, second = Assessment.objects.filter(status="submitted")[:2]

    def erase_then_fail() -> None:
        with transaction.atomic():
            first.erase()
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError):
        erase_then_fail()
    assert rollup.untallied() == set()
    second.erase()
    assert rollup.untallied() == {_old_day()}


def test_scattered_days_read_only_their_own_assessments(funnel):
    _move_back(2)
    Assessment.objects.filter(pk=Assessment.objects.order_by("pk")[0].pk).update(
        created_at=timezone.now() - timedelta(days=300)
    )
    rollup.refresh()
    days = {timezone.localdate() - timedelta(days=300), timezone.localdate() - timedelta(days=1)}
    assert rollup.waiting(days) == 1


def test_reloading_an_old_drafts_step_changes_nothing(client, funnel):
    _move_back(2)
    rollup.refresh()
    draft = (
        Assessment.objects.filter(status="in_progress", step_timings__step=1)
        .exclude(step_timings__step=4)
        .first()
    )
    assert draft is not None
    StepTiming.objects.shown(draft, 1)  # already shown: a reload
    assert rollup.untallied() == set()
    assert not draft.step_timings.filter(step=4).exists()
    StepTiming.objects.shown(draft, 4)  # its review, opened for the first time
    assert rollup.untallied() == {_old_day()}


def test_deleting_an_engagement_counts_its_days_again(funnel):
    from tests.recruiting import engagement_for, firm_of, recruiter

    firm = firm_of(recruiter("olga"))
    engagement = engagement_for(firm.memberships.get().user, "Acme")
    Assessment.objects.filter(pk=Assessment.objects.order_by("pk")[0].pk).update(
        engagement=engagement
    )
    _move_back(2)
    rollup.refresh()
    assert _json("--channel", "engagement")["funnel"][0]["count"] == 1
    engagement.delete()
    assert _json("--channel", "engagement")["funnel"][0]["count"] == 0
    assert _json("--channel", "direct")["funnel"][0]["count"] == 10


def test_refresh_takes_no_filters():
    with pytest.raises(CommandError, match="--refresh tallies every day; drop --since"):
        call_command("insights", "--refresh", "--since", "garbage")


def test_saving_an_old_drafts_step_is_recorded_once(client, funnel):
    # StepTiming.saved: one statement that records the first save, counts a step posted
    # without a view as shown then, and changes nothing on a second save.
    _move_back(2)
    rollup.refresh()
    draft = Assessment.objects.filter(status="in_progress").exclude(step_timings__step=3).first()
    assert draft is not None
    StepTiming.objects.saved(draft, 3)  # posted straight, never shown
    timing = draft.step_timings.get(step=3)
    assert timing.saved_at is not None
    assert timing.shown_at == timing.saved_at
    assert rollup.untallied() == {_old_day()}
    rollup.refresh()
    StepTiming.objects.saved(draft, 3)  # saved again: the first save stands
    assert draft.step_timings.get(step=3).saved_at == timing.saved_at
    assert rollup.untallied() == set()
    StepTiming.objects.shown(draft, 5)
    rollup.refresh()
    StepTiming.objects.saved(draft, 5)  # shown before, saved now: its view time stays
    shown_then_saved = draft.step_timings.get(step=5)
    assert shown_then_saved.saved_at > shown_then_saved.shown_at
    assert rollup.untallied() == {_old_day()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan, which went wrong")
def test_todays_live_tally_seeks_the_days_assessments_of_the_version(live_version):
    # With only the version indexed, SQLite read every assessment of the version to find
    # today's: 1.4 s a view of the Insights page at a million results.
    today = (
        Filters(live_version)
        .assessments()
        .filter(created_at__gte=rollup.start_of(timezone.localdate()))
    )
    sql, params = today.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "assessment_version_started (questionnaire_id=? AND created_at>?)" in plan


def test_a_step_saved_with_its_answers_stores_both_or_neither(funnel):
    # StepTiming.save_step, the step page's save: one statement on PostgreSQL (the
    # PostgreSQL pass of .ci/run), a transaction on SQLite; the same outcome on both.
    _move_back(2)
    rollup.refresh()
    draft = Assessment.objects.filter(status="in_progress").exclude(step_timings__step=3).first()
    assert draft is not None
    assert StepTiming.objects.save_step(draft, {"sales_channels": 5}, 3)
    assert Assessment.objects.get(pk=draft.pk).answers["sales_channels"] == 5
    timing = draft.step_timings.get(step=3)
    assert timing.shown_at == timing.saved_at
    assert rollup.untallied() == {_old_day()}  # an old draft moved: its day counts again
    rollup.refresh()
    assert StepTiming.objects.save_step(draft, {"sales_channels": 6}, 3)
    assert Assessment.objects.get(pk=draft.pk).answers["sales_channels"] == 6
    assert draft.step_timings.get(step=3).saved_at == timing.saved_at  # the first stands
    assert rollup.untallied() == set()

    result = Assessment.objects.filter(status="submitted").first()
    assert result is not None
    before = Assessment.objects.get(pk=result.pk).answers
    timings = list(result.step_timings.values_list("step", "saved_at"))
    assert not StepTiming.objects.save_step(result, {"sales_channels": 1}, 9)
    assert Assessment.objects.get(pk=result.pk).answers == before
    assert list(result.step_timings.values_list("step", "saved_at")) == timings
