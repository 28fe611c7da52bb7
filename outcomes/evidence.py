"""The recorded outcomes as the backtest reads them: the latest check-in of each
assessment that has one, with the answers it was scored on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.conf import settings
from django.utils import timezone

from assessments.bank.schema import AnswerValue

from .backtest import Outcome as OutcomeFacts
from .backtest import SuccessRule
from .models import Outcome, facts_of


def success_rule() -> SuccessRule:
    """The deployment's definition of a hire that worked out (RF_OUTCOME_* settings)."""
    return SuccessRule(
        months_in_seat=settings.RF_OUTCOME_MONTHS_IN_SEAT,
        revenue_at_least=settings.RF_OUTCOME_REVENUE_AT_LEAST,
        fit_at_least=settings.RF_OUTCOME_FIT_AT_LEAST,
    )


def cases() -> Iterator[tuple[Mapping[str, AnswerValue], OutcomeFacts]]:
    """One case per assessment: its answers and its latest check-in, streamed in
    assessment order as plain values, so memory stays flat however many there are."""
    rows = (
        Outcome.objects.order_by("assessment_id", "recorded_at", "pk")
        .values_list("assessment_id", "assessment__answers", *Outcome.FACT_FIELDS)
        .iterator(chunk_size=5000)
    )
    today = timezone.localdate()
    current: tuple[Any, ...] | None = None
    for row in rows:
        if current is not None and row[0] != current[0]:
            yield current[1], facts_of(*current[2:], today=today)
        current = row  # a later check-in of the same assessment replaces the earlier
    if current is not None:
        yield current[1], facts_of(*current[2:], today=today)
