"""integrations/delivery.py: signed, retried, logged, replayable, and never sent where
it must not go. A real receiver on 127.0.0.1 (RF_WEBHOOKS_ALLOW_PRIVATE on, for tests
only) and django-tasks' real database worker."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from integrations import delivery, endpoints
from integrations.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import COMPLEX_ANSWERS
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter

from .receiver import Reply, receiving

# The worker checks its connection as in production (close_old_connections), which
# would close a connection held open by a test transaction, so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)
EVENTS = [
    "engagement.created",
    "assessment.completed",
    "rating.submitted",
    "unit.flipped",
    "outcome.recorded",
]


@pytest.fixture
def firm(live_version, settings):
    settings.RF_WEBHOOKS_ALLOW_PRIVATE = True
    settings.RF_BASE_URL = "https://rolefit.example.com"
    return firm_of(recruiter("olga"))


def _run() -> None:
    call_command("deliver_webhooks", "--once")


def _due_now() -> None:
    """Bring every scheduled retry forward to now, as if time had passed."""
    past = timezone.now() - timedelta(seconds=1)
    WebhookDelivery.objects.update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


def _verify(endpoint: WebhookEndpoint, received) -> dict:
    headers = {key.lower(): value for key, value in received.headers.items()}
    return Webhook(endpoint.secret).verify(received.body, headers)


def test_a_completed_assessment_reaches_the_receiver_signed(firm):
    with receiving() as receiver:
        endpoint = endpoints.create(firm, receiver.url, EVENTS)
        engagement = engagement_for(firm.memberships.get().user, "Acme")
        ceo_answers_invite(engagement, COMPLEX_ANSWERS)
        _run()
    (received,) = receiver.received
    payload = _verify(endpoint, received)
    assert payload["type"] == "assessment.completed"
    assert payload["data"]["result"]["recommendation"] == "CRO"
    assert payload["data"]["engagement"]["client_company"] == "Acme"
    # The CEO's own links never travel in a webhook.
    for link in ("/o/", "/r/", "/a/", "/s/"):
        assert link not in received.body.decode()
    assert received.headers["webhook-id"].startswith("msg_")
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_tampered_body_or_a_wrong_secret_fails_verification(firm):
    with receiving() as receiver:
        endpoint = endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
    (received,) = receiver.received
    received.body = received.body.replace(b'"x"', b'"y"')
    with pytest.raises(WebhookVerificationError):
        _verify(endpoint, received)
    received.body = received.body.replace(b'"y"', b'"x"')
    headers = {key.lower(): value for key, value in received.headers.items()}
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoints.new_secret()).verify(received.body, headers)


def test_failures_are_retried_with_the_same_id_and_every_attempt_is_logged(firm):
    with receiving() as receiver:
        receiver.answers = [(500, 0), (503, 0), (302, 0)]  # a redirect is a failure too
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
        sent = WebhookDelivery.objects.get()
        assert (sent.status, sent.attempts) == ("pending", 1)
        assert sent.next_attempt_at > timezone.now() + timedelta(seconds=20)
        for _ in range(3):
            _due_now()
            _run()
    ids = {received.headers["webhook-id"] for received in receiver.received}
    assert len(receiver.received) == 4
    assert len(ids) == 1
    sent.refresh_from_db()
    assert (sent.status, sent.attempts) == ("delivered", 4)
    attempts = list(sent.attempt_log.order_by("at"))
    assert [attempt.status_code for attempt in attempts] == [500, 503, 302, 200]
    assert attempts[2].error == "a redirect, not followed"


def test_a_receiver_that_drips_its_answer_is_cut_off_at_the_deadline(firm, monkeypatch):
    """Each byte comes within the read timeout, so only a deadline on the whole exchange
    stops it holding the worker (and every other firm's webhooks)."""
    monkeypatch.setattr(delivery, "DEADLINE_SECONDS", 1.5)
    with receiving() as receiver:
        receiver.answers = [Reply(200, body=b"x" * 400, drip=0.2)]
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
    (attempt,) = WebhookDelivery.objects.get().attempt_log.all()
    assert attempt.error == "no complete answer within 1.5 s"
    assert attempt.latency_ms < 5000
    assert WebhookDelivery.objects.get().status == "pending"


def test_only_the_start_of_a_huge_answer_is_read(firm):
    with receiving() as receiver:
        receiver.answers = [Reply(200, body=b"\x00nul " + b"y" * 50_000_000)]
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
    (attempt,) = WebhookDelivery.objects.get().attempt_log.all()
    # PostgreSQL refuses NUL in text: it is dropped, and the excerpt is stored.
    assert attempt.response_excerpt.startswith("nul yyy")
    assert len(attempt.response_excerpt) <= delivery.EXCERPT
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_host_name_the_resolver_cannot_encode_is_a_logged_failure(firm):
    """An endpoint stored before the address rules tightened: the failure is in the log
    and retried, never a task that dies and leaves the delivery unlogged."""
    endpoint = WebhookEndpoint.objects.create(
        firm=firm, url="https://" + "a" * 64 + ".com/", events=EVENTS, secret=endpoints.new_secret()
    )
    with pytest.raises(delivery.RefusedAddress, match="does not resolve"):
        delivery._public_address("a" * 64 + ".com", 443)
    delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
    _run()
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    (attempt,) = sent.attempt_log.all()
    assert attempt.error
    assert (sent.status, sent.attempts) == ("pending", 1)


def test_a_switched_off_endpoints_deliveries_wait_without_being_requeued(firm):
    endpoint = endpoints.create(firm, "https://hooks.example.com/x", EVENTS)
    delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
    WebhookEndpoint.objects.update(disabled_at=timezone.now())
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    assert delivery.sweep() == 0
    endpoint.disabled_at = None
    endpoint.save()
    assert delivery.sweep() == 1


def test_a_slow_receiver_times_out_and_is_retried(firm, monkeypatch):
    monkeypatch.setattr(delivery, "TIMEOUT", 0.3)
    with receiving() as receiver:
        receiver.answers = [(200, 1.0)]
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
        (attempt,) = WebhookDelivery.objects.get().attempt_log.all()
        assert attempt.status_code is None
        assert "timed out" in attempt.error.lower()
        _due_now()
        _run()
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_replay_keeps_the_id(firm):
    with receiving() as receiver:
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
        delivery.replay(WebhookDelivery.objects.get())
        _run()
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]


def test_a_rotated_secret_signs_with_both_for_a_day(firm):
    with receiving() as receiver:
        endpoint = endpoints.create(firm, receiver.url, EVENTS)
        old = endpoint.secret
        endpoints.rotate_secret(endpoint)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        _run()
    (received,) = receiver.received
    headers = {key.lower(): value for key, value in received.headers.items()}
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(received.body, headers)
    Webhook(endpoint.secret).verify(received.body, headers)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://10.0.0.8/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://192.168.1.1/x",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(firm, settings, url):
    settings.RF_WEBHOOKS_ALLOW_PRIVATE = False
    endpoint = WebhookEndpoint.objects.create(
        firm=firm, url=url.replace("http://", "https://"), events=EVENTS, secret="whsec_" + "A" * 32
    )
    delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
    _run()
    (attempt,) = WebhookDelivery.objects.get(endpoint=endpoint).attempt_log.all()
    assert attempt.status_code is None
    # An address in the URL is refused as it stands; a name, once it resolves.
    assert "points to a private" in attempt.error or "not a public address" in attempt.error


def test_an_endpoint_that_fails_for_three_days_is_switched_off_and_its_owner_told(firm, mailoutbox):
    with receiving() as receiver:
        receiver.answers = [(500, 0)] * delivery.MAX_ATTEMPTS
        endpoint = endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        for _ in range(delivery.MAX_ATTEMPTS):
            _due_now()
            _run()
    assert len(receiver.received) == delivery.MAX_ATTEMPTS
    endpoint.refresh_from_db()
    assert endpoint.disabled_at is not None
    assert WebhookDelivery.objects.get().status == "failed"
    (email,) = mailoutbox
    assert endpoint.url in email.body


def test_the_schedule_spans_about_three_days():
    total = sum(delay.total_seconds() for delay in delivery.RETRY_DELAYS)
    assert 2.5 * 86400 < total < 3.5 * 86400


def test_a_delivery_left_by_a_stopped_worker_is_sent_by_the_next(firm):
    """A worker killed mid-send leaves its lease and its task behind; nothing is lost."""
    with receiving() as receiver:
        endpoints.create(firm, receiver.url, EVENTS)
        delivery.emit(firm.pk, "engagement.created", {"engagement": {"id": "x"}})
        # As a killed worker leaves it: the task taken, the lease set, nothing sent.
        DBTaskResult.objects.update(status="RUNNING")
        WebhookDelivery.objects.update(leased_until=timezone.now() + delivery.LEASE)
        _run()
        assert receiver.received == []
        WebhookDelivery.objects.update(
            leased_until=timezone.now() - timedelta(seconds=1),
            next_attempt_at=timezone.now() - timedelta(minutes=5),
        )
        _run()
    assert len(receiver.received) == 1
    assert json.loads(receiver.received[0].body)["type"] == "engagement.created"
