"""How long each kind of record is kept, and the purge that removes what is past it.

Each kind is a query for the rows past their period. The purge deletes them in small
batches, each in its own short transaction, so a large table never holds the site's
write lock for long, and it is idempotent: a second run finds nothing left to do.
Submitted results are kept until their owner deletes them, unless the operator turns
on RF_RESULT_RETENTION_DAYS.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from smtplib import SMTPException

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce

from assessments.models import Assessment
from recruiters.models import Engagement
from sharing.models import AccessEvent, ShareLink
from teams.models import Respondent
from units.models import ReminderSent

BATCH = 500
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    # What is cached of a row goes with it (assessments/receivers.py, sharing/receivers.py).
    expired: Callable[[datetime], models.QuerySet]


def _days(setting: str) -> timedelta:
    return timedelta(days=getattr(settings, setting))


def _stale_results(now: datetime) -> models.QuerySet[Assessment]:
    """Results nobody has opened for RF_RESULT_RETENTION_DAYS (never, when it is 0)."""
    days = settings.RF_RESULT_RETENTION_DAYS
    if not days:
        return Assessment.objects.none()
    return (
        Assessment.objects.submitted()
        .annotate(seen=Coalesce("last_opened_at", "submitted_at"))
        .filter(seen__lt=now - timedelta(days=days))
    )


def _results_past_warning(now: datetime) -> models.QuerySet[Assessment]:
    """Stale results whose owner was warned long enough ago, or cannot be warned."""
    warned_long_ago = Q(retention_warned_at__lt=now - _days("RF_RESULT_RETENTION_WARNING_DAYS"))
    return _stale_results(now).filter(warned_long_ago | ~_has_address())


def _has_address() -> Q:
    return Q(unit__owner_email__gt="") | Q(engagement__recruiter__email__gt="")


def kinds() -> list[Kind]:
    return [
        Kind(
            "unfinished drafts",
            Assessment,
            lambda now: Assessment.objects.filter(
                status=Assessment.Status.IN_PROGRESS,
                updated_at__lt=now - _days("RF_DRAFT_RETENTION_DAYS"),
            ),
        ),
        Kind(
            "colleagues' unfinished answers",
            Respondent,
            lambda now: Respondent.objects.filter(
                submitted_at__isnull=True,
                updated_at__lt=now - _days("RF_DRAFT_RETENTION_DAYS"),
            ),
        ),
        Kind(
            "share-link views",
            AccessEvent,
            lambda now: AccessEvent.objects.filter(
                at__lt=now - _days("RF_ACCESS_EVENT_RETENTION_DAYS")
            ),
        ),
        Kind(
            "expired or revoked share links",
            ShareLink,
            lambda now: ShareLink.objects.filter(
                Q(revoked_at__lt=now - _days("RF_DEAD_LINK_RETENTION_DAYS"))
                | Q(expires_at__lt=now - _days("RF_DEAD_LINK_RETENTION_DAYS"))
            ),
        ),
        Kind(
            "sent-reminder records",
            ReminderSent,
            lambda now: ReminderSent.objects.filter(
                sent_at__lt=now - _days("RF_REMINDER_RETENTION_DAYS")
            ),
        ),
        Kind(
            "expired sign-in sessions",
            Session,
            lambda now: Session.objects.filter(expire_date__lt=now),
        ),
        Kind(
            "sign-in attempts and lockouts",
            AccessAttempt,
            lambda now: AccessAttempt.objects.filter(
                attempt_time__lt=now - _days("RF_SIGN_IN_RECORD_RETENTION_DAYS")
            ),
        ),
        Kind(
            "sign-in records",
            AccessLog,
            lambda now: AccessLog.objects.filter(
                attempt_time__lt=now - _days("RF_SIGN_IN_RECORD_RETENTION_DAYS")
            ),
        ),
        Kind("results nobody opened", Assessment, _results_past_warning),
    ]


@dataclass
class Report:
    removed: dict[str, int] = field(default_factory=dict)
    warned: int = 0
    longest_transaction: float = 0.0


def purge(*, now: datetime, dry_run: bool = False, warn: Callable[[Assessment], None]) -> Report:
    """Remove every record past its period (or count them, with dry_run), and warn the
    owners of results that will go once the warning period has passed."""
    report = Report()
    engagements: set[int] = set()
    for kind in kinds():
        if dry_run:
            report.removed[kind.name] = kind.expired(now).count()
            continue
        removed = 0
        for pks, seconds in _batches(kind, now, engagements):
            removed += len(pks)
            report.longest_transaction = max(report.longest_transaction, seconds)
        report.removed[kind.name] = removed
    report.warned = _warn_owners(now, dry_run=dry_run, warn=warn)
    # An engagement whose draft or result went may have nothing in progress any more.
    for engagement in Engagement.objects.filter(pk__in=engagements):
        engagement.refresh_status()
    return report


def _batches(kind: Kind, now: datetime, engagements: set[int]) -> Iterator[tuple[list[int], float]]:
    while True:
        started = time.perf_counter()
        with transaction.atomic():
            # The batch's rows are locked first, and those a request is writing right now
            # are left for the next run: a CEO's step save (the draft, then its timing)
            # and the delete (the timings, then the draft) would otherwise take the same
            # rows in opposite orders, and PostgreSQL ended one of them with a deadlock.
            # Locked, a row cannot be saved between being chosen here and its delete.
            batch = kind.expired(now).select_for_update(of=("self",), skip_locked=True)
            pks = list(batch.values_list("pk", flat=True)[:BATCH])
            if not pks:
                return
            if kind.model is Assessment:
                engagements.update(
                    Assessment.objects.filter(pk__in=pks, engagement__isnull=False).values_list(
                        "engagement_id", flat=True
                    )
                )
            kind.model._default_manager.filter(pk__in=pks).delete()
        yield pks, time.perf_counter() - started


def _warn_owners(now: datetime, *, dry_run: bool, warn: Callable[[Assessment], None]) -> int:
    due = (
        _stale_results(now)
        .filter(_has_address(), retention_warned_at__isnull=True)
        .select_related("unit", "engagement__recruiter")
    )
    if dry_run:
        return due.count()
    warned = 0
    for assessment in due.iterator():
        # Recorded with the send, so a failed send is retried on the next run and none
        # is sent twice; one failure never stops the others.
        try:
            with transaction.atomic():
                claimed = Assessment.objects.filter(
                    pk=assessment.pk, retention_warned_at__isnull=True
                ).update(retention_warned_at=now)
                if claimed:
                    warn(assessment)
                    warned += 1
        except (SMTPException, OSError):
            logger.exception("retention warning for %s could not be sent", assessment.public_id)
    return warned


def periods() -> dict[str, int]:
    """The retention periods in force, in days, for the privacy page and the README."""
    return {
        "drafts": settings.RF_DRAFT_RETENTION_DAYS,
        "access_events": settings.RF_ACCESS_EVENT_RETENTION_DAYS,
        "dead_links": settings.RF_DEAD_LINK_RETENTION_DAYS,
        "reminders": settings.RF_REMINDER_RETENTION_DAYS,
        "sign_in_records": settings.RF_SIGN_IN_RECORD_RETENTION_DAYS,
        "results": settings.RF_RESULT_RETENTION_DAYS,
        "result_warning": settings.RF_RESULT_RETENTION_WARNING_DAYS,
    }
