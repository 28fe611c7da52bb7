"""Getting notices out: record an event for each member who wants it, send the
immediate ones as soon as the event's transaction commits, and send each member's
daily digest from the hourly job. Email is the one channel today; another (a webhook,
chat) would add a sender here and touch nothing else.

A notice is claimed (its sent_at set) in a short transaction before the send, and the
claim is released if the send fails, so the hourly job retries it; no database lock is
held while a mail server is slow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .events import Event
from .models import Delivery, DigestSent, Notice
from .recipients import deliveries
from .rendering import digest, one

logger = logging.getLogger(__name__)


def record(event: Event | None) -> None:
    if event is None:
        return
    Notice.objects.bulk_create(
        [
            Notice(
                membership=membership,
                kind=event.kind,
                event_key=event.key,
                delivery=delivery,
                facts=event.facts,
                path=event.path,
            )
            for membership, delivery in deliveries(event)
        ],
        ignore_conflicts=True,  # seen before: each member is told once
    )
    transaction.on_commit(lambda: send_immediate(event_key=event.key))


def send_immediate(event_key: str | None = None) -> int:
    """Send the immediate notices not sent yet (of one event, or all). Returns how many."""
    pending = Notice.objects.filter(delivery=Delivery.IMMEDIATELY, sent_at=None)
    if event_key is not None:
        pending = pending.filter(event_key=event_key)
    sent = 0
    for notice in pending.select_related("membership__user"):
        if _claim([notice.pk]):
            subject, body = one(notice, notice.membership.language)
            sent += _send_or_release([notice.pk], notice.membership.user.email, subject, body)
    return sent


def send_digests(today: date, *, dry_run: bool = False, say: Callable[[str], None]) -> int:
    """Each member with digest notices waiting gets one email today, at most."""
    waiting = Notice.objects.filter(delivery=Delivery.DIGEST, sent_at=None)
    member_ids = waiting.values_list("membership_id", flat=True).distinct()
    sent = 0
    for member_id in sorted(set(member_ids)):
        notices = list(waiting.filter(membership_id=member_id).select_related("membership__user"))
        if not notices:
            continue  # another run took them a moment ago
        membership = notices[0].membership
        if dry_run:
            say(f"would send {len(notices)} update(s) to {membership.user.email}")
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(membership=membership, on=today)
        except IntegrityError:
            continue  # had today's digest; these wait for tomorrow's
        pks = [notice.pk for notice in notices]
        subject, body = digest(notices, membership.language)
        if _claim(pks) and _send_or_release(pks, membership.user.email, subject, body):
            sent += 1
        else:
            DigestSent.objects.filter(membership=membership, on=today).delete()
    return sent


def _claim(pks: list[int]) -> bool:
    with transaction.atomic():
        claimed = Notice.objects.filter(pk__in=pks, sent_at=None).update(sent_at=timezone.now())
        if claimed != len(pks):
            transaction.set_rollback(True)  # another run took some: leave them all to it
            return False
    return True


def _send_or_release(pks: list[int], address: str, subject: str, body: str) -> int:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except (SMTPException, OSError):
        logger.exception("a notice could not be emailed; the next run retries it")
        Notice.objects.filter(pk__in=pks).update(sent_at=None)
        return 0
    return 1
