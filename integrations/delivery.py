"""Webhook delivery: an outbox in the database, sent by django-tasks' database worker.

`emit` writes one delivery per subscribed endpoint, and its task, inside the event's own
transaction: if the event is stored, so is everything needed to tell its receivers, and
nothing is lost when a process dies. The task claims its delivery with a short lease,
signs it (Standard Webhooks, via the `standardwebhooks` package), sends it without
following redirects to an address checked after DNS, records the attempt, and on
failure enqueues itself again with exponential backoff and jitter, for about three
days. `sweep` re-enqueues deliveries whose worker died mid-send. Retries and replays
keep the delivery's `webhook-id`, so receivers can drop repeats.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import random
import socket
import threading
import time
import unicodedata
import uuid
from datetime import timedelta
from smtplib import SMTPException
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import urllib3
import urllib3.connection
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task
from standardwebhooks.webhooks import Webhook

from firms.models import Role

from .endpoints import is_public, url_problem
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# Between attempts: 30 s, 2 min, 10 min, 30 min, then hours doubling to a day: twelve
# attempts over about three days. Each delay varies by a fifth either way (jitter), so
# endpoints that failed together are not all retried in the same second.
RETRY_DELAYS = [
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    *(timedelta(hours=hours) for hours in (1, 2, 4, 8, 12, 24, 24)),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
LEASE = timedelta(seconds=settings.RF_WEBHOOK_LEASE_SECONDS)
TIMEOUT = 5.0  # seconds to connect, and between any two pieces of the answer
DEADLINE_SECONDS = 10  # the whole exchange; keep RF_WEBHOOK_LEASE_SECONDS well above it
EXCERPT = 500


def emit(firm_id: int, event_type: str, data: dict[str, Any]) -> int:
    """Queue `event_type` for every live endpoint of the firm that asked for it, in the
    caller's transaction. Returns how many deliveries were queued."""
    endpoints = WebhookEndpoint.objects.filter(firm_id=firm_id, disabled_at=None)
    payload = {"type": event_type, "timestamp": timezone.now().isoformat(), "data": data}
    queued = 0
    for endpoint in endpoints:
        if event_type not in endpoint.events:
            continue
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            webhook_id=f"msg_{uuid.uuid4().hex}",
            event_type=event_type,
            payload=payload,
        )
        deliver.enqueue(delivery.pk)
        queued += 1
    return queued


@task(queue_name="webhooks")
def deliver(delivery_pk: int) -> str:
    """One attempt at one delivery; a failure schedules the next."""
    now = timezone.now()
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_pk, status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(leased_until=None) | Q(leased_until__lt=now))
        .update(leased_until=now + LEASE)
    )
    if not claimed:
        return "not due, or taken by another worker"
    delivery = WebhookDelivery.objects.select_related("endpoint__firm").get(pk=delivery_pk)
    if delivery.endpoint.disabled_at is not None:
        WebhookDelivery.objects.filter(pk=delivery_pk).update(leased_until=None)
        return "endpoint disabled"
    attempt = send(delivery)
    attempt.save()
    if attempt.succeeded:
        WebhookDelivery.objects.filter(pk=delivery_pk).update(
            status=WebhookDelivery.Status.DELIVERED,
            delivered_at=timezone.now(),
            attempts=delivery.attempts + 1,
            leased_until=None,
        )
        return "delivered"
    return _after_failure(delivery)


def _after_failure(delivery: WebhookDelivery) -> str:
    attempts = delivery.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.FAILED, attempts=attempts, leased_until=None
        )
        _disable(delivery.endpoint)
        return "failed for good; endpoint disabled"
    delay = RETRY_DELAYS[attempts - 1] * random.uniform(0.8, 1.2)  # noqa: S311 (jitter, not secrecy)
    next_attempt = timezone.now() + delay
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            attempts=attempts, next_attempt_at=next_attempt, leased_until=None
        )
        deliver.using(run_after=next_attempt).enqueue(delivery.pk)
    return f"failed; next attempt at {next_attempt.isoformat()}"


def send(delivery: WebhookDelivery) -> WebhookAttempt:
    """Sign and POST one delivery, and say how it went (not saved yet)."""
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
    sent_at = timezone.now()
    signatures = " ".join(
        Webhook(secret).sign(delivery.webhook_id, sent_at, body)
        for secret in endpoint.signing_secrets()
    )
    headers = {
        "content-type": "application/json",
        "user-agent": "RoleFit-Webhooks/1",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signatures,
    }
    attempt = WebhookAttempt(delivery=delivery, at=sent_at)
    started = time.monotonic()
    try:
        answer = _post(endpoint.url, body.encode(), headers)
    except RefusedAddress as exc:
        attempt.error = _loggable(str(exc))
    except NoAnswerInTime:
        attempt.error = f"no complete answer within {DEADLINE_SECONDS} s"
    # A receiver or resolver can fail in many ways: each is an attempt in the log and a
    # retry, never a task that dies and leaves the delivery unlogged.
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        attempt.error = _loggable(f"{type(exc).__name__}: {exc}")
    else:
        attempt.status_code = answer.status
        attempt.response_excerpt = _loggable(answer.excerpt.decode("utf-8", "replace"), EXCERPT)
        if 300 <= answer.status < 400:
            attempt.error = "a redirect, not followed"
    attempt.latency_ms = int((time.monotonic() - started) * 1000)
    return attempt


def _loggable(text: str, limit: int = 300) -> str:
    # PostgreSQL refuses NUL in text; other control characters only garble the log.
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return kept[:limit]


class RefusedAddress(ValueError):
    """The endpoint resolves where webhooks may not go (a private network, say)."""


class NoAnswerInTime(Exception):
    """The receiver took longer than DEADLINE_SECONDS over the whole exchange."""


class Answer(NamedTuple):
    status: int
    excerpt: bytes


def _post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST to the address the host resolves to now, checked first, and connect to that
    very address (no second lookup a DNS rebinding could answer differently). Redirects
    are never followed, at most EXCERPT bytes of the answer are read, and the whole
    exchange has a deadline: a receiver that drips a byte every few seconds would pass
    every per-read timeout and hold the worker, and every other firm's webhooks, for ever."""
    problem = url_problem(url)
    if problem:
        raise RefusedAddress(f"the URL {problem}")
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _public_address(host, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection: urllib3.connection.HTTPConnection
    if parts.scheme == "https":
        connection = urllib3.connection.HTTPSConnection(
            address, port, timeout=TIMEOUT, server_hostname=host, assert_hostname=host
        )
    else:
        connection = urllib3.connection.HTTPConnection(address, port, timeout=TIMEOUT)
    expired = threading.Event()
    # http.client lets go of the socket once the answer starts (it belongs to the
    # response then), so the watchdog keeps its own hold on it.
    held: list[socket.socket] = []

    def cut_off() -> None:
        expired.set()
        for sock in [connection.sock, *held]:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    watchdog = threading.Timer(DEADLINE_SECONDS, cut_off)
    watchdog.start()
    try:
        connection.connect()
        held.append(connection.sock)
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                **headers,
                "host": parts.netloc.rsplit("@", 1)[-1],
                "accept-encoding": "identity",
            },
            preload_content=False,
            decode_content=False,
        )
        response = connection.getresponse()
        excerpt = response.read(EXCERPT)
    except (urllib3.exceptions.HTTPError, OSError, ValueError):
        if expired.is_set():
            raise NoAnswerInTime from None
        raise
    finally:
        watchdog.cancel()
        connection.close()
    if expired.is_set():  # the cut can also look like an answer that simply ended
        raise NoAnswerInTime
    return Answer(response.status, excerpt)


def _public_address(host: str, port: int) -> str:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedAddress(f"the host {host} does not resolve ({exc})") from None
    addresses = [str(info[4][0]) for info in found]
    if not settings.RF_WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public(ipaddress.ip_address(address.split("%", 1)[0])):
                raise RefusedAddress(f"{host} resolves to {address}, which is not a public address")
    return addresses[0]


def sweep() -> int:
    """Re-enqueue deliveries that are due but have no worker on them: a worker killed
    mid-send, or a task lost. The lease makes a spare task harmless."""
    now = timezone.now()
    # Due for longer than a lease: any live worker would have claimed it by now.
    # A switched-off endpoint's deliveries wait, unsent, until an owner switches it on.
    stuck = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING,
        next_attempt_at__lte=now - LEASE,
        endpoint__disabled_at=None,
    ).filter(Q(leased_until=None) | Q(leased_until__lt=now))
    count = 0
    for pk in stuck.values_list("pk", flat=True):
        deliver.enqueue(pk)
        count += 1
    return count


def replay(delivery: WebhookDelivery) -> None:
    """Send a delivery again, with the same webhook-id, as a fresh round of attempts."""
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=WebhookDelivery.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            leased_until=None,
        )
        deliver.enqueue(delivery.pk)


def _disable(endpoint: WebhookEndpoint) -> None:
    """An endpoint that failed a delivery for three days is switched off, and the firm's
    owners are told in their language."""
    if WebhookEndpoint.objects.filter(pk=endpoint.pk, disabled_at=None).update(
        disabled_at=timezone.now()
    ):
        for owner in endpoint.firm.memberships.filter(role=Role.OWNER).select_related("user"):
            if owner.user.email:
                _tell_owner(endpoint, owner.user.email, owner.language)


def _tell_owner(endpoint: WebhookEndpoint, address: str, language: str) -> None:
    with override(language):
        subject = _("RoleFit: a webhook endpoint was switched off")
        body = _(
            "Deliveries to %(url)s kept failing for three days, so RoleFit stopped sending "
            "to it. The delivery log on your firm's integrations page shows each attempt; "
            "switch it back on there once it answers again."
        ) % {"url": endpoint.url}
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except (SMTPException, OSError):
        logger.exception("the owner could not be told that an endpoint was switched off")
