"""The reminder command sends exactly the due reminders, once, however often cron runs it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.models import Assessment
from tests.flow import submitted
from units.models import BusinessUnit, Organisation

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


def test_one_failing_unit_is_reported_and_never_stops_the_others(
    client, live_version, monkeypatch, caplog
):
    # Units go in primary-key order, so the failing one comes first.
    first = _unit_assessed(client, "!!! first", "first@example.com", days_ago=100)
    _unit_assessed(client, "Second", "second@example.com", days_ago=100)
    real_due = BusinessUnit.points

    def broken_for_first(unit):
        if unit.pk == first.pk:
            raise OverflowError("date value out of range")
        return real_due(unit)

    monkeypatch.setattr(BusinessUnit, "points", broken_for_first)
    with pytest.raises(CommandError, match=f"1 unit\\(s\\) failed.*{first.public_id}"):
        call_command("send_reassessment_reminders")
    assert [message.to for message in mail.outbox] == [["second@example.com"]]
    assert f"reminder for business unit {first.public_id} failed" in caplog.text
    monkeypatch.undo()
    call_command("send_reassessment_reminders")  # retried once the row is fixed
    assert [message.to for message in mail.outbox][-1] == ["first@example.com"]


def test_a_name_from_before_validation_never_breaks_the_subject(client, live_version):
    unit = _unit_assessed(client, "Ops", "ops@example.com", days_ago=100)
    BusinessUnit.objects.filter(pk=unit.pk).update(name="Ops\nBcc: victim@example.com")
    call_command("send_reassessment_reminders")
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert "Ops Bcc: victim@example.com" in message.subject
    assert message.to == ["ops@example.com"]


def test_a_failed_send_leaves_the_reminder_for_the_next_run(client, live_version, monkeypatch):
    from units.management.commands import send_reassessment_reminders as command

    _unit_assessed(client, "Due", "due@example.com", days_ago=100)
    monkeypatch.setattr(
        command, "_send_reminder", lambda *args: (_ for _ in ()).throw(OSError("smtp down"))
    )
    with pytest.raises(CommandError):
        call_command("send_reassessment_reminders")
    monkeypatch.undo()
    call_command("send_reassessment_reminders")
    assert len(mail.outbox) == 1
