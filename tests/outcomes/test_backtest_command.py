"""outcomes/models.py and `rolefit backtest`: check-ins as the backtest reads them, the
command's two formats and its refusals, the staff's backtest page, and outcomes going with
their assessment. The check-in page itself: test_check_in.py."""

import json
import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments.management.commands.seed_demo import demo_answers
from assessments.models import Assessment, QuestionnaireVersion
from outcomes.models import Outcome

pytestmark = pytest.mark.django_db


def _results(count: int) -> list[Assessment]:
    version = QuestionnaireVersion.live()
    bank = version.parsed()
    rng = random.Random(3)  # noqa: S311 (synthetic data)
    made = []
    for _ in range(count):
        assessment, _resume = Assessment.start(
            questionnaire=version, answers=demo_answers(bank, rng)
        )
        assessment.submit()
        made.append(assessment)
    return made


def _worked(assessment: Assessment, worked: bool, **fields) -> Outcome:
    return Outcome.objects.create(
        assessment=assessment,
        hired=fields.pop("hired", assessment.recommendation),
        started_on=date.today() - timedelta(days=500),
        still_in_seat=worked,
        left_on=None if worked else date.today() - timedelta(days=400),
        revenue="on" if worked else "below",
        fit_rating=5 if worked else 2,
        hindsight="yes" if worked else "no",
        **fields,
    )


def _run(*arguments: str) -> str:
    out = StringIO()
    call_command("backtest", *arguments, stdout=out)
    return out.getvalue()


def test_under_thirty_outcomes_it_says_so_instead_of_figures(live_version):
    for assessment in _results(5):
        _worked(assessment, True)
    assert _run().startswith("Not enough evidence yet: 5 usable outcomes")
    assert json.loads(_run("--format", "json")) == {"n": 5, "sufficient": False, "minimum": 30}


def test_the_latest_check_in_counts_and_the_figures_follow(live_version):
    results = _results(40)
    for number, assessment in enumerate(results):
        _worked(assessment, False)  # an early check-in, overtaken by the next
        _worked(assessment, number % 4 != 0)
    figures = json.loads(_run("--format", "json"))
    assert figures["n"] == 40
    assert figures["followed"]["count"] == 40
    assert figures["followed"]["success_rate"] == 0.75
    assert 0 < figures["followed"]["low"] < 0.75 < figures["followed"]["high"] < 1
    assert figures["not_followed"]["count"] == 0
    assert "usable outcomes" in _run()


def test_a_stay_is_measured_to_the_leave_date_or_today(live_version):
    (assessment,) = _results(1)
    left = _worked(assessment, False)
    assert left.facts().months_in_seat == pytest.approx(100 / 30.44)
    stayed = _worked(assessment, True)
    assert stayed.facts(today=date.today()).months_in_seat == pytest.approx(500 / 30.44)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--version", "nope"], "no published version 'nope'"),
        (["--bank", "/nonexistent.json"], "no such file"),
    ],
)
def test_bad_arguments_exit_non_zero_saying_why(live_version, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("backtest", *arguments)


def test_a_broken_bank_file_names_its_problems(live_version, tmp_path):
    broken = tmp_path / "bank.json"
    broken.write_text('{"version": "x"}')
    with pytest.raises(CommandError, match=r"bank\.json"):
        call_command("backtest", "--bank", str(broken))


def test_outcomes_go_with_their_assessment(live_version):
    (assessment,) = _results(1)
    _worked(assessment, True)
    assessment.erase()
    assert Outcome.objects.count() == 0


def test_staff_see_a_draft_beside_live_on_the_same_outcomes(admin_client, client, live_version):
    draft = live_version.clone_to_draft("2026.2")
    page = f"/admin/backtest/{draft.pk}/"
    assert client.get(page).status_code == 302  # not staff: the admin sign-in
    assert "Not enough evidence yet: 0 usable outcomes" in admin_client.get(page).content.decode()
    for number, assessment in enumerate(_results(40)):
        _worked(assessment, number % 4 != 0)
    body = admin_client.get(page).content.decode()
    assert "2026.1 (live)" in body
    assert "2026.2" in body
    assert body.count("40 usable outcomes") == 2
    assert "Followed the recommendation" in body
    preview = admin_client.get(f"/admin/assessments/questionnaireversion/{draft.pk}/preview/")
    assert page in preview.content.decode()


def test_a_deployment_sets_what_worked_out_means(settings):
    from outcomes.evidence import success_rule

    settings.RF_OUTCOME_MONTHS_IN_SEAT, settings.RF_OUTCOME_FIT_AT_LEAST = 18, 5
    settings.RF_OUTCOME_REVENUE_AT_LEAST = "above"
    rule = success_rule()
    assert (rule.months_in_seat, rule.fit_at_least, rule.revenue_at_least) == (18, 5, "above")
