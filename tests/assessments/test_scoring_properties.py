"""Property tests of the pure engine: no database, any answers the bank allows."""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.bank.schema import ChoiceQuestion, IntegerQuestion
from assessments.scoring import complexity_points, decide, score, score_in_languages, score_many
from tests.conftest import shipped_bank

BANK = shipped_bank()


def _answer_strategy(question):
    values: st.SearchStrategy[Any]
    if isinstance(question, IntegerQuestion):
        values = st.integers(question.min, question.max)
    elif isinstance(question, ChoiceQuestion):
        values = st.sampled_from(question.values())
    else:
        values = st.text(max_size=30)
    return values if question.required else st.none() | values


answer_sets = st.fixed_dictionaries({q.key: _answer_strategy(q) for q in BANK.questions()})


def _more_complex(question, value):
    """Every answer at least as complex as `value`, in the question's own order."""
    if isinstance(question, IntegerQuestion):
        return st.integers(value, question.max)
    values = question.values()
    return st.sampled_from(values[values.index(value) :])


@given(answers=answer_sets, data=st.data())
def test_more_complex_answers_never_lower_the_score(answers, data):
    key = data.draw(st.sampled_from([q.key for q in BANK.scored_questions()]))
    question = BANK.question(key)
    assert isinstance(question, IntegerQuestion | ChoiceQuestion)
    if answers[key] is None:
        answers[key] = next(iter(question.values()))
    before = score(bank=BANK, answers=answers)
    bumped = {**answers, key: data.draw(_more_complex(question, answers[key]))}
    after = score(bank=BANK, answers=bumped)
    assert after.complexity_score >= before.complexity_score
    if before.recommendation == "CRO":
        assert after.recommendation == "CRO"


@given(answers=answer_sets)
def test_scoring_is_deterministic(answers):
    assert score(bank=BANK, answers=answers) == score(bank=BANK, answers=dict(answers))


@given(answers=answer_sets)
def test_drivers_add_up_to_the_score_and_stay_in_range(answers):
    result = score(bank=BANK, answers=answers)
    assert 0 <= result.complexity_score <= 100
    assert abs(sum(d.points for d in result.drivers) - result.complexity_score) <= 0.5


@settings(max_examples=150)
@given(answers=answer_sets)
def test_what_would_flip_really_flips(answers):
    result = score(bank=BANK, answers=answers)
    assert result.what_would_flip, "the shipped bank can always be flipped"
    changed = {**answers, **{change.question: change.to for change in result.what_would_flip}}
    assert score(bank=BANK, answers=changed).recommendation != result.recommendation


@settings(max_examples=60)
@given(answers=answer_sets)
def test_what_would_flip_is_the_smallest_set(answers):
    """No set with one change fewer can flip: checked against the best possible changes."""
    result = score(bank=BANK, answers=answers)
    size = len(result.what_would_flip)
    toward_cro = result.recommendation == "CSO"
    reach = []
    for question in BANK.scored_questions():
        now = question.points(answers.get(question.key))
        points = [question.points(value) for value in question.values()]
        reach.append(max(points) - now if toward_cro else now - min(points))
    best_smaller = sum(sorted(reach, reverse=True)[: size - 1])
    total = sum(complexity_points(BANK, answers).values())
    moved = total + best_smaller if toward_cro else total - best_smaller
    assert decide(BANK, moved) == result.recommendation


@given(answers=answer_sets)
def test_bulk_scoring_agrees_with_the_full_score(answers):
    full = score(bank=BANK, answers=answers)
    (bulk,) = score_many(bank=BANK, answer_sets=[answers])
    assert bulk == (full.complexity_score, full.recommendation, full.strength)


@given(answers=answer_sets)
def test_scoring_in_both_languages_at_once_agrees_with_each_alone(answers):
    both = score_in_languages(bank=BANK, answers=answers, languages=("en", "es"))
    assert both == {
        language: score(bank=BANK, answers=answers, language=language) for language in ("en", "es")
    }
