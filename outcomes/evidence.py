"""The recorded outcomes as the backtest reads them: the latest check-in of each
assessment that has one, with the answers it was scored on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings

from assessments.bank.schema import AnswerValue

from .backtest import Outcome as OutcomeFacts
from .backtest import SuccessRule
from .models import Outcome


def success_rule() -> SuccessRule:
    """The deployment's definition of a hire that worked out (RF_OUTCOME_* settings)."""
    return SuccessRule(
        months_in_seat=settings.RF_OUTCOME_MONTHS_IN_SEAT,
        revenue_at_least=settings.RF_OUTCOME_REVENUE_AT_LEAST,
        fit_at_least=settings.RF_OUTCOME_FIT_AT_LEAST,
    )


def cases() -> Iterator[tuple[Mapping[str, AnswerValue], OutcomeFacts]]:
    """One case per assessment: its answers and its latest check-in, streamed."""
    latest: dict[int, Outcome] = {}
    found = Outcome.objects.select_related("assessment").only(
        *(field.name for field in Outcome._meta.concrete_fields),
        "assessment__answers",
        "assessment__recommendation",
    )
    for outcome in found.order_by("assessment_id", "recorded_at", "pk").iterator(chunk_size=2000):
        latest[outcome.assessment_id] = outcome
    for outcome in latest.values():
        answers: dict[str, Any] = outcome.assessment.answers
        yield answers, outcome.facts()
