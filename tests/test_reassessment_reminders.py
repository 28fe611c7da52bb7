"""The reminder command sends exactly the due reminders, once, however often cron runs it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Assessment
from units.models import BusinessUnit, Organisation

from .flow import submitted

pytestmark = pytest.mark.django_db


def _unit_assessed(client, name, email, days_ago):
    organisation = Organisation.objects.first() or Organisation.objects.create(name="Acme")
    unit = BusinessUnit.objects.create(organisation=organisation, name=name, owner_email=email)
    submitted(client)
    assessment = Assessment.objects.latest("created_at")
    Assessment.objects.filter(pk=assessment.pk).update(
        unit=unit, submitted_at=timezone.now() - timedelta(days=days_ago)
    )
    return unit


def test_only_due_units_are_reminded_and_only_once(client, live_version, capsys):
    _unit_assessed(client, "Due", "due@example.com", days_ago=100)
    _unit_assessed(client, "Fresh", "fresh@example.com", days_ago=10)
    _unit_assessed(client, "No email", "", days_ago=200)
    call_command("send_reassessment_reminders", "--dry-run")
    assert "would email due@example.com" in capsys.readouterr().out
    assert not mail.outbox
    for _ in range(3):  # cron, every hour
        call_command("send_reassessment_reminders")
    assert [message.to for message in mail.outbox] == [["due@example.com"]]
    assert "/units/" in mail.outbox[0].body
    assert "re-assess Due / RoleFit: es hora de reevaluar Due" in mail.outbox[0].subject
