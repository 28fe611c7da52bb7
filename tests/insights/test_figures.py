"""insights/figures.py: decision figures from known answer sets give known numbers."""

import pytest

from assessments.bank.schema import IntegerQuestion
from assessments.scoring import score, score_many
from insights import figures
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS


def test_mean_leans_are_the_result_pages_drivers_averaged(bank):
    sets = [COMPLEX_ANSWERS, SIMPLE_ANSWERS, {**SIMPLE_ANSWERS, "sales_channels": 6}]
    found = figures.decisions(bank, sets)
    assert found.results == 3
    shown = [
        {driver.question: driver.lean for driver in score(bank=bank, answers=answers).drivers}
        for answers in sets
    ]
    for question in found.questions:
        expected = sum(leans[question.key] for leans in shown) / 3
        assert question.mean_lean == pytest.approx(expected, abs=0.01)
    assert sum(question.lean_share for question in found.questions) == pytest.approx(1, abs=0.01)


def test_flip_if_dropped_agrees_with_score_many_on_the_answers_without_it(bank):
    sets = [COMPLEX_ANSWERS, SIMPLE_ANSWERS] + [
        {**COMPLEX_ANSWERS, "growth_vs_plan": "on_plan", "sales_channels": n} for n in range(1, 8)
    ]
    found = {question.key: question for question in figures.decisions(bank, sets).questions}
    before = [verdict.recommendation for verdict in score_many(bank=bank, answer_sets=sets)]
    for key, question in found.items():
        without = [{k: v for k, v in answers.items() if k != key} for answers in sets]
        after = [verdict.recommendation for verdict in score_many(bank=bank, answer_sets=without)]
        flips = sum(old != new for old, new in zip(before, after, strict=True))
        assert question.flip_share_if_dropped == pytest.approx(flips / len(sets), abs=1e-4), key


def test_a_question_that_alone_decides_is_flagged_and_correlates(bank):
    # Twenty CROs that are CROs only because of their channels, twenty plain CSOs.
    simple = {**SIMPLE_ANSWERS, "revenue_model": "recurring", "growth_vs_plan": "below"}
    channel_driven = {**simple, "sales_channels": 20}
    sets = [channel_driven] * 20 + [simple] * 20
    verdicts = list(score_many(bank=bank, answer_sets=sets))
    assert {verdict.recommendation for verdict in verdicts} == {"CRO", "CSO"}
    found = {question.key: question for question in figures.decisions(bank, sets).questions}
    assert found["lead_shortage"].correlation is None  # the same answer every time
    assert found["sales_channels"].correlation == pytest.approx(1.0)
    assert found["sales_channels"].decisive
    assert not found["churn_trend"].decisive


def test_no_results_give_no_figures(bank):
    assert figures.decisions(bank, []).questions == []


def test_uninformative_needs_enough_answers_and_one_dominant_answer():
    assert figures.uninformative({"a": 96, "b": 4})
    assert not figures.uninformative({"a": 90, "b": 10})
    assert not figures.uninformative({"a": 10})  # too few to say


def test_integer_histograms_follow_the_banks_bands_or_curve(bank):
    for question in bank.scored_questions():
        if not isinstance(question, IntegerQuestion):
            continue
        bins = figures.integer_bins(question)
        assert bins[0][0] == question.min
        assert bins[-1][1] == question.max
        assert all(low <= high for low, high in bins)
        assert all(bins[i][1] + 1 == bins[i + 1][0] for i in range(len(bins) - 1))
        counts = dict.fromkeys(question.values(), 1)
        rows = figures.histogram(question, counts)
        assert sum(row["count"] for row in rows) == len(counts)
