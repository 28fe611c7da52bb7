"""The daily tallies: built for each day that is over, the first time a figure needs it,
and built again after anything started that day changes. Today is always tallied live.

Building a day streams its assessments and their step timings, in primary-key order,
through insights/tally.py: one pass, a chunk at a time, so memory stays flat.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone

from assessments.bank.schema import QuestionBank
from assessments.models import Assessment, QuestionnaireVersion, StepTiming

from . import tally
from .models import Day, DayTally

CHUNK = 2000
Group = tuple[int, str, str, int | None]  # version, language, channel, recruiter


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def channel_of(engagement_id: int | None, unit_id: int | None) -> str:
    return "engagement" if engagement_id else "unit" if unit_id else "direct"


def tallies(assessments: QuerySet[Assessment]) -> dict[Group, dict[str, Any]]:
    """Tally these assessments, one tally per group."""
    return {group: counts for (_day, group), counts in _by_day(assessments).items()}


def _by_day(assessments: QuerySet[Assessment]) -> dict[tuple[date, Group], dict[str, Any]]:
    banks: dict[int, QuestionBank] = {}
    found: dict[tuple[date, Group], dict[str, Any]] = {}
    for group, row in _rows(assessments):
        version = group[0]
        if version not in banks:
            banks[version] = QuestionnaireVersion.objects.get(pk=version).parsed()
        key = (timezone.localdate(row.started), group)
        tally.add(found.setdefault(key, tally.new()), banks[version], row)
    return found


def _rows(assessments: QuerySet[Assessment]) -> Iterator[tuple[Group, tally.Row]]:
    ordered = assessments.order_by("pk")
    timings = (
        StepTiming.objects.filter(assessment__in=ordered.values("pk"))
        .order_by("assessment_id", "step")
        .values_list("assessment_id", "step", "shown_at", "saved_at")
        .iterator(chunk_size=CHUNK * 5)
    )
    pending = next(timings, None)
    for values in ordered.values_list(
        "pk",
        "questionnaire_id",
        "language",
        "engagement_id",
        "unit_id",
        "engagement__recruiter_id",
        "status",
        "answers",
        "recommendation",
        "strength",
        "complexity_score",
        "created_at",
        "submitted_at",
    ).iterator(chunk_size=CHUNK):
        (pk, version, language, engagement, unit, recruiter, status, answers) = values[:8]
        recommendation, strength, score, created, submitted_at = values[8:]
        steps: dict[int, tuple[datetime, datetime | None]] = {}
        # Both streams run in assessment order: take this one's timings as they come.
        while pending is not None and pending[0] <= pk:
            if pending[0] == pk:
                steps[pending[1]] = (pending[2], pending[3])
            pending = next(timings, None)
        group = (version, language, channel_of(engagement, unit), recruiter)
        yield (
            group,
            tally.Row(
                started=created,
                submitted=status == Assessment.Status.SUBMITTED,
                answers=answers,
                recommendation=recommendation,
                strength=strength,
                score=score,
                submitted_at=submitted_at,
                steps=steps,
            ),
        )


def build(days: set[date]) -> None:
    """Tally these days in one pass over their assessments, and keep the tallies."""
    if not days:
        return
    first, last = min(days), max(days)
    found = _by_day(
        Assessment.objects.filter(
            created_at__gte=start_of(first), created_at__lt=start_of(last + timedelta(days=1))
        )
    )
    built_at = timezone.now()
    with transaction.atomic():
        DayTally.objects.filter(day__in=days).delete()
        DayTally.objects.bulk_create(
            DayTally(
                day=day,
                version_id=version,
                language=language,
                channel=channel,
                recruiter_id=recruiter,
                tally=counts,
            )
            for (day, (version, language, channel, recruiter)), counts in found.items()
            if day in days
        )
        Day.objects.filter(day__in=days).delete()
        Day.objects.bulk_create(Day(day=day, built_at=built_at) for day in days)


def untallied() -> set[date]:
    """The days that are over and not tallied, or tallied before they last changed."""
    first = Assessment.objects.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return set()
    today = timezone.localdate()
    built = set(Day.objects.filter(built_at__isnull=False).values_list("day", flat=True))
    day, missing = timezone.localdate(first), set()
    while day < today:
        if day not in built:
            missing.add(day)
        day += timedelta(days=1)
    return missing


def waiting(days: set[date]) -> int:
    """How many assessments tallying these days would read."""
    if not days:
        return 0
    return Assessment.objects.filter(
        created_at__gte=start_of(min(days)), created_at__lt=start_of(max(days) + timedelta(days=1))
    ).count()


def refresh() -> int:
    """Tally every day that needs it; returns how many."""
    missing = untallied()
    build(missing)
    return len(missing)


_marked = threading.local()


def mark_changed(started: datetime) -> None:
    """Something started on this day changed: its tallies are built again when next read.
    The days are gathered and marked once the change commits, in one query: a purge
    deleting thousands of assessments marks a few days, not thousands of rows."""
    day = timezone.localdate(started)
    if day >= timezone.localdate():
        return
    days: set[date] | None = getattr(_marked, "days", None)
    if days is not None:
        days.add(day)
        return
    _marked.days = {day}
    # Outside a transaction this runs at once, which is why the day is in the set first.
    transaction.on_commit(_mark_gathered)


def _mark_gathered() -> None:
    days = getattr(_marked, "days", None) or set()
    _marked.days = None
    Day.objects.filter(day__in=days).update(built_at=None)
