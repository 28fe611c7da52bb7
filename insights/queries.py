"""The Insights figures for a set of filters: the stored daily tallies of the days that
are over (insights/rollup.py), added to a live tally of today, summarised by
insights/tally.py. A year of a million assessments is a few hundred small rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from assessments.models import Assessment, QuestionnaireVersion

from . import rollup, tally
from .models import DayTally

Channel = Literal["direct", "engagement", "unit"]
CHANNELS: tuple[Channel, ...] = ("direct", "engagement", "unit")
CACHED_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Filters:
    """Which assessments count: those of one questionnaire version started in a date
    range (both ends included), optionally in one language, through one channel, or
    in one recruiter's engagements."""

    version: QuestionnaireVersion
    since: date | None = None
    until: date | None = None
    language: str | None = None
    channel: Channel | None = None
    recruiter_id: int | None = None

    def assessments(self) -> QuerySet[Assessment]:
        found = Assessment.objects.filter(questionnaire=self.version)
        if self.since:
            found = found.filter(created_at__gte=rollup.start_of(self.since))
        if self.until:
            found = found.filter(created_at__lt=rollup.start_of(self.until + timedelta(days=1)))
        if self.language:
            found = found.filter(language=self.language)
        if self.channel == "direct":
            found = found.filter(engagement=None, unit=None)
        elif self.channel == "engagement":
            found = found.filter(engagement__isnull=False)
        elif self.channel == "unit":
            found = found.filter(unit__isnull=False)
        if self.recruiter_id is not None:
            found = found.filter(engagement__recruiter_id=self.recruiter_id)
        return found

    def results(self) -> QuerySet[Assessment]:
        return self.assessments().filter(status=Assessment.Status.SUBMITTED)

    def day_tallies(self) -> QuerySet[DayTally]:
        found = DayTally.objects.filter(version=self.version)
        if self.since:
            found = found.filter(day__gte=self.since)
        if self.until:
            found = found.filter(day__lte=self.until)
        if self.language:
            found = found.filter(language=self.language)
        if self.channel:
            found = found.filter(channel=self.channel)
        if self.recruiter_id is not None:
            found = found.filter(recruiter_id=self.recruiter_id)
        return found


def everything(filters: Filters, untallied: set[date] | None = None) -> dict[str, Any]:
    rollup.refresh(untallied)
    today = timezone.localdate()
    parts = [_past(filters)]
    if filters.until is None or filters.until >= today:
        live = filters.assessments().filter(created_at__gte=rollup.start_of(today))
        parts.extend(rollup.tallies(live).values())
    summary = tally.summarise(filters.version.parsed(), tally.merge(parts))
    return {"version": filters.version.version, **summary}


def _past(filters: Filters) -> dict[str, Any]:
    """The kept tallies these filters select, added up. The sum is cached in the shared
    cache under the state of every kept tally (a rebuilt day gets new rows, so new ids):
    it is computed again exactly when a tally changes, and a page over a year of a
    million results reads one entry instead of adding up a few hundred tallies."""
    state = DayTally.objects.aggregate(newest=Max("id"), count=Count("id"))
    chosen = (filters.since, filters.until, filters.language, filters.channel)
    named = repr((chosen, filters.recruiter_id, filters.version.pk, state))
    key = "insights:" + hashlib.sha256(named.encode()).hexdigest()
    summed: dict[str, Any] | None = cache.get(key)
    if summed is None:
        summed = tally.merge(
            filters.day_tallies().values_list("tally", flat=True).iterator(chunk_size=500)
        )
        cache.set(key, summed, timeout=CACHED_SECONDS)
    return summed
