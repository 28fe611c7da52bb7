"""The question bank: its shape, the rules every bank must meet, and how answers are cleaned.

Pure Python and pydantic, no Django: the loader command, the admin, the API and the
scorer all validate through this one module, so no malformed bank can reach a score.
"""

from __future__ import annotations

import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

LANGUAGES = ("en", "es")
MAX_WEIGHT = 40.0
MAX_SCORE = 100.0
ROLES = ("CRO", "CSO")

AnswerValue = int | str | bool | None

# The stable contract from DOMAIN.md: scripts, the API and the tests rely on these keys
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
# The leader-profile contract from DOMAIN.md: trait keys and the role each leans toward.
CORE_TRAITS: dict[str, str] = {
    "channel_strategy": "CRO",
    "cross_functional": "CRO",
    "lifecycle_view": "CRO",
    "market_sensing": "CRO",
    "deal_execution": "CSO",
    "methodology_rigor": "CSO",
    "quota_drive": "CSO",
    "decisive_speed": "CSO",
    "territory_ops": "CSO",
}
RATING_MIN, RATING_MAX = 1, 5
CORE_SIGNALS: tuple[str, ...] = (
    *CORE_INTEGER_SIGNALS,
    *CORE_CHOICE_SIGNALS,
    *CORE_BOOLEAN_SIGNALS,
)

# Placeholders every role text may use besides the question keys.
RESULT_PLACEHOLDERS = frozenset({"score", "threshold", "margin"})


class BankError(ValueError):
    """A bank that breaks the rules; `problems` names each question and what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class AnswersError(ValueError):
    """Answers that do not fit the bank; `errors` maps each question key to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Frozen):
    """One text in every language the product ships."""

    en: str = Field(min_length=1, max_length=4000)
    es: str = Field(min_length=1, max_length=4000)

    def get(self, language: str) -> str:
        return self.es if language == "es" else self.en


Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]


class Option(_Frozen):
    value: str | bool
    label: Text
    weight: Weight
    reason: Text


class Band(_Frozen):
    """Integer answers from `min` up to the next band's `min` earn `weight`."""

    min: int
    weight: Weight
    reason: Text


class BandScoring(_Frozen):
    type: Literal["bands"]
    bands: list[Band] = Field(min_length=1)


class SaturatingScoring(_Frozen):
    """Points rise quickly at first and level off: the second channel adds more than the tenth.

    points = max_points * extra / (extra + half_at), where extra is the answer above the
    question's minimum, so `half_at` extra units earn half of `max_points`.
    """

    type: Literal["saturating"]
    max_points: Annotated[float, Field(gt=0, le=MAX_WEIGHT)]
    half_at: Annotated[float, Field(gt=0)]
    reason: Text


class _QuestionBase(_Frozen):
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


class Section(_Frozen):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    intro: Text | None = None
    questions: list[Question] = Field(min_length=1)


class StrengthBand(_Frozen):
    """How clear a call is: the first band whose `max_margin` exceeds |margin| applies."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    max_margin: Annotated[float, Field(gt=0)] | None
    label: Text
    summary: Text


class Condition(_Frozen):
    """Shows an item only for some answers: every listed question must hold one of its values."""

    answers: dict[str, list[str | int | bool]] = Field(default_factory=dict)
    strength: list[str] = Field(default_factory=list)


class Hire(_Frozen):
    role: Text
    why: Text
    when: Condition | None = None


class ReportingLine(_Frozen):
    function: Text
    reports_to: Text
    why: Text
    when: Condition | None = None


class Risk(_Frozen):
    title: Text
    detail: Text
    when: Condition | None = None


class RoleModel(_Frozen):
    """What surrounds a role: the trait model's texts for one recommendation."""

    title: Text
    summary: Text
    complementary_hires: list[Hire] = Field(min_length=1)
    reporting_lines: list[ReportingLine] = Field(min_length=1)
    risks: list[Risk] = Field(min_length=1)


class Trait(_Frozen):
    """A behaviour rated 1..5, with anchors so two raters read the scale the same way."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=50)
    leans: Literal["CRO", "CSO"]
    weight: Annotated[float, Field(gt=0, le=3)] = 1.0
    required: bool = True
    statement: Text
    anchors: dict[Literal["1", "3", "5"], Text]


class Archetype(_Frozen):
    label: Text
    summary: Text


class LeaderRisk(_Frozen):
    role: Literal["CRO", "CSO"]
    archetype: Literal["CRO", "CSO", "balanced"]
    title: Text
    detail: Text


class Complement(_Frozen):
    archetype: Literal["CRO", "CSO", "balanced"]
    role: Text
    why: Text


class LeaderBank(_Frozen):
    """The leader questionnaire: traits, their weights and what follows from a profile."""

    # Below this |position| (on a -1..1 strategy-versus-execution axis) a person is balanced.
    archetype_margin: Annotated[float, Field(ge=0, lt=1)]
    # How much of the fit is the level of the role's own traits; the rest is the lean.
    level_weight: Annotated[float, Field(ge=0, le=1)]
    traits: list[Trait] = Field(min_length=1, max_length=60)
    archetypes: dict[Literal["CRO", "CSO", "balanced"], Archetype]
    risks: list[LeaderRisk]
    complements: list[Complement]

    @model_validator(mode="after")
    def _follows_the_contract(self) -> LeaderBank:
        problems = []
        keys = [trait.key for trait in self.traits]
        for key in _duplicates(keys):
            problems.append(f"trait '{key}': the key is used more than once")
        for key, lean in CORE_TRAITS.items():
            trait = next((t for t in self.traits if t.key == key), None)
            if trait is None:
                problems.append(f"trait '{key}': this core trait is missing")
            elif trait.leans != lean:
                problems.append(f"trait '{key}': must lean {lean}, not {trait.leans}")
            elif not trait.required:
                problems.append(f"trait '{key}': a core trait must be required")
        for trait in self.traits:
            if trait.key not in CORE_TRAITS and trait.required:
                problems.append(f"trait '{trait.key}': extra traits must be optional")
            if set(trait.anchors) != {"1", "3", "5"}:
                problems.append(f"trait '{trait.key}': needs anchors for 1, 3 and 5")
        for lean in ("CRO", "CSO"):
            if not any(t.leans == lean for t in self.traits):
                problems.append(f"traits: at least one must lean {lean}")
        missing = {"CRO", "CSO", "balanced"} - set(self.archetypes)
        problems.extend(f"archetype '{name}': the texts are missing" for name in sorted(missing))
        if problems:
            raise ValueError("\n".join(problems))
        return self

    @cached_property
    def trait_index(self) -> dict[str, Trait]:
        return {trait.key: trait for trait in self.traits}


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


class QuestionBank(_Frozen):
    version: str = Field(pattern=r"^[A-Za-z0-9._-]{1,40}$")
    title: Text
    threshold: Annotated[float, Field(gt=0, lt=MAX_SCORE)]
    strength_bands: list[StrengthBand] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1, max_length=20)
    roles: dict[Literal["CRO", "CSO"], RoleModel]
    # Optional so a bank can be loaded before the leader questionnaire is written.
    leader: LeaderBank | None = None

    @model_validator(mode="after")
    def _follows_the_rules(self) -> QuestionBank:
        problems = [
            *_key_problems(self),
            *_core_signal_problems(self),
            *_monotonic_problems(self),
            *_range_problems(self),
            *_band_problems(self),
            *_placeholder_problems(self),
        ]
        if problems:
            raise ValueError("\n".join(problems))
        return self

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


def _duplicates(keys: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    repeated = []
    for key in keys:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return repeated


def _key_problems(bank: QuestionBank) -> Iterator[str]:
    for key in _duplicates(section.key for section in bank.sections):
        yield f"section '{key}': the key is used more than once"
    for key in _duplicates(question.key for question in bank.questions()):
        yield f"question '{key}': the key is used more than once"
    for question in bank.questions():
        if isinstance(question, ChoiceQuestion):
            for value in _duplicates(question.values()):
                yield f"question '{question.key}': option '{value}' is listed more than once"


def _core_signal_problems(bank: QuestionBank) -> Iterator[str]:
    index = bank.question_index()
    for key in CORE_SIGNALS:
        question = index.get(key)
        if question is None:
            yield f"question '{key}': this core signal is missing"
            continue
        if not question.required:
            yield f"question '{key}': a core signal must be required"
        yield from (f"question '{key}': {problem}" for problem in _contract_problems(question))
    for question in index.values():
        if question.key not in CORE_SIGNALS and question.required:
            yield f"question '{question.key}': extra questions must be optional"


def _contract_problems(question: IntegerQuestion | ChoiceQuestion | TextQuestion) -> Iterator[str]:
    key = question.key
    if key in CORE_INTEGER_SIGNALS:
        low, high = CORE_INTEGER_SIGNALS[key]
        if not isinstance(question, IntegerQuestion):
            yield "must be an integer question"
        elif (question.min, question.max) != (low, high):
            yield f"must range from {low} to {high}, not {question.min} to {question.max}"
    elif key in CORE_CHOICE_SIGNALS:
        expected: tuple[str | bool, ...] = CORE_CHOICE_SIGNALS[key]
        if not isinstance(question, ChoiceQuestion) or question.kind != "choice":
            yield "must be a choice question"
        elif tuple(question.values()) != expected:
            listed = ", ".join(map(str, expected))
            yield f"options must be exactly {listed}, in that order (least to most complex)"
    elif not isinstance(question, ChoiceQuestion) or question.kind != "boolean":
        yield "must be a boolean question"
    elif tuple(question.values()) != (False, True):
        yield "options must be false then true"


def _monotonic_problems(bank: QuestionBank) -> Iterator[str]:
    # A more complex answer must never lower the score, or the advice contradicts itself.
    for question in bank.questions():
        if isinstance(question, ChoiceQuestion):
            if question.kind == "boolean" and any(
                not isinstance(value, bool) for value in question.values()
            ):
                yield f"question '{question.key}': boolean options must be true and false"
            pairs = pairwise(question.options)
            for lower, higher in pairs:
                if higher.weight < lower.weight:
                    yield (
                        f"question '{question.key}': the weight falls from '{lower.value}' "
                        f"({lower.weight:g}) to '{higher.value}' ({higher.weight:g}); list "
                        "options from least to most complex with weights that never fall"
                    )
        elif isinstance(question, IntegerQuestion):
            yield from _integer_problems(question)


def _integer_problems(question: IntegerQuestion) -> Iterator[str]:
    key = question.key
    if question.min > question.max:
        yield f"question '{key}': min {question.min} is above max {question.max}"
        return
    if not isinstance(question.scoring, BandScoring):
        return
    bands = question.scoring.bands
    if bands[0].min != question.min:
        yield f"question '{key}': the first band must start at {question.min}"
    for lower, higher in pairwise(bands):
        if higher.min <= lower.min:
            yield f"question '{key}': band starts must rise ({lower.min} then {higher.min})"
        if higher.weight < lower.weight:
            yield (
                f"question '{key}': the weight falls from the band at {lower.min} "
                f"({lower.weight:g}) to the band at {higher.min} ({higher.weight:g})"
            )
    for band in bands:
        if not question.min <= band.min <= question.max:
            yield (
                f"question '{key}': band start {band.min} is outside {question.min}..{question.max}"
            )


def _range_problems(bank: QuestionBank) -> Iterator[str]:
    scored = bank.scored_questions()
    if any(isinstance(q, IntegerQuestion) and q.min > q.max for q in scored):
        return
    highest = sum(question_max_points(question) for question in scored)
    if highest <= 0:
        yield "bank: every weight is zero, so no answer could change the score"
        return
    lowest = MAX_SCORE * sum(min(map(q.points, q.values())) for q in scored) / highest
    if not lowest < bank.threshold <= MAX_SCORE:
        yield (
            f"bank: threshold {bank.threshold:g} must lie above the lowest possible score "
            f"({lowest:.2f}) and at most {MAX_SCORE:g}, so both roles can come out"
        )


def _band_problems(bank: QuestionBank) -> Iterator[str]:
    margins = [band.max_margin for band in bank.strength_bands]
    if margins[-1] is not None:
        yield "strength bands: the last band must be open-ended (max_margin null)"
    bounded = [margin for margin in margins[:-1] if margin is not None]
    if len(bounded) != len(margins) - 1 or bounded != sorted(set(bounded)):
        yield "strength bands: max_margin must rise from band to band"
    for key in _duplicates(band.key for band in bank.strength_bands):
        yield f"strength band '{key}': the key is used more than once"


def _placeholder_problems(bank: QuestionBank) -> Iterator[str]:
    known = RESULT_PLACEHOLDERS | set(bank.question_index())
    bands = {band.key for band in bank.strength_bands}
    for role, model in bank.roles.items():
        for where, text in _role_texts(model):
            for language in LANGUAGES:
                for name in _placeholders(text.get(language)):
                    if name not in known:
                        yield (
                            f"role {role}: {where} ({language}) uses unknown placeholder {{{name}}}"
                        )
        for where, condition in _role_conditions(model):
            for key, values in condition.answers.items():
                question = bank.question_index().get(key)
                if question is None or isinstance(question, TextQuestion):
                    yield f"role {role}: {where} depends on unknown question '{key}'"
                    continue
                for value in values:
                    if value not in question.values():
                        yield f"role {role}: {where} expects '{value}' for '{key}'"
            for strength in condition.strength:
                if strength not in bands:
                    yield f"role {role}: {where} depends on unknown strength '{strength}'"
    for question in bank.scored_questions():
        for reason in _reasons(question):
            for language in LANGUAGES:
                for name in _placeholders(reason.get(language)):
                    if name != "value":
                        yield (
                            f"question '{question.key}': a reason ({language}) uses unknown "
                            f"placeholder {{{name}}}; only {{value}} is allowed"
                        )
    missing = set(ROLES) - set(bank.roles)
    for absent in sorted(missing):
        yield f"role {absent}: the trait model is missing"


def _reasons(question: ScoredQuestion) -> list[Text]:
    if isinstance(question, ChoiceQuestion):
        return [option.reason for option in question.options]
    if isinstance(question.scoring, SaturatingScoring):
        return [question.scoring.reason]
    return [band.reason for band in question.scoring.bands]


def _role_texts(model: RoleModel) -> Iterator[tuple[str, Text]]:
    yield "summary", model.summary
    for n, hire in enumerate(model.complementary_hires, 1):
        yield f"hire {n}", hire.why
    for n, line in enumerate(model.reporting_lines, 1):
        yield f"reporting line {n}", line.why
    for n, risk in enumerate(model.risks, 1):
        yield f"risk {n}", risk.detail


def _role_conditions(model: RoleModel) -> Iterator[tuple[str, Condition]]:
    items: list[tuple[str, Hire | ReportingLine | Risk]] = [
        *((f"hire {n}", item) for n, item in enumerate(model.complementary_hires, 1)),
        *((f"reporting line {n}", item) for n, item in enumerate(model.reporting_lines, 1)),
        *((f"risk {n}", item) for n, item in enumerate(model.risks, 1)),
    ]
    for where, item in items:
        if item.when is not None:
            yield where, item.when


def _placeholders(text: str) -> Iterator[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        yield "<unbalanced braces>"
        return
    for _literal, name, _spec, _conversion in parsed:
        if name is not None:
            yield name


# A bank an admin can still read and edit in one page; the shipped one has 12 questions.
MAX_QUESTIONS = 120


def parse_bank(data: object) -> QuestionBank:
    """Validate raw bank data, or raise BankError naming each question and its problem."""
    count = _question_count(data)
    if count > MAX_QUESTIONS:
        raise BankError([f"bank: {count} questions; at most {MAX_QUESTIONS} are allowed"])
    try:
        return QuestionBank.model_validate(data)
    except ValidationError as exc:
        raise BankError(_describe(exc, data)) from None


def _question_count(data: object) -> int:
    """Counted on the raw data, so a huge bank is refused before any of it is validated."""
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, list):
        return 0
    return sum(
        len(section["questions"])
        for section in sections
        if isinstance(section, dict) and isinstance(section.get("questions"), list)
    )


def _describe(exc: ValidationError, data: object) -> list[str]:
    problems = []
    for error in exc.errors():
        message = error["msg"].removeprefix("Value error, ")
        location = list(error["loc"])
        if not location:
            problems.extend(message.split("\n"))
            continue
        where = _where(location, data)
        problems.extend(f"{where}: {line}" for line in message.split("\n"))
    return problems


def _where(location: list[int | str], data: object) -> str:
    """Turn a pydantic location into words a bank editor recognises: the question's key."""
    path = ".".join(str(part) for part in location)
    if len(location) >= 4 and location[0] == "sections" and location[2] == "questions":
        try:
            raw = data["sections"][location[1]]["questions"][location[3]]  # type: ignore[index]
            key = raw.get("key", f"#{location[3]}")
        except (KeyError, IndexError, TypeError, AttributeError):
            key = f"#{location[3]}"
        rest = [str(part) for part in location[4:]]
        # Pydantic names the union member it tried (kind, then scoring type); drop those.
        if rest and rest[0] in ("integer", "choice", "boolean", "text"):
            rest = rest[1:]
        if len(rest) > 1 and rest[0] == "scoring" and rest[1] in ("bands", "saturating"):
            del rest[1]
        return f"question '{key}'" + (f" ({'.'.join(rest)})" if rest else "")
    return path


def carry_over_answers(bank: QuestionBank, previous: Mapping[str, Any]) -> dict[str, AnswerValue]:
    """The earlier answers that still fit this bank, to pre-fill a re-assessment."""
    index = bank.question_index()
    kept: dict[str, AnswerValue] = {}
    for key, value in previous.items():
        question = index.get(key)
        if question is None or value is None:
            continue
        try:
            kept[key] = question.clean(value)
        except ValueError:
            continue
    return kept


def parse_answers(
    bank: QuestionBank, raw: object, *, partial: bool = False
) -> dict[str, AnswerValue]:
    """Clean raw answers against the bank, or raise AnswersError listing every bad key.

    With `partial`, missing required answers are allowed: a questionnaire saves each
    step as it goes and only insists on completeness at submit.
    """
    if not isinstance(raw, Mapping):
        raise AnswersError({"answers": "must be an object keyed by question"})
    index = bank.question_index()
    errors: dict[str, str] = {}
    cleaned: dict[str, AnswerValue] = {}
    for key in raw:
        if key not in index:
            errors[str(key)] = "unknown question"
    for key, question in index.items():
        value = raw.get(key)
        if value is None or value == "":
            if question.required and not partial:
                errors[key] = "this answer is required"
            continue
        try:
            cleaned[key] = question.clean(value)
        except ValueError as exc:
            errors[key] = str(exc)
    if errors:
        raise AnswersError(errors)
    return cleaned
