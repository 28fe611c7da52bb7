"""outcomes/demo.py and `seed_demo --outcomes`: synthetic check-ins, marked as demo data,
with dates in order, in which following a recommendation works out more often than
going against it, and which the backtest says are not evidence."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from outcomes.backtest import backtest
from outcomes.demo import demo_outcome
from outcomes.evidence import cases, success_rule
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


def test_seeded_check_ins_are_demo_data_with_dates_in_order(live_version):
    out = StringIO()
    call_command("seed_demo", "--assessments", "400", "--outcomes", stdout=out, stderr=StringIO())
    assert "demo check-ins" in out.getvalue()
    outcomes = list(Outcome.objects.select_related("assessment"))
    assert len(outcomes) > 150, "results go back two years, so most are past six months"
    now = timezone.now()
    for outcome in outcomes:
        submitted_at = outcome.assessment.submitted_at
        assert submitted_at is not None
        assert outcome.demo
        assert outcome.assessment.demo
        assert submitted_at + timedelta(days=182) <= outcome.recorded_at <= now
        if outcome.started_on:
            assert outcome.started_on > submitted_at.date()
        if outcome.left_on:
            assert outcome.started_on is not None
            assert outcome.started_on < outcome.left_on <= outcome.recorded_at.date()
    assert {o.check_in for o in outcomes} == {"6m", "12m"}
    figures = backtest(live_version.parsed(), cases(), success_rule())
    assert figures["sufficient"]
    assert figures["followed"]["success_rate"] > figures["not_followed"]["success_rate"]
    text = StringIO()
    call_command("backtest", stdout=text)
    assert f"Includes {len(outcomes)} demo check-ins: synthetic, not evidence." in text.getvalue()


def test_a_result_under_six_months_old_gets_no_check_in_yet():
    now = timezone.now()
    made = demo_outcome(
        assessment_id=1,
        submitted_at=now - timedelta(days=100),
        recommendation="CRO",
        strength="clear",
        rng=random.Random(1),  # noqa: S311 (synthetic data)
        now=now,
    )
    assert made is None


def test_following_a_clear_call_works_out_more_often_than_ignoring_one():
    now, rng = timezone.now(), random.Random(7)  # noqa: S311 (synthetic data)
    worked: dict[bool, list[bool]] = {True: [], False: []}
    for _ in range(3000):
        outcome = demo_outcome(
            assessment_id=1,
            submitted_at=now - timedelta(days=500),
            recommendation="CRO",
            strength="clear",
            rng=rng,
            now=now,
        )
        assert outcome is not None
        if outcome.hired in ("CRO", "CSO"):
            worked[outcome.hired == "CRO"].append((outcome.fit_rating or 0) >= 4)
    followed, against = (sum(w) / len(w) for w in (worked[True], worked[False]))
    assert followed > against + 0.3
