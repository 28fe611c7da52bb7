"""Score a business unit's complexity and recommend a CRO or a CSO.

A pure module: no Django, no I/O. The site, the API, the command-line tools and the
tests call `score()` with a validated bank and cleaned answers, and get the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from .bank.schema import (
    AnswerValue,
    ChoiceQuestion,
    Condition,
    PointTable,
    QuestionBank,
    TextQuestion,
)
from .bank.text import Text

Role = Literal["CRO", "CSO"]
Answers = Mapping[str, AnswerValue]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)


class Driver(_Result):
    question: str
    label: str
    short_label: str = ""
    answer: AnswerValue
    answer_label: str
    points: float
    # points minus this question's even share of the threshold: above zero pushes toward
    # a CRO, below zero toward a CSO. The leans add up to the margin.
    lean: float
    reason: str


class FlipChange(_Result):
    question: str
    label: str
    from_: AnswerValue = Field(alias="from")
    to: AnswerValue
    from_label: str
    to_label: str


class ComplementaryHire(_Result):
    role: str
    why: str


class ReportingLineAdvice(_Result):
    function: str
    reports_to: str
    why: str


class RiskAdvice(_Result):
    title: str
    detail: str


class Note(_Result):
    """A free-text answer, echoed for readers the owner allows to see it."""

    question: str
    label: str
    answer: str


class RoleFit(_Result):
    recommendation: Role
    role_title: str
    summary: str
    strength: str
    strength_label: str
    strength_summary: str
    margin: float
    complexity_score: float
    threshold: float
    drivers: list[Driver]
    what_would_flip: list[FlipChange]
    complementary_hires: list[ComplementaryHire]
    reporting_lines: list[ReportingLineAdvice]
    risks: list[RiskAdvice]
    notes: list[Note] = []
    questionnaire_version: str
    language: str

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


def complexity_points(bank: QuestionBank, answers: Answers) -> dict[str, float]:
    """Each scored question's points for these answers; a skipped optional question earns 0."""
    return {key: table.points_for(answers.get(key)) for key, table in bank.point_tables.items()}


def decide(bank: QuestionBank, total: float) -> Role:
    # Decide on the score as shown (two decimals) so the page never contradicts itself.
    return "CRO" if round(total, 2) >= bank.threshold else "CSO"


class Verdict(NamedTuple):
    complexity_score: float
    recommendation: Role
    strength: str


def score_many(*, bank: QuestionBank, answer_sets: Iterable[Answers]) -> Iterator[Verdict]:
    """The decision alone for many answer sets, with no texts: for previews and benchmarks.

    It agrees with `score()` on every answer set, at a small fraction of the cost.
    """
    tables = list(bank.point_tables.items())
    for answers in answer_sets:
        total = round(sum(table.points_for(answers.get(key)) for key, table in tables), 2)
        recommendation: Role = "CRO" if total >= bank.threshold else "CSO"
        yield Verdict(total, recommendation, bank.strength_band(total - bank.threshold).key)


def score(*, bank: QuestionBank, answers: Answers, language: str = "en") -> RoleFit:
    return _explained(bank, answers, _decision(bank, answers), language)


def score_in_languages(
    *, bank: QuestionBank, answers: Answers, languages: Iterable[str]
) -> dict[str, RoleFit]:
    """`score()` in each language, with the decision and what would flip it, which no
    language changes, worked out once."""
    decision = _decision(bank, answers)
    return {language: _explained(bank, answers, decision, language) for language in languages}


class _Decision(NamedTuple):
    """What a score is before it is put into words."""

    points: dict[str, float]
    total: float
    recommendation: Role
    margin: float
    flips: dict[str, tuple[AnswerValue, float]]  # the fewest changes that flip it


def _decision(bank: QuestionBank, answers: Answers) -> _Decision:
    points = complexity_points(bank, answers)
    total = sum(points.values())
    return _Decision(
        points=points,
        total=total,
        recommendation=decide(bank, total),
        margin=round(total, 2) - bank.threshold,
        flips=_what_would_flip(bank, points),
    )


def _explained(bank: QuestionBank, answers: Answers, decision: _Decision, language: str) -> RoleFit:
    points, total, margin = decision.points, decision.total, decision.margin
    band = bank.strength_band(margin)
    role = bank.roles[decision.recommendation]
    context = _text_context(bank, answers, language, total, margin)

    def fill(text: Text) -> str:
        return text.get(language).format_map(context)

    def applies(when: Condition | None) -> bool:
        return _condition_holds(when, answers, band.key)

    return RoleFit(
        recommendation=decision.recommendation,
        role_title=role.title.get(language),
        summary=fill(role.summary),
        strength=band.key,
        strength_label=band.label.get(language),
        strength_summary=fill(band.summary),
        margin=round(margin, 2),
        complexity_score=round(total, 2),
        threshold=bank.threshold,
        drivers=_drivers(bank, answers, points, language),
        what_would_flip=_flip_changes(bank, answers, decision.flips, language),
        complementary_hires=[
            ComplementaryHire(role=hire.role.get(language), why=fill(hire.why))
            for hire in role.complementary_hires
            if applies(hire.when)
        ],
        reporting_lines=[
            ReportingLineAdvice(
                function=line.function.get(language),
                reports_to=line.reports_to.get(language),
                why=fill(line.why),
            )
            for line in role.reporting_lines
            if applies(line.when)
        ],
        risks=[
            RiskAdvice(title=risk.title.get(language), detail=fill(risk.detail))
            for risk in role.risks
            if applies(risk.when)
        ],
        notes=[
            Note(question=q.key, label=q.text.get(language), answer=str(answers[q.key]))
            for q in bank.questions()
            if isinstance(q, TextQuestion) and answers.get(q.key)
        ],
        questionnaire_version=bank.version,
        language=language,
    )


def _text_context(
    bank: QuestionBank, answers: Answers, language: str, total: float, margin: float
) -> dict[str, str]:
    context = {
        q.key: q.display(answers.get(q.key), language).lower()
        if isinstance(q, ChoiceQuestion)
        else q.display(answers.get(q.key), language)
        for q in bank.questions()
    }
    context.update(
        score=f"{total:.1f}", threshold=f"{bank.threshold:g}", margin=f"{abs(margin):.1f}"
    )
    return context


def _condition_holds(when: Condition | None, answers: Answers, strength: str) -> bool:
    if when is None:
        return True
    if when.strength and strength not in when.strength:
        return False
    return all(answers.get(key) in values for key, values in when.answers.items())


def _drivers(
    bank: QuestionBank, answers: Answers, points: dict[str, float], language: str
) -> list[Driver]:
    # A skipped optional question is neutral: it takes no share of the threshold, so its
    # lean is zero and the answered questions' leans still add up to the margin.
    tables = bank.point_tables
    answered = [key for key in tables if answers.get(key) is not None]
    scale = sum(tables[key].max_points for key in answered) or 1.0
    drivers = []
    for question in bank.scored_questions():
        value = answers.get(question.key)
        share = bank.threshold * tables[question.key].max_points / scale if value is not None else 0
        drivers.append(
            Driver(
                question=question.key,
                label=question.text.get(language),
                short_label=question.short_label(language),
                answer=value,
                answer_label=question.display(value, language),
                points=round(points[question.key], 2),
                lean=round(points[question.key] - share, 2),
                reason=question.reason(value).get(language).format(value=value),
            )
        )
    return drivers


def _what_would_flip(
    bank: QuestionBank, points: dict[str, float]
) -> dict[str, tuple[AnswerValue, float]]:
    """The fewest answer changes that turn the recommendation around, each as small as it
    can be: {question: (new answer, its points)}, empty when none can.

    Taking the questions whose best change moves the score most gives the fewest changes;
    then each chosen change is pulled back to the nearest answer that still flips.
    """
    total = sum(points.values())
    current = decide(bank, total)
    toward_cro = current == "CSO"
    options: list[tuple[PointTable, list[tuple[AnswerValue, float]]]] = []
    for key, table in bank.point_tables.items():
        alternatives = _alternatives(table, points[key], toward_cro)
        if alternatives:
            options.append((table, alternatives))
    # The last alternative moves the score furthest; order by that reach, bank order on ties.
    options.sort(key=lambda item: -abs(item[1][-1][1] - points[item[0].question.key]))

    chosen: dict[str, tuple[AnswerValue, float]] = {}
    for table, alternatives in options:
        chosen[table.question.key] = alternatives[-1]
        if _flips(bank, total, points, chosen, current):
            break
    else:
        return {}

    for key in reversed(list(chosen)):
        alternatives = _alternatives(bank.point_tables[key], points[key], toward_cro)
        # Points only grow along `alternatives`, so whether a choice still flips the call
        # is false, then true: a binary search finds the nearest one that does.
        low, high = 0, len(alternatives) - 1
        while low < high:
            middle = (low + high) // 2
            if _flips(bank, total, points, {**chosen, key: alternatives[middle]}, current):
                high = middle
            else:
                low = middle + 1
        chosen[key] = alternatives[low]
    return chosen


def _flip_changes(
    bank: QuestionBank,
    answers: Answers,
    flips: dict[str, tuple[AnswerValue, float]],
    language: str,
) -> list[FlipChange]:
    changes = []
    for key, (value, _points) in flips.items():
        question = bank.point_tables[key].question
        changes.append(
            FlipChange(
                question=key,
                label=question.text.get(language),
                from_=answers.get(key),
                to=value,
                from_label=question.display(answers.get(key), language),
                to_label=question.display(value, language),
            )
        )
    return changes


def _alternatives(
    table: PointTable, now: float, toward_cro: bool
) -> list[tuple[AnswerValue, float]]:
    """Answers that move this question's points the wanted way, nearest first."""
    return table.above(now) if toward_cro else table.below(now)


def _flips(
    bank: QuestionBank,
    total: float,
    points: dict[str, float],
    changes: dict[str, tuple[AnswerValue, float]],
    current: Role,
) -> bool:
    moved = total + sum(new - points[key] for key, (_value, new) in changes.items())
    return decide(bank, moved) != current
