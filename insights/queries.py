"""The Insights figures, counted by the database: the funnel, answer distributions and
the score distribution are GROUP BY queries, never rows loaded into Python. Only the
decision figures score in Python (insights/figures.py), over a stream of answers."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
)
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast, Floor, TruncMonth
from django.utils import timezone

from assessments.bank.schema import ChoiceQuestion, IntegerQuestion, QuestionBank
from assessments.models import Assessment, QuestionnaireVersion, StepTiming

from . import figures

Channel = Literal["direct", "engagement", "unit"]
CHANNELS: tuple[Channel, ...] = ("direct", "engagement", "unit")
SCORE_BIN = 5
NEAR_THRESHOLD = 5.0
DECISION_CHUNK = 2000


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
            found = found.filter(created_at__gte=_start_of(self.since))
        if self.until:
            found = found.filter(created_at__lt=_start_of(self.until + timedelta(days=1)))
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


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def everything(filters: Filters) -> dict[str, Any]:
    bank = filters.version.parsed()
    return {
        "version": filters.version.version,
        "funnel": funnel(filters, bank),
        "time_to_complete": time_to_complete(filters),
        "questions": questions(filters, bank),
        "scores": scores(filters, bank),
    }


def funnel(filters: Filters, bank: QuestionBank) -> list[dict[str, Any]]:
    """Started, each step saved, reviewed, submitted: of the drafts that went through the
    questionnaire (an assessment sent whole through the API has no steps to drop off
    from, and drafts from before timings were recorded have none either)."""
    walked = filters.assessments().filter(step_timings__step=1)
    timings = StepTiming.objects.filter(assessment__in=walked)
    steps = len(bank.sections)
    saved = dict(
        timings.filter(saved_at__isnull=False)
        .values_list("step")
        .annotate(count=Count("id"))
        .values_list("step", "count")
    )
    reviewed = timings.filter(step=steps + 1).count()
    stages: list[tuple[str, int, QuerySet[StepTiming] | None]] = [
        ("started", walked.count(), None),
        *(
            (f"step_{number}", saved.get(number, 0), timings.filter(step=number))
            for number in range(1, steps + 1)
        ),
        ("reviewed", reviewed, None),
        ("submitted", walked.filter(status=Assessment.Status.SUBMITTED).count(), None),
    ]
    started = stages[0][1]
    found = []
    previous = started
    for stage, count, step_timings in stages:
        entry: dict[str, Any] = {
            "stage": stage,
            "count": count,
            "share": _share(count, started),
            "drop_off": previous - count,
        }
        if step_timings is not None:
            entry.update(_seconds(_durations(step_timings.filter(saved_at__isnull=False))))
        found.append(entry)
        previous = count
    return found


def time_to_complete(filters: Filters) -> dict[str, float | None]:
    done = filters.results().filter(step_timings__step=1, submitted_at__isnull=False)
    return _seconds(
        done.annotate(
            took=ExpressionWrapper(
                F("submitted_at") - F("created_at"), output_field=DurationField()
            )
        )
        .order_by("took")
        .values_list("took", flat=True)
    )


def _durations(step_timings: QuerySet[StepTiming]) -> QuerySet[Any]:
    return (
        step_timings.annotate(
            took=ExpressionWrapper(F("saved_at") - F("shown_at"), output_field=DurationField())
        )
        .order_by("took")
        .values_list("took", flat=True)
    )


def _seconds(ordered: QuerySet[Any]) -> dict[str, float | None]:
    """The median and 90th percentile (nearest rank) of durations already ordered in the
    database: one count, then one row fetched for each."""
    count = ordered.count()

    def at(share: float) -> float | None:
        if not count:
            return None
        rank = max(1, math.ceil(share * count))
        took: timedelta = ordered[rank - 1]
        return round(took.total_seconds(), 1)

    return {"median_seconds": at(0.5), "p90_seconds": at(0.9)}


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def questions(filters: Filters, bank: QuestionBank) -> list[dict[str, Any]]:
    results = filters.results()
    total = results.count()
    decided = {
        figure.key: figure
        for figure in figures.decisions(
            bank, results.values_list("answers", flat=True).iterator(chunk_size=DECISION_CHUNK)
        ).questions
    }
    found = []
    for question in bank.scored_questions():
        counts = answer_counts(results, question.key)
        answered = sum(counts.values())
        decision = decided.get(question.key)
        found.append(
            {
                "key": question.key,
                "answered": answered,
                "skipped": total - answered,
                "distribution": distribution(question, counts),
                "by_recommendation": {
                    role: distribution(
                        question, answer_counts(results.filter(recommendation=role), question.key)
                    )
                    for role in ("CRO", "CSO")
                },
                "mean_lean": decision.mean_lean if decision else 0.0,
                "lean_share": decision.lean_share if decision else 0.0,
                "correlation": decision.correlation if decision else None,
                "flip_share_if_dropped": decision.flip_share_if_dropped if decision else 0.0,
                "uninformative": figures.uninformative(counts) if counts else False,
                "decisive": decision.decisive if decision else False,
            }
        )
    return found


def answer_counts(results: QuerySet[Assessment], key: str) -> dict[Any, int]:
    """How many results gave each answer to `key` (skipped ones left out), grouped by the
    database on the JSON value itself."""
    rows = (
        results.annotate(answer=KeyTransform(key, "answers"))
        .exclude(answer=None)
        .values("answer")
        .annotate(count=Count("id"))
        .values_list("answer", "count")
    )
    return dict(rows)


def distribution(
    question: IntegerQuestion | ChoiceQuestion, counts: dict[Any, int]
) -> list[dict[str, Any]]:
    answered = sum(counts.values())
    if isinstance(question, IntegerQuestion):
        bins = figures.histogram(question, counts)
        return [{**row, "share": _share(row["count"], answered)} for row in bins]
    return [
        {
            "value": value,
            "count": counts.get(value, 0),
            "share": _share(counts.get(value, 0), answered),
        }
        for value in question.values()
    ]


def scores(filters: Filters, bank: QuestionBank) -> dict[str, Any]:
    results = filters.results()
    total = results.count()
    bins = dict(
        results.annotate(bin=Floor(Cast("complexity_score", FloatField()) / SCORE_BIN))
        .values("bin")
        .annotate(count=Count("id"))
        .values_list("bin", "count")
    )
    # A score of exactly 100 belongs to the last bin, not one of its own.
    last = 100 // SCORE_BIN - 1
    histogram = [
        {"from": start * SCORE_BIN, "to": (start + 1) * SCORE_BIN, "count": 0}
        for start in range(last + 1)
    ]
    for start, count in bins.items():
        histogram[min(int(start), last)]["count"] += count
    strengths = dict(
        results.values("strength").annotate(count=Count("id")).values_list("strength", "count")
    )
    near = Q(
        complexity_score__gte=bank.threshold - NEAR_THRESHOLD,
        complexity_score__lte=bank.threshold + NEAR_THRESHOLD,
    )
    monthly = (
        results.annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(
            count=Count("id"),
            near=Count("id", filter=near),
            cro=Count("id", filter=Q(recommendation="CRO")),
        )
        .order_by("month")
    )
    return {
        "threshold": bank.threshold,
        "histogram": histogram,
        "strengths": {
            band.key: _share(strengths.get(band.key, 0), total) for band in bank.strength_bands
        },
        "borderline_share": _share(strengths.get("borderline", 0), total),
        "cro_share": _share(results.filter(recommendation="CRO").count(), total),
        "monthly": [
            {
                "month": row["month"].strftime("%Y-%m"),
                "results": row["count"],
                "near_threshold_share": _share(row["near"], row["count"]),
                "cro_share": _share(row["cro"], row["count"]),
            }
            for row in monthly
            if row["month"] is not None
        ],
    }
