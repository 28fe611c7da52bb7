"""The rules every question bank must meet beyond its shape, and `parse_bank`, the one
way in: shape first (pydantic), then each rule.

Each rule is a small function that yields what is wrong, named by question, the way
`django.contrib.auth.password_validation` keeps each password rule small and runs them
all from one place. Pure Python and pydantic, no Django.
"""

from __future__ import annotations

import math
import string
from collections.abc import Callable, Iterator
from itertools import pairwise

from pydantic import ValidationError

from .schema import (
    CORE_CHOICE_SIGNALS,
    CORE_INTEGER_SIGNALS,
    CORE_SIGNALS,
    MAX_SCORE,
    RESULT_PLACEHOLDERS,
    ROLES,
    BandScoring,
    ChoiceQuestion,
    Condition,
    Hire,
    IntegerQuestion,
    QuestionBank,
    ReportingLine,
    Risk,
    RoleModel,
    SaturatingScoring,
    ScoredQuestion,
    TextQuestion,
    question_max_points,
)
from .text import LANGUAGES, Text, duplicates

# A bank an admin can still read and edit in one page; the shipped one has 12 questions.
MAX_QUESTIONS = 120


class BankError(ValueError):
    """A bank that breaks the rules; `problems` names each question and what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_bank(data: object) -> QuestionBank:
    """Validate raw bank data, or raise BankError naming each question and its problem."""
    bank, problems = check_bank(data)
    if bank is None or problems:
        raise BankError(problems)
    return bank


def check_bank(data: object) -> tuple[QuestionBank | None, list[str]]:
    """The bank if its shape is sound (None if not), and every problem that would stop
    it from being published: the weights editor scores a draft that still has some."""
    count = _question_count(data)
    if count > MAX_QUESTIONS:
        return None, [f"bank: {count} questions; at most {MAX_QUESTIONS} are allowed"]
    try:
        bank = QuestionBank.model_validate(data)
    except ValidationError as exc:
        return None, _describe(exc, data)
    return bank, bank_problems(bank)


def bank_problems(bank: QuestionBank) -> list[str]:
    """Everything every rule finds wrong with a well-shaped bank."""
    return [problem for rule in [*RULES, *PART_RULES] for problem in rule(bank)]


def unique_keys(bank: QuestionBank) -> Iterator[str]:
    for key in duplicates(section.key for section in bank.sections):
        yield f"section '{key}': the key is used more than once"
    for key in duplicates(question.key for question in bank.questions()):
        yield f"question '{key}': the key is used more than once"
    for question in bank.questions():
        if isinstance(question, ChoiceQuestion):
            for value in duplicates(question.values()):
                yield f"question '{question.key}': option '{value}' is listed more than once"


def core_signals_follow_the_contract(bank: QuestionBank) -> Iterator[str]:
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


def boolean_options_are_booleans(bank: QuestionBank) -> Iterator[str]:
    for question in bank.questions():
        if not isinstance(question, ChoiceQuestion) or question.kind != "boolean":
            continue
        if any(not isinstance(value, bool) for value in question.values()):
            yield f"question '{question.key}': boolean options must be true and false"


def more_complex_never_scores_less(bank: QuestionBank) -> Iterator[str]:
    # A more complex answer must never lower the score, or the advice contradicts itself.
    for question in bank.questions():
        if isinstance(question, ChoiceQuestion):
            for lower, higher in pairwise(question.options):
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


def both_roles_can_come_out(bank: QuestionBank) -> Iterator[str]:
    scored = bank.scored_questions()
    if any(isinstance(q, IntegerQuestion) and q.min > q.max for q in scored):
        return
    highest = sum(question_max_points(question) for question in scored)
    if highest <= 0:
        yield "bank: every weight is zero, so no answer could change the score"
        return
    if not math.isfinite(bank.point_scale) or not math.isfinite(highest):
        # Weights this small (1e-310, say) cannot be scaled to 100: scores would be NaN.
        yield (
            f"bank: the weights add up to {highest:g}, too little to scale to "
            f"{MAX_SCORE:g}; use weights of at least 0.001"
        )
        return
    lowest = MAX_SCORE * sum(min(map(q.points, q.values())) for q in scored) / highest
    if not lowest < bank.threshold <= MAX_SCORE:
        yield (
            f"bank: threshold {bank.threshold:g} must lie above the lowest possible score "
            f"({lowest:.2f}) and at most {MAX_SCORE:g}, so both roles can come out"
        )


def strength_bands_rise(bank: QuestionBank) -> Iterator[str]:
    margins = [band.max_margin for band in bank.strength_bands]
    if margins[-1] is not None:
        yield "strength bands: the last band must be open-ended (max_margin null)"
    bounded = [margin for margin in margins[:-1] if margin is not None]
    if len(bounded) != len(margins) - 1 or bounded != sorted(set(bounded)):
        yield "strength bands: max_margin must rise from band to band"
    for key in duplicates(band.key for band in bank.strength_bands):
        yield f"strength band '{key}': the key is used more than once"


def both_role_models_present(bank: QuestionBank) -> Iterator[str]:
    for absent in sorted(set(ROLES) - set(bank.roles)):
        yield f"role {absent}: the trait model is missing"


def role_texts_name_known_answers(bank: QuestionBank) -> Iterator[str]:
    known = RESULT_PLACEHOLDERS | set(bank.question_index())
    for role, model in bank.roles.items():
        for where, text in _role_texts(model):
            for language in LANGUAGES:
                for name in _placeholders(text.get(language)):
                    if name not in known:
                        yield (
                            f"role {role}: {where} ({language}) uses unknown placeholder {{{name}}}"
                        )


def role_conditions_name_known_answers(bank: QuestionBank) -> Iterator[str]:
    bands = {band.key for band in bank.strength_bands}
    for role, model in bank.roles.items():
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


def reasons_name_only_the_value(bank: QuestionBank) -> Iterator[str]:
    for question in bank.scored_questions():
        for reason in _reasons(question):
            for language in LANGUAGES:
                for name in _placeholders(reason.get(language)):
                    if name != "value":
                        yield (
                            f"question '{question.key}': a reason ({language}) uses unknown "
                            f"placeholder {{{name}}}; only {{value}} is allowed"
                        )


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


# The rules of parts of the bank another app owns, added by that app when Django starts
# (the leaders app adds the leader traits' rules), so the bank still loads as one thing.
PART_RULES: list[Callable[[QuestionBank], Iterator[str]]] = []

RULES: list[Callable[[QuestionBank], Iterator[str]]] = [
    unique_keys,
    core_signals_follow_the_contract,
    boolean_options_are_booleans,
    more_complex_never_scores_less,
    both_roles_can_come_out,
    strength_bands_rise,
    both_role_models_present,
    role_texts_name_known_answers,
    role_conditions_name_known_answers,
    reasons_name_only_the_value,
]


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
