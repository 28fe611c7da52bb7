"""The team answer and its disagreements: hand-worked cases, then properties for any team."""

from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from assessments.bank.schema import ChoiceQuestion, IntegerQuestion
from assessments.consensus import MAX_RESPONDENTS, Respondent, assess_team, team_answers
from assessments.scoring import score
from tests.assessments.test_scoring_properties import BANK, answer_sets
from tests.conftest import SIMPLE_ANSWERS

# The shipped bank scales its weights by 100 / 97.79 so the most complex answers score 100.
SCALE = BANK.point_scale

# A CSO at 26.0 points, four short of the threshold: 3 channels (11.69), growth below plan
# (8.18), stable churn and cycle (1.02 each), sales and marketing in scope (4.09).
NEAR_THRESHOLD = {
    **SIMPLE_ANSWERS,
    "sales_channels": 3,
    "growth_vs_plan": "below",
    "lifecycle_scope": "sales_and_marketing",
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**SIMPLE_ANSWERS, **changes}


def _team(*answer_sets: dict[str, Any]) -> list[Respondent]:
    return [Respondent(answers=answers) for answers in answer_sets]


def _split_team() -> list[Respondent]:
    """The CEO wants the whole lifecycle in scope and meets more competitors than the rest."""
    return [
        Respondent(
            role="CEO",
            answers={**NEAR_THRESHOLD, "lifecycle_scope": "full_lifecycle", "competitors": 4},
        ),
        Respondent(role="CFO", name="Ana Ruiz", answers=NEAR_THRESHOLD),
        Respondent(answers={**NEAR_THRESHOLD, "lifecycle_scope": "sales_only"}),
    ]


def _median(key: str, *values: Any) -> Any:
    return team_answers(BANK, [_with(**{key: value}) for value in values])[key]


def test_integers_take_the_middle_answer():
    assert _median("sales_channels", 1, 5, 3) == 3


def test_an_even_count_takes_the_lower_middle_answer():
    assert _median("verticals", 9, 1, 7, 2) == 2


def test_choices_take_the_middle_option_in_option_order():
    assert _median("revenue_model", "recurring", "transactional", "recurring") == "recurring"
    assert _median("revenue_model", "recurring", "mixed", "transactional", "recurring") == "mixed"


def test_booleans_order_false_before_true():
    assert _median("lead_shortage", True, False) is False
    assert _median("lead_shortage", True, False, True) is True


def test_a_skipped_optional_answer_does_not_count():
    answers = [_with(geographies=None), _with(geographies="global"), _with()]
    assert team_answers(BANK, answers)["geographies"] == "global"
    answers.append(_with(geographies="one_country"))
    assert team_answers(BANK, answers)["geographies"] == "one_country"


def test_a_question_nobody_answered_is_left_out():
    assert "geographies" not in team_answers(BANK, [_with(), _with(geographies=None)])


def test_free_text_is_kept_only_when_everyone_wrote_the_same():
    same = [_with(context_notes="Merging two units"), _with(context_notes="Merging two units")]
    assert team_answers(BANK, same)["context_notes"] == "Merging two units"
    differ = [_with(context_notes="Merging two units"), _with(context_notes="New CEO")]
    assert "context_notes" not in team_answers(BANK, differ)
    assert "context_notes" not in team_answers(BANK, [_with(context_notes="New CEO"), _with()])


def test_answers_that_were_not_cleaned_are_refused():
    with pytest.raises(ValueError, match="sales_channels: '3' is not an answer"):
        team_answers(BANK, [_with(sales_channels="3")])


def test_a_team_needs_someone():
    with pytest.raises(ValueError, match="at least one respondent"):
        assess_team(bank=BANK, respondents=[])


def test_each_respondent_keeps_their_own_call_in_input_order():
    result = assess_team(bank=BANK, respondents=_split_team())
    assert [(r.role, r.name, r.recommendation) for r in result.respondents] == [
        ("CEO", "", "CRO"),
        ("CFO", "Ana Ruiz", "CSO"),
        ("", "", "CSO"),
    ]
    # 26.0 plus the wider scope (weights 9 - 4: 5.11) and 4 competitors (2 - 0: 2.05).
    assert result.respondents[0].complexity_score == 33.16
    assert result.respondents[0].strength_label == "Borderline"


def test_disagreements_show_the_answers_given_largest_spread_first():
    result = assess_team(bank=BANK, respondents=_split_team())
    assert result.team.complexity_score == 26.0
    scope, competitors = result.disagreements
    assert (scope.question, scope.spread) == ("lifecycle_scope", 9.20)  # weights 0 and 9
    assert (competitors.question, competitors.spread) == ("competitors", 2.05)  # 0 and 2
    assert [(a.value, a.count) for a in competitors.answers] == [(2, 2), (4, 1)]
    assert (scope.lowest.label, scope.highest.label) == (
        "Sales only",
        "The whole customer lifecycle: marketing, sales and customer success",
    )


def test_a_disagreement_that_alone_changes_the_call_could_flip():
    scope, _competitors = assess_team(bank=BANK, respondents=_split_team()).disagreements
    # Sales only: 26.0 - 4.09 = 21.9, a CSO; the whole lifecycle: 26.0 + 5.11 = 31.1, a CRO.
    assert scope.could_flip
    assert (scope.role_if_lowest, scope.role_if_highest) == ("CSO", "CRO")


def test_a_disagreement_too_small_to_change_the_call_cannot_flip():
    _scope, competitors = assess_team(bank=BANK, respondents=_split_team()).disagreements
    # 2 competitors earn nothing, 4 earn 2.05: 28.05 is still under the threshold of 30.
    assert not competitors.could_flip
    assert (competitors.role_if_lowest, competitors.role_if_highest) == ("CSO", "CSO")


def test_equal_spreads_keep_the_bank_order():
    team = _team(
        _with(revenue_model="transactional", lead_shortage=True),
        _with(revenue_model="recurring", lead_shortage=False),
    )
    disagreements = assess_team(bank=BANK, respondents=team).disagreements
    # Both weigh 0 against 6; the revenue model comes first in the questionnaire.
    assert [(d.question, d.spread) for d in disagreements] == [
        ("revenue_model", round(6 * SCALE, 2)),
        ("lead_shortage", round(6 * SCALE, 2)),
    ]


def test_talk_first_lists_the_questions_that_could_flip():
    (talk,) = assess_team(bank=BANK, respondents=_split_team()).talk_first
    assert talk.question == "lifecycle_scope"
    assert talk.prompt.startswith("Settle ‘Scope of the role’ before anything else.")
    assert "from a CSO to a CRO" in talk.prompt


def test_talk_first_in_spanish():
    result = assess_team(bank=BANK, respondents=_split_team(), language="es")
    (talk,) = result.talk_first
    assert talk.prompt.startswith("Pónganse de acuerdo primero en «Alcance del puesto».")
    assert "«Solo ventas»" in talk.prompt
    assert "pase de un CSO a un CRO" in talk.prompt
    assert result.disagreements[0].label == "¿Qué funciones debería dirigir la nueva persona?"


def test_a_team_that_agrees_has_nothing_to_talk_over():
    result = assess_team(bank=BANK, respondents=_team(NEAR_THRESHOLD, NEAR_THRESHOLD))
    assert (result.disagreements, result.talk_first) == ([], [])


# Answers across each question's whole range almost always land far above the threshold,
# where no single answer changes the call; small integers keep many teams near it.
def _modest_answer(question: Any) -> st.SearchStrategy[Any]:
    values: st.SearchStrategy[Any]
    if isinstance(question, IntegerQuestion):
        values = st.integers(question.min, question.min + 5)
    elif isinstance(question, ChoiceQuestion):
        values = st.sampled_from(question.values())
    else:
        values = st.sampled_from(["", "Merging two units"])
    return values if question.required else st.none() | values


modest_answer_sets = st.fixed_dictionaries({q.key: _modest_answer(q) for q in BANK.questions()})


def _teams(answers: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[list[Respondent]]:
    respondents = answers.map(lambda given: Respondent(answers=given))
    return st.lists(respondents, min_size=1, max_size=MAX_RESPONDENTS)


teams = _teams(answer_sets | modest_answer_sets)
teams_near_the_threshold = _teams(modest_answer_sets)


def _without_respondents(team: list[Respondent]) -> dict[str, Any]:
    found = assess_team(bank=BANK, respondents=team).as_json()
    del found["respondents"]
    return found


@settings(max_examples=60)
@given(team=teams, data=st.data())
def test_the_order_of_respondents_does_not_matter(team, data):
    shuffled = data.draw(st.permutations(team))
    assert _without_respondents(shuffled) == _without_respondents(team)


@settings(max_examples=60)
@given(answers=answer_sets | modest_answer_sets, size=st.integers(1, MAX_RESPONDENTS))
def test_a_team_that_answers_alike_reads_like_one_respondent(answers, size):
    team = [Respondent(answers=answers, role=f"member {n}") for n in range(size)]
    single = score(bank=BANK, answers=answers)
    assert assess_team(bank=BANK, respondents=team).team.as_json() == single.as_json()


def _calls_at_the_extremes(team: list[Respondent], question: str, lowest: Any, highest: Any):
    """The team's call once everyone gives the lowest answer given, then the highest."""
    calls = []
    for value in (lowest, highest):
        moved = [Respondent(answers={**r.answers, question: value}) for r in team]
        calls.append(assess_team(bank=BANK, respondents=moved).team.recommendation)
    return calls


@settings(max_examples=60)
@given(team=teams_near_the_threshold)
def test_a_disagreement_said_to_flip_the_call_really_does(team):
    for d in assess_team(bank=BANK, respondents=team).disagreements:
        if d.could_flip:
            event("a disagreement could flip the call")  # how often: --hypothesis-show-statistics
            low, high = _calls_at_the_extremes(team, d.question, d.lowest.value, d.highest.value)
            assert (low, high) == (d.role_if_lowest, d.role_if_highest)
            assert low != high


@settings(max_examples=60)
@given(team=teams)
def test_a_disagreement_said_not_to_flip_the_call_does_not(team):
    for d in assess_team(bank=BANK, respondents=team).disagreements:
        if not d.could_flip:
            low, high = _calls_at_the_extremes(team, d.question, d.lowest.value, d.highest.value)
            assert low == high == d.role_if_lowest == d.role_if_highest
