"""The question bank's shape: sections, questions and how each answer scores, the
threshold and strength bands, and the texts around each role.

Pydantic checks the shape; the rules a bank must also meet (unique keys, the core
signals' contract, weights that never fall...) are in `assessments.bank.rules`.
Pure Python and pydantic, no Django.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field

from .text import Frozen, Text

MAX_WEIGHT = 40.0
MAX_SCORE = 100.0
ROLES = ("CRO", "CSO")

AnswerValue = int | str | bool | None

# The stable contract of the domain: scripts, the API and the tests rely on these keys
# and value domains, so a bank that drifts from them is refused rather than scored.
CORE_INTEGER_SIGNALS: dict[str, tuple[int, int]] = {
    "sales_channels": (1, 20),
    "verticals": (1, 50),
    "product_lines": (1, 100),
    "competitors": (0, 200),
}
CORE_CHOICE_SIGNALS: dict[str, tuple[str, ...]] = {
    "revenue_model": ("transactional", "mixed", "recurring"),
    "growth_vs_plan": ("above", "on_plan", "below"),
    "churn_trend": ("falling", "stable", "rising"),
    "sales_cycle_trend": ("shorter", "stable", "longer"),
    "lifecycle_scope": ("sales_only", "sales_and_marketing", "full_lifecycle"),
}
CORE_BOOLEAN_SIGNALS: tuple[str, ...] = ("lead_shortage",)
CORE_SIGNALS: tuple[str, ...] = (
    *CORE_INTEGER_SIGNALS,
    *CORE_CHOICE_SIGNALS,
    *CORE_BOOLEAN_SIGNALS,
)

# Placeholders every role text may use besides the question keys.
RESULT_PLACEHOLDERS = frozenset({"score", "threshold", "margin"})


Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]


class Option(Frozen):
    value: str | bool
    label: Text
    weight: Weight
    reason: Text


class Band(Frozen):
    """Integer answers from `min` up to the next band's `min` earn `weight`."""

    min: int
    weight: Weight
    reason: Text


class BandScoring(Frozen):
    type: Literal["bands"]
    bands: list[Band] = Field(min_length=1)


class SaturatingScoring(Frozen):
    """Points rise quickly at first and level off: the second channel adds more than the tenth.

    points = max_points * extra / (extra + half_at), where extra is the answer above the
    question's minimum, so `half_at` extra units earn half of `max_points`.
    """

    type: Literal["saturating"]
    max_points: Annotated[float, Field(gt=0, le=MAX_WEIGHT)]
    half_at: Annotated[float, Field(gt=0)]
    reason: Text


class _QuestionBase(Frozen):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=50)
    required: bool = False
    text: Text
    # A few words for charts and tables on small screens; the full text when absent.
    short: Text | None = None
    help: Text | None = None

    def short_label(self, language: str) -> str:
        return (self.short or self.text).get(language)


class IntegerQuestion(_QuestionBase):
    kind: Literal["integer"]
    min: int
    max: int
    scoring: Annotated[BandScoring | SaturatingScoring, Field(discriminator="type")]

    def values(self) -> range:
        return range(self.min, self.max + 1)

    def points(self, value: AnswerValue) -> float:
        if value is None:
            return 0.0
        assert isinstance(value, int)
        if isinstance(self.scoring, SaturatingScoring):
            extra = value - self.min
            return self.scoring.max_points * extra / (extra + self.scoring.half_at)
        return self._band(value).weight

    def reason(self, value: AnswerValue) -> Text:
        if value is None:
            return _SKIPPED
        if isinstance(self.scoring, SaturatingScoring):
            return self.scoring.reason
        assert isinstance(value, int)
        return self._band(value).reason

    def _band(self, value: int) -> Band:
        assert isinstance(self.scoring, BandScoring)
        chosen = self.scoring.bands[0]
        for band in self.scoring.bands:
            if band.min <= value:
                chosen = band
        return chosen

    def clean(self, raw: object) -> int:
        # bool is an int in Python; a JSON true must not pass as 1 channel.
        if isinstance(raw, bool) or not isinstance(raw, int):
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            else:
                raise ValueError(f"must be a whole number from {self.min} to {self.max}")
        if not self.min <= raw <= self.max:
            raise ValueError(f"must be from {self.min} to {self.max}, not {raw}")
        return raw

    def display(self, value: AnswerValue, language: str) -> str:
        return str(value)


class ChoiceQuestion(_QuestionBase):
    kind: Literal["choice", "boolean"]
    # Listed from the least complex answer to the most complex one.
    options: list[Option] = Field(min_length=2, max_length=40)

    def values(self) -> list[str | bool]:
        return [option.value for option in self.options]

    def option(self, value: AnswerValue) -> Option | None:
        return next((option for option in self.options if option.value == value), None)

    def points(self, value: AnswerValue) -> float:
        option = self.option(value)
        return option.weight if option else 0.0

    def reason(self, value: AnswerValue) -> Text:
        option = self.option(value)
        return option.reason if option else _SKIPPED

    def clean(self, raw: object) -> str | bool:
        if self.kind == "boolean":
            if not isinstance(raw, bool):
                raise ValueError("must be true or false")
            return raw
        if not isinstance(raw, str) or self.option(raw) is None:
            choices = ", ".join(str(value) for value in self.values())
            raise ValueError(f"must be one of: {choices}")
        return raw

    def display(self, value: AnswerValue, language: str) -> str:
        option = self.option(value)
        return option.label.get(language) if option else "—"


class TextQuestion(_QuestionBase):
    """Free context for the reader of the result; it never changes the score."""

    kind: Literal["text"]
    max_length: int = Field(default=2000, ge=1, le=10000)

    def points(self, value: AnswerValue) -> float:
        return 0.0

    def clean(self, raw: object) -> str:
        if not isinstance(raw, str):
            raise ValueError("must be text")
        if len(raw) > self.max_length:
            raise ValueError(f"must be at most {self.max_length} characters")
        return raw.strip()

    def display(self, value: AnswerValue, language: str) -> str:
        return str(value) if value else "—"


Question = Annotated[IntegerQuestion | ChoiceQuestion | TextQuestion, Field(discriminator="kind")]
ScoredQuestion = IntegerQuestion | ChoiceQuestion

_SKIPPED = Text(
    en="Not answered, so it counts as neutral.", es="Sin respuesta: cuenta como neutra."
)


class Section(Frozen):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    intro: Text | None = None
    questions: list[Question] = Field(min_length=1)


class StrengthBand(Frozen):
    """How clear a call is: the first band whose `max_margin` exceeds |margin| applies."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    max_margin: Annotated[float, Field(gt=0)] | None
    label: Text
    summary: Text


class Condition(Frozen):
    """Shows an item only for some answers: every listed question must hold one of its values."""

    answers: dict[str, list[str | int | bool]] = Field(default_factory=dict)
    strength: list[str] = Field(default_factory=list)


class Hire(Frozen):
    role: Text
    why: Text
    when: Condition | None = None


class ReportingLine(Frozen):
    function: Text
    reports_to: Text
    why: Text
    when: Condition | None = None


class Risk(Frozen):
    title: Text
    detail: Text
    when: Condition | None = None


class RoleModel(Frozen):
    """What surrounds a role: the trait model's texts for one recommendation."""

    title: Text
    summary: Text
    complementary_hires: list[Hire] = Field(min_length=1)
    reporting_lines: list[ReportingLine] = Field(min_length=1)
    risks: list[Risk] = Field(min_length=1)


@dataclass(frozen=True)
class PointTable:
    """Every answer a scored question allows, in its order, with the points each earns."""

    question: ScoredQuestion
    values: tuple[AnswerValue, ...]
    points: tuple[float, ...]
    by_value: dict[AnswerValue, float]
    max_points: float

    @classmethod
    def build(cls, question: ScoredQuestion, scale: float) -> PointTable:
        values: tuple[AnswerValue, ...] = tuple(question.values())
        points = tuple(question.points(value) * scale for value in values)
        by_value: dict[AnswerValue, float] = dict(zip(values, points, strict=True))
        return cls(question, values, points, by_value, max(points))

    def above(self, now: float) -> list[tuple[AnswerValue, float]]:
        """The answers earning more than `now`, nearest first (points never fall in order)."""
        start = bisect_right(self.points, now)
        return list(zip(self.values[start:], self.points[start:], strict=True))

    def below(self, now: float) -> list[tuple[AnswerValue, float]]:
        """The answers earning less than `now`, nearest first."""
        stop = bisect_left(self.points, now)
        return list(zip(self.values[:stop], self.points[:stop], strict=True))[::-1]

    def points_for(self, value: AnswerValue) -> float:
        return self.by_value.get(value, 0.0) if value is not None else 0.0


class QuestionBank(Frozen):
    version: str = Field(pattern=r"^[A-Za-z0-9._-]{1,40}$")
    title: Text
    threshold: Annotated[float, Field(gt=0, lt=MAX_SCORE)]
    strength_bands: list[StrengthBand] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1, max_length=20)
    roles: dict[Literal["CRO", "CSO"], RoleModel]
    # The leader questionnaire travels with the bank but belongs to the leaders app, which
    # reads it (leaders.traits) and checks it when the bank loads (rules.PART_RULES).
    # Optional, so a bank can be loaded before the leader questionnaire is written.
    leader: dict[str, Any] | None = None

    def questions(self) -> Iterator[IntegerQuestion | ChoiceQuestion | TextQuestion]:
        for section in self.sections:
            yield from section.questions

    def question(self, key: str) -> IntegerQuestion | ChoiceQuestion | TextQuestion:
        return self.question_index()[key]

    def question_index(self) -> dict[str, IntegerQuestion | ChoiceQuestion | TextQuestion]:
        return self._index

    def scored_questions(self) -> list[ScoredQuestion]:
        return self._scored

    # A bank is immutable, so these lookups are worked out once per bank, not per score.
    @cached_property
    def _index(self) -> dict[str, IntegerQuestion | ChoiceQuestion | TextQuestion]:
        return {question.key: question for question in self.questions()}

    @cached_property
    def _scored(self) -> list[ScoredQuestion]:
        return [q for q in self.questions() if not isinstance(q, TextQuestion)]

    @cached_property
    def point_scale(self) -> float:
        """Weights are relative: the most complex answers everywhere score exactly 100.

        So an admin can raise one weight without first lowering others to make room, and
        the threshold keeps its meaning on the same 0-100 scale.
        """
        highest = sum(question_max_points(question) for question in self.scored_questions())
        return MAX_SCORE / highest if highest > 0 else 1.0

    @cached_property
    def point_tables(self) -> dict[str, PointTable]:
        return {
            question.key: PointTable.build(question, self.point_scale)
            for question in self.scored_questions()
        }

    def strength_band(self, margin: float) -> StrengthBand:
        for band in self.strength_bands:
            if band.max_margin is None or abs(margin) < band.max_margin:
                return band
        return self.strength_bands[-1]


def question_max_points(question: ScoredQuestion) -> float:
    return max(question.points(value) for value in question.values())
