"""outcomes/backtest.py: Wilson bounds against hand-computed values, the edge cases, and
a bank right by construction beating a perturbed one on synthetic outcomes."""

import random

import pytest

from assessments.bank.rules import parse_bank
from assessments.management.commands.seed_demo import demo_answers
from assessments.scoring import score_many
from outcomes.backtest import MINIMUM, Outcome, SuccessRule, backtest, successful, wilson
from tests.conftest import raw_bank


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [(8, 10, 0.4902, 0.9433), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (1, 1, 0.2065, 1.0)],
)
def test_wilson_matches_hand_computed_bounds(successes, n, low, high):
    interval = wilson(successes, n)
    assert interval == pytest.approx({"low": low, "high": high}, abs=1e-4)


def test_no_cases_have_no_interval():
    assert wilson(0, 0) is None


def _outcome(hired="CRO", months=14.0, still=True, revenue="on", fit=4, hindsight=None):
    return Outcome(hired, months, still, revenue, fit, hindsight, recommended_then="CRO")


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (_outcome(), True),
        (_outcome(fit=3), False),
        (_outcome(revenue="below"), False),
        (_outcome(months=8.0, still=False), False),  # left after eight months
        (_outcome(months=8.0, still=True), None),  # too early to tell
        (_outcome(revenue=None), None),
    ],
)
def test_success_is_told_only_when_it_can_be(outcome, expected):
    assert successful(outcome, SuccessRule()) is expected


def test_a_stricter_rule_counts_fewer_successes():
    assert successful(_outcome(fit=4), SuccessRule(fit_at_least=5)) is False


def _cases(bank, count, seed=7):
    """Hires that follow the bank succeed 80 % of the time, others 30 %."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data)
    answers = [demo_answers(bank, rng) for _ in range(count)]
    cases = []
    for answer_set, verdict in zip(
        answers, score_many(bank=bank, answer_sets=answers), strict=True
    ):
        hired = (
            verdict.recommendation
            if rng.random() < 0.6
            else ("CSO" if verdict.recommendation == "CRO" else "CRO")
        )
        worked = rng.random() < (0.8 if hired == verdict.recommendation else 0.3)
        outcome = Outcome(
            hired=hired,
            months_in_seat=14.0,
            still_in_seat=worked,
            revenue="on" if worked else "below",
            fit=5 if worked else 2,
            hindsight="yes" if hired == verdict.recommendation and worked else "no",
            recommended_then=verdict.recommendation,
        )
        cases.append((answer_set, outcome))
    return cases


def test_the_true_bank_beats_a_perturbed_one(bank):
    cases = _cases(bank, 2000)
    right = backtest(bank, cases)
    perturbed_raw = raw_bank()
    perturbed_raw["threshold"] = 70
    wrong = backtest(parse_bank(perturbed_raw), cases)
    assert right["sufficient"]
    assert wrong["sufficient"]
    assert right["followed"]["success_rate"] > right["not_followed"]["success_rate"] + 0.3
    assert right["followed"]["low"] > right["not_followed"]["high"]
    assert right["followed"]["success_rate"] > wrong["followed"]["success_rate"]
    counts = right["confusion"]
    assert (
        sum(cell for rows in counts.values() for pair in rows.values() for cell in pair.values())
        == right["n"]
    )
    assert (
        sum(
            group["followed"]["count"] + group["not_followed"]["count"]
            for group in right["by_band"].values()
        )
        == right["n"]
    )


def test_under_the_minimum_no_figures_are_given(bank):
    found = backtest(bank, _cases(bank, MINIMUM - 1))
    assert found == {"n": MINIMUM - 1, "sufficient": False, "minimum": MINIMUM}


def test_other_hires_and_undecided_outcomes_are_left_out(bank):
    cases = _cases(bank, 40)
    (answers, _outcome_of_first), *rest = cases
    nobody = (answers, Outcome("nobody", None, False, None, None, None, "CRO"))
    early = (answers, Outcome("CRO", 3.0, True, "on", 5, None, "CRO"))
    assert backtest(bank, [nobody, early, *rest])["n"] == len(rest)


def test_all_success_and_all_failure_keep_their_intervals_inside_0_and_1(bank):
    cases = _cases(bank, 200)
    for worked in (True, False):
        uniform = [
            (
                answers,
                Outcome(
                    o.hired,
                    14.0,
                    worked,
                    "on" if worked else "below",
                    5 if worked else 1,
                    None,
                    o.recommended_then,
                ),
            )
            for answers, o in cases
        ]
        found = backtest(bank, uniform)
        for group in ("followed", "not_followed"):
            assert found[group]["success_rate"] == (1.0 if worked else 0.0)
            assert 0.0 <= found[group]["low"] <= found[group]["high"] <= 1.0
