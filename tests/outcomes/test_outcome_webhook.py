"""integrations/receivers.py on_outcome_recorded: a check-in on an engagement's result is
announced to the firm's webhooks as `outcome.recorded`, with the facts and never the
owner's free text; a check-in outside an engagement announces nothing."""

import uuid

import pytest
from django.utils import timezone

from assessments.models import Assessment
from integrations import endpoints
from integrations.models import WebhookDelivery
from outcomes.models import OutcomeLink
from tests.flow import submitted
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter

pytestmark = pytest.mark.django_db

CHECK_IN = {
    "hired": "CSO",
    "still_in_seat": "false",
    "left_because": "fit",
    "left_detail": "Private reason",
    "revenue": "below",
    "fit_rating": "2",
    "hindsight": "no",
    "notes": "Private note",
}


def _record(client, assessment: Assessment) -> None:
    today = timezone.localdate().isoformat()
    data = {**CHECK_IN, "started_on": today, "left_on": today, "submission": str(uuid.uuid4())}
    response = client.post(f"/outcome/{OutcomeLink.of(assessment).token()}/", data)
    assert response.status_code == 302


def test_an_engagements_check_in_reaches_the_firms_webhooks_without_free_text(
    client, live_version, settings
):
    settings.RF_WEBHOOKS_ALLOW_PRIVATE = True
    olga = recruiter("olga")
    endpoints.create(firm_of(olga), "https://hooks.example.com/in", ["outcome.recorded"])
    ceo_answers_invite(engagement_for(olga, "Acme"))
    _record(client, Assessment.objects.get())
    delivery = WebhookDelivery.objects.get()
    assert delivery.event_type == "outcome.recorded"
    data = delivery.payload["data"]
    assert data["engagement"]["client_company"] == "Acme"
    assert data["outcome"]["hired"] == "CSO"
    assert data["outcome"]["left_because"] == "fit"
    assert "Private" not in str(delivery.payload)


def test_a_check_in_outside_an_engagement_announces_nothing(client, live_version):
    submitted(client)
    _record(client, Assessment.objects.get())
    assert not WebhookDelivery.objects.exists()
