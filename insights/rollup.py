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

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone

from assessments.bank.schema import QuestionBank
from assessments.models import Assessment, QuestionnaireVersion, StepTiming

from . import tally
from .models import Day, DayTally

CHUNK = 2000
ONE_DAY = timedelta(days=1)
BUILD_LOCK, BUILD_LOCK_SECONDS = "insights:building", 30 * 60
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


def _in_days(days: set[date]) -> Q:
    """Assessments started on these days: one range when they run on (a first build),
    else each day on its own, so two scattered days never read the year between."""
    first, last = min(days), max(days)
    if (last - first).days + 1 == len(days):
        return Q(created_at__gte=start_of(first), created_at__lt=start_of(last + ONE_DAY))
    condition = Q()
    for day in days:
        condition |= Q(created_at__gte=start_of(day), created_at__lt=start_of(day + ONE_DAY))
    return condition


def build(days: set[date]) -> None:
    """Tally these days in one pass over their assessments, and keep the tallies."""
    if not days:
        return
    Day.objects.bulk_create([Day(day=day) for day in days], ignore_conflicts=True)
    # The change counts as they stand before reading: a change after this point leaves
    # the day's count ahead of what the build records, so the day is built again.
    read = dict(Day.objects.filter(day__in=days).values_list("day", "changes"))
    found = _by_day(Assessment.objects.filter(_in_days(days)))
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
        for day, changes in read.items():
            Day.objects.filter(day=day).update(built_from=changes, built_at=built_at)


def untallied() -> set[date]:
    """The days that are over and not tallied, or changed since they were."""
    first = Assessment.objects.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return set()
    today = timezone.localdate()
    current = set(Day.objects.filter(built_from=F("changes")).values_list("day", flat=True))
    day, missing = timezone.localdate(first), set()
    while day < today:
        if day not in current:
            missing.add(day)
        day += ONE_DAY
    return missing


def waiting(days: set[date]) -> int:
    """How many assessments tallying these days would read."""
    return Assessment.objects.filter(_in_days(days)).count() if days else 0


def refresh(missing: set[date] | None = None) -> int:
    """Tally every day that needs it (`missing`, when the caller has just looked);
    returns how many. One process builds at a time (a lock in the shared cache): another
    that finds it taken leaves the work to it."""
    missing = untallied() if missing is None else missing
    if not missing or not cache.add(BUILD_LOCK, "building", timeout=BUILD_LOCK_SECONDS):
        return 0
    try:
        build(missing)
    finally:
        cache.delete(BUILD_LOCK)
    return len(missing)


_pending = threading.local()


def mark_changed(started: datetime) -> None:
    """Something started on this day changed: its tallies are built again when next read.
    The days are gathered per transaction and counted once it commits, in one query, so a
    purge deleting thousands marks a few days. A transaction that rolls back takes its
    gathered days with it, as it should: the next one starts a fresh set."""
    day = timezone.localdate(started)
    if day >= timezone.localdate():
        return
    gathered: _Gathered | None = getattr(_pending, "gathered", None)
    if gathered is not None and gathered.waiting():
        gathered.days.add(day)
        return
    gathered = _pending.gathered = _Gathered({day})
    # Outside a transaction this runs at once, which is why the day is in the set first.
    transaction.on_commit(gathered)


class _Gathered:
    def __init__(self, days: set[date]) -> None:
        self.days = days
        self.done = False

    def waiting(self) -> bool:
        """Still to run after the current transaction. Django drops the callbacks of a
        transaction that rolls back, so a set left from one is never added to."""
        connection = transaction.get_connection()
        return not self.done and any(
            callback is self for _savepoints, callback, _robust in connection.run_on_commit
        )

    def __call__(self) -> None:
        self.done = True
        Day.objects.filter(day__in=self.days).update(changes=F("changes") + 1)
