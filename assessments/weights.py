"""What the weights editor shows, worked out without Django: how a draft differs from the
live version, how both call a set of reference units, the points curve of each integer
question, and which card each publishing problem belongs on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .bank.answers import carry_over_answers
from .bank.schema import IntegerQuestion, QuestionBank
from .scoring import Verdict, score_many

Path = Sequence[str | int]
# Problems that name no question belong on the model card (threshold, strength bands).
MODEL_CARD = "model"


@dataclass(frozen=True)
class Change:
    """One number the draft sets differently from the live version."""

    path: tuple[str | int, ...]
    label: str
    draft: float
    live: float | None  # None where the live version has no such place


def value_at(bank: Any, path: Path) -> Any:
    """The value at a path in a bank's JSON, or None where the path leads nowhere."""
    node = bank
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def changes(
    draft: Mapping[str, Any], live: Mapping[str, Any] | None, places: Iterable[tuple[Path, str]]
) -> list[Change]:
    """Every numbered place whose draft value is not the live one, in the order given."""
    found = []
    for path, label in places:
        drafted = value_at(draft, path)
        current = value_at(live, path) if live is not None else None
        if not isinstance(drafted, int | float) or drafted == current:
            continue
        found.append(Change(tuple(path), label, float(drafted), _number(current)))
    return found


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Call:
    """How the draft and the live version call one reference unit."""

    label: str
    draft: Verdict
    live: Verdict | None
    threshold: float

    @property
    def margin(self) -> float:
        return round(self.draft.complexity_score - self.threshold, 1)

    @property
    def flipped(self) -> bool:
        return self.live is not None and self.live.recommendation != self.draft.recommendation


def reference_calls(
    draft: QuestionBank, live: QuestionBank | None, units: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[Call]:
    """Each reference unit scored by both versions. Answers a version does not ask (or
    no longer allows) count as unanswered, as a carried-over re-assessment would."""
    drafted = list(score_many(bank=draft, answer_sets=_answers(draft, units)))
    current: list[Verdict | None] = (
        list(score_many(bank=live, answer_sets=_answers(live, units)))
        if live is not None
        else [None] * len(units)
    )
    return [
        Call(label, verdict, before, draft.threshold)
        for (label, _answers_), verdict, before in zip(units, drafted, current, strict=True)
    ]


def _answers(
    bank: QuestionBank, units: Sequence[tuple[str, Mapping[str, Any]]]
) -> Iterable[dict[str, Any]]:
    return (carry_over_answers(bank, answers) for _label, answers in units)


def curves(bank: QuestionBank) -> dict[str, tuple[list[int], list[float]]]:
    """The points each answer of each integer question earns, as the score counts them."""
    found = {}
    for question in bank.scored_questions():
        if isinstance(question, IntegerQuestion):
            table = bank.point_tables[question.key]
            found[question.key] = (
                [int(value) for value in table.values if isinstance(value, int)],
                [round(points, 2) for points in table.points],
            )
    return found


_QUESTION = re.compile(r"^question '([^']+)'")


def problems_by_card(problems: Iterable[str]) -> dict[str, list[str]]:
    """Publishing problems grouped by the question card they concern; the rest go on the
    model card (threshold and strength bands)."""
    cards: dict[str, list[str]] = {}
    for problem in problems:
        match = _QUESTION.match(problem)
        cards.setdefault(match.group(1) if match else MODEL_CARD, []).append(problem)
    return cards
