"""Answers against a bank: cleaning what a CEO, the API or a file sends, and carrying
earlier answers over to a re-assessment. Pure Python, no Django."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .schema import AnswerValue, QuestionBank


class AnswersError(ValueError):
    """Answers that do not fit the bank; `errors` maps each question key to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


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


def answer_problems(bank: QuestionBank, raw: object) -> dict[str, str]:
    """What stands between these answers and a submit, by key; empty when they are ready."""
    try:
        parse_answers(bank, raw)
    except AnswersError as exc:
        return exc.errors
    return {}
