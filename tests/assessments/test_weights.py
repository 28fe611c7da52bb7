"""The weights editor's pure parts (assessments/weights.py): how a draft differs from the
live version, how both call the reference units, the curves, and where problems go."""

import json

from assessments import weights
from assessments.bank.rules import check_bank, parse_bank
from rolefit import FIXTURES_DIR
from tests.conftest import raw_bank, shipped_bank

CHURN_RISING: list[str | int] = ["sections", 1, "questions", 2, "options", 2, "weight"]


def _reference_units() -> list[tuple[str, dict]]:
    units = json.loads((FIXTURES_DIR / "reference_units.json").read_text(encoding="utf-8"))
    return [(unit["label"]["en"], unit["answers"]) for unit in units]


def _with_churn_rising_at(weight: float) -> dict:
    bank = raw_bank()
    assert weights.value_at(bank, CHURN_RISING[:-1])["value"] == "rising"
    bank["sections"][1]["questions"][2]["options"][2]["weight"] = weight
    return bank


def test_value_at_follows_a_path_or_answers_none():
    bank = raw_bank()
    assert weights.value_at(bank, ["threshold"]) == 30
    assert weights.value_at(bank, CHURN_RISING) == 7
    assert weights.value_at(bank, ["sections", 99, "questions"]) is None
    assert weights.value_at(bank, ["threshold", "deeper"]) is None


def test_changes_lists_only_the_numbers_that_differ_with_their_live_value():
    draft, live = _with_churn_rising_at(14), raw_bank()
    places: list[tuple[weights.Path, str]] = [
        (["threshold"], "threshold"),
        (CHURN_RISING, "churn rising"),
    ]
    assert weights.changes(draft, live, places) == [
        weights.Change(tuple(CHURN_RISING), "churn rising", 14.0, 7.0)
    ]
    assert weights.changes(live, live, places) == []


def test_a_number_the_live_version_lacks_is_a_change_with_no_live_value():
    (change,) = weights.changes({"threshold": 40}, None, [(["threshold"], "threshold")])
    assert change.live is None
    assert change.draft == 40.0


def test_an_unchanged_draft_calls_every_reference_unit_as_live_does():
    calls = weights.reference_calls(shipped_bank(), shipped_bank(), _reference_units())
    assert len(calls) == 8
    assert not any(call.flipped for call in calls)
    assert {call.draft.recommendation for call in calls} == {"CRO", "CSO"}
    for call in calls:
        assert call.live is not None
        assert call.draft.complexity_score == call.live.complexity_score
        assert call.margin == round(call.draft.complexity_score - 30, 1)


def test_raising_churn_rising_flips_the_borderline_unit_to_cso():
    # Weights are scaled so the most complex answers make 100: raising one lowers the
    # share of every other, and the unit just above the threshold falls below it.
    draft = parse_bank(_with_churn_rising_at(14))
    calls = weights.reference_calls(draft, shipped_bank(), _reference_units())
    flipped = [call for call in calls if call.flipped]
    assert [call.label for call in flipped] == ["Field and partners, three verticals"]
    (call,) = flipped
    assert call.live is not None
    assert (call.live.recommendation, call.draft.recommendation) == ("CRO", "CSO")
    assert call.margin < 0


def test_without_a_live_version_nothing_flips():
    calls = weights.reference_calls(shipped_bank(), None, _reference_units())
    assert all(call.live is None and not call.flipped for call in calls)


def test_an_answer_the_draft_no_longer_allows_counts_as_unanswered():
    units = [("odd", {"sales_channels": 2, "revenue_model": "barter"})]
    (call,) = weights.reference_calls(shipped_bank(), shipped_bank(), units)
    scored_alone = weights.reference_calls(shipped_bank(), None, [("plain", {"sales_channels": 2})])
    assert call.draft == scored_alone[0].draft


def test_every_integer_question_has_a_curve_that_never_falls():
    curves = weights.curves(shipped_bank())
    assert set(curves) == {"sales_channels", "verticals", "product_lines", "competitors"}
    for answers, points in curves.values():
        assert len(answers) == len(points) > 1
        assert answers == sorted(answers)
        assert points == sorted(points)


def test_problems_go_on_their_question_card_and_the_rest_on_the_model_card():
    bank = _with_churn_rising_at(0)  # below "stable": the order is no longer monotonic
    bank["strength_bands"][0]["max_margin"] = 50  # above the next band's
    _parsed, problems = check_bank(bank)
    cards = weights.problems_by_card(problems)
    assert set(cards) == {"churn_trend", weights.MODEL_CARD}
    assert all(problem.startswith("question 'churn_trend'") for problem in cards["churn_trend"])
