"""Several respondents answer for the same unit: one team answer, and where they disagree.

The owner and colleagues (a CFO, a head of sales...) each fill in the questionnaire. The
team's answer to each question is the median answer, scored by `score()` like any single
answer set, so a team reads exactly like one respondent. Beside it: each respondent's own
call, the questions they disagree on, and which of those could change the call alone.

Pure Python and pydantic, no Django, like `assessments.scoring`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict

from .bank.schema import AnswerValue, QuestionBank, TextQuestion
from .scoring import Answers, Role, RoleFit, complexity_points, decide, score, score_many

# The owner plus twelve colleagues: a leadership team, not a survey.
MAX_RESPONDENTS = 13

# What a leadership meeting should settle first, for a disagreement that alone can change
# the call. Filled with the question's short label, the extreme answers and both roles.
TALK_FIRST_PROMPTS = {
    "en": (
        "Settle ‘{topic}’ before anything else. Answers ran from ‘{lowest}’ to ‘{highest}’, "
        "and that one question is enough to move the team's call from a {role_if_lowest} "
        "to a {role_if_highest}."
    ),
    "es": (
        "Pónganse de acuerdo primero en «{topic}». Las respuestas fueron de «{lowest}» a "
        "«{highest}», y esa sola pregunta basta para que la recomendación del equipo pase "
        "de un {role_if_lowest} a un {role_if_highest}."
    ),
}


class Respondent(NamedTuple):
    """One person's cleaned answers (see `parse_answers`), with how to name them."""

    answers: Answers
    role: str = ""
    name: str = ""


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class RespondentVerdict(_Result):
    role: str
    name: str
    recommendation: Role
    complexity_score: float
    strength: str
    strength_label: str


class GivenAnswer(_Result):
    value: AnswerValue
    label: str


class AnswerCount(GivenAnswer):
    count: int


class Disagreement(_Result):
    question: str
    label: str
    # Points, on the bank's 0-100 scale, between the lowest- and highest-scoring answer given.
    spread: float
    answers: list[AnswerCount]
    lowest: GivenAnswer
    highest: GivenAnswer
    # Whether moving the team's answer to this question alone, from the lowest answer given
    # to the highest, turns the recommendation around.
    could_flip: bool
    role_if_lowest: Role
    role_if_highest: Role


class TalkFirst(_Result):
    question: str
    prompt: str


class TeamResult(_Result):
    team: RoleFit
    respondents: list[RespondentVerdict]
    disagreements: list[Disagreement]
    talk_first: list[TalkFirst]

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def team_answers(bank: QuestionBank, answer_sets: Iterable[Answers]) -> dict[str, AnswerValue]:
    """The team's answer to each question: the median of the answers given.

    Integer answers are ordered by number, choices and booleans by option order (least
    complex first). On an even count the lower middle answer is taken, so the team's answer
    is always one somebody gave, and the team never sounds more complex than its middle.
    Skipped answers do not count; a question nobody answered is left out. Free text is
    kept only where every respondent wrote the very same words.
    """
    answer_sets = list(answer_sets)
    given = _given_answers(bank, answer_sets)
    team: dict[str, AnswerValue] = {}
    for question in bank.questions():
        if isinstance(question, TextQuestion):
            text = _shared_text(question.key, answer_sets)
            if text:
                team[question.key] = text
        elif values := given[question.key]:
            team[question.key] = values[(len(values) - 1) // 2]
    return team


def _given_answers(
    bank: QuestionBank, answer_sets: Iterable[Answers]
) -> dict[str, list[AnswerValue]]:
    """Every scored question's answers, least complex first; skipped answers left out."""
    answer_sets = list(answer_sets)
    given: dict[str, list[AnswerValue]] = {}
    for key, table in bank.point_tables.items():
        rank = {value: position for position, value in enumerate(table.values)}
        values = [answers[key] for answers in answer_sets if answers.get(key) is not None]
        if unknown := [value for value in values if value not in rank]:
            raise ValueError(
                f"{key}: {unknown[0]!r} is not an answer the bank allows; clean the answers "
                "with parse_answers first"
            )
        given[key] = sorted(values, key=rank.__getitem__)
    return given


def assess_team(
    *, bank: QuestionBank, respondents: Sequence[Respondent], language: str = "en"
) -> TeamResult:
    if not respondents:
        raise ValueError("a team needs at least one respondent")
    answer_sets = [respondent.answers for respondent in respondents]
    team = team_answers(bank, answer_sets)
    disagreements = _disagreements(bank, team, _given_answers(bank, answer_sets), language)
    return TeamResult(
        team=score(bank=bank, answers=team, language=language),
        respondents=_verdicts(bank, respondents, language),
        disagreements=disagreements,
        talk_first=_talk_first(bank, disagreements, language),
    )


def _shared_text(key: str, answer_sets: list[Answers]) -> str | None:
    # Free text cannot be averaged. Words every respondent wrote alike still speak for the
    # team, which is also what lets a team that answers identically read like one person.
    texts = {answers.get(key) for answers in answer_sets}
    text = texts.pop() if len(texts) == 1 else None
    return text if isinstance(text, str) else None


def _verdicts(
    bank: QuestionBank, respondents: Sequence[Respondent], language: str
) -> list[RespondentVerdict]:
    labels = {band.key: band.label.get(language) for band in bank.strength_bands}
    verdicts = score_many(bank=bank, answer_sets=[r.answers for r in respondents])
    return [
        RespondentVerdict(
            role=respondent.role,
            name=respondent.name,
            recommendation=verdict.recommendation,
            complexity_score=verdict.complexity_score,
            strength=verdict.strength,
            strength_label=labels[verdict.strength],
        )
        for respondent, verdict in zip(respondents, verdicts, strict=True)
    ]


def _disagreements(
    bank: QuestionBank,
    team: dict[str, AnswerValue],
    given: dict[str, list[AnswerValue]],
    language: str,
) -> list[Disagreement]:
    found = [
        _disagreement(bank, team, key, values, language)
        for key, values in given.items()
        if values and values[0] != values[-1]
    ]
    # sorted() is stable, so questions with equal spreads keep the bank's order.
    return sorted(found, key=lambda disagreement: -disagreement.spread)


def _disagreement(
    bank: QuestionBank,
    team: dict[str, AnswerValue],
    key: str,
    values: list[AnswerValue],
    language: str,
) -> Disagreement:
    table = bank.point_tables[key]
    question = table.question
    lowest, highest = values[0], values[-1]
    role_if_lowest = _role_with(bank, team, key, lowest)
    role_if_highest = _role_with(bank, team, key, highest)

    def given(value: AnswerValue) -> GivenAnswer:
        return GivenAnswer(value=value, label=question.display(value, language))

    return Disagreement(
        question=key,
        label=question.text.get(language),
        spread=round(table.points_for(highest) - table.points_for(lowest), 2),
        # `values` is sorted, and a Counter keeps first-seen order: least complex first.
        answers=[
            AnswerCount(value=value, label=question.display(value, language), count=count)
            for value, count in Counter(values).items()
        ],
        lowest=given(lowest),
        highest=given(highest),
        could_flip=role_if_lowest != role_if_highest,
        role_if_lowest=role_if_lowest,
        role_if_highest=role_if_highest,
    )


def _role_with(
    bank: QuestionBank, answers: dict[str, AnswerValue], key: str, value: AnswerValue
) -> Role:
    # Summed exactly as score() sums, so this never disagrees with rescoring the changed
    # team answers, not even by a rounding hair at the threshold.
    return decide(bank, sum(complexity_points(bank, {**answers, key: value}).values()))


def _talk_first(
    bank: QuestionBank, disagreements: list[Disagreement], language: str
) -> list[TalkFirst]:
    template = TALK_FIRST_PROMPTS["es" if language == "es" else "en"]
    return [
        TalkFirst(
            question=d.question,
            prompt=template.format(
                topic=bank.question(d.question).short_label(language),
                lowest=d.lowest.label,
                highest=d.highest.label,
                role_if_lowest=d.role_if_lowest,
                role_if_highest=d.role_if_highest,
            ),
        )
        for d in disagreements
        if d.could_flip
    ]
