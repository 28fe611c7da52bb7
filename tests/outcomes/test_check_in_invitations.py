"""outcomes/invitations.py and `send_outcome_check_ins`: the 6- and 12-month invitations
go once per assessment and check-in however often cron runs, to the owner and, for an
engagement, the recruiter, and never after the owner stopped the link or already said."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from assessments.models import Assessment
from outcomes import invitations
from outcomes.management.commands import send_outcome_check_ins
from outcomes.models import CheckInInvitation, Outcome, OutcomeLink
from tests.flow import submitted
from tests.recruiting import ceo_answers_invite, engagement_for, recruiter
from units.models import BusinessUnit, Organisation

pytestmark = pytest.mark.django_db


def _result(client, email: str, days_ago: int) -> Assessment:
    organisation = Organisation.objects.first() or Organisation.objects.create(name="Acme")
    unit = BusinessUnit.objects.create(organisation=organisation, name=email, owner_email=email)
    submitted(client)
    assessment = Assessment.objects.latest("pk")
    when = timezone.now() - timedelta(days=days_ago)
    Assessment.objects.filter(pk=assessment.pk).update(
        unit=unit, submitted_at=when, created_at=when, business_unit=f"Unit of {email}"
    )
    return Assessment.objects.get(pk=assessment.pk)


def _cron(times: int = 3) -> None:
    for _ in range(times):
        call_command("send_outcome_check_ins")


def test_each_due_check_in_is_sent_once_however_often_cron_runs(client, live_version, settings):
    settings.RF_BASE_URL = "https://rolefit.example.com"
    _result(client, "six@example.com", days_ago=200)
    _result(client, "twelve@example.com", days_ago=400)
    _result(client, "fresh@example.com", days_ago=30)
    _cron()
    assert sorted(m.to[0] for m in mail.outbox) == ["six@example.com", "twelve@example.com"]
    kinds = dict(CheckInInvitation.objects.values_list("assessment__unit__owner_email", "check_in"))
    assert kinds == {"six@example.com": "6m", "twelve@example.com": "12m"}, "only the latest"
    message = next(m for m in mail.outbox if m.to == ["six@example.com"])
    assert "how did the hire for Unit of six@example.com work out? / RoleFit:" in message.subject
    link = re.search(r"https://rolefit\.example\.com(/outcome/[A-Za-z0-9_-]+/)", str(message.body))
    assert link
    assert client.get(link.group(1)).status_code == 200
    assert message.body.count(link.group(0)) == 2, "the same link in both languages"


def test_the_twelve_month_check_in_follows_the_six_month_one(client, live_version):
    assessment = _result(client, "owner@example.com", days_ago=200)
    _cron()
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - timedelta(days=370)
    )
    _cron()
    assert len(mail.outbox) == 2
    assert set(CheckInInvitation.objects.values_list("check_in", flat=True)) == {"6m", "12m"}


def test_the_recruiter_of_an_engagement_is_invited_too(client, live_version):
    olga = recruiter("olga")
    ceo_answers_invite(engagement_for(olga))
    assessment = Assessment.objects.get()
    organisation = Organisation.objects.create(name="Acme")
    unit = BusinessUnit.objects.create(
        organisation=organisation, name="EMEA", owner_email="ceo@x.io"
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        unit=unit, submitted_at=timezone.now() - timedelta(days=190)
    )
    _cron()
    assert [m.to for m in mail.outbox] == [["ceo@x.io"], ["olga@example.com"]], "one each"


def test_nobody_is_asked_again_after_answering_or_stopping_the_link(client, live_version):
    answered = _result(client, "answered@example.com", days_ago=200)
    Outcome.objects.create(assessment=answered, hired="CRO", recorded_at=timezone.now())
    stopped = _result(client, "stopped@example.com", days_ago=200)
    OutcomeLink.objects.filter(pk=OutcomeLink.of(stopped).pk).update(revoked_at=timezone.now())
    _result(client, "", days_ago=200)  # nobody to write to
    early = _result(client, "early@example.com", days_ago=200)
    assert early.submitted_at
    Outcome.objects.create(
        assessment=early, hired="CRO", recorded_at=early.submitted_at + timedelta(days=20)
    )
    _cron()
    assert [m.to for m in mail.outbox] == [["early@example.com"]], "an early answer is not this"


def test_a_dry_run_sends_and_claims_nothing(client, live_version, capsys):
    _result(client, "due@example.com", days_ago=200)
    call_command("send_outcome_check_ins", "--dry-run")
    assert "would invite due@example.com: 6m check-in" in capsys.readouterr().out
    assert not mail.outbox
    assert not CheckInInvitation.objects.exists()


def test_a_failed_send_is_reported_and_retried_on_the_next_run(client, live_version, monkeypatch):
    _result(client, "first@example.com", days_ago=200)
    _result(client, "second@example.com", days_ago=200)
    real_send = invitations.send_invitation

    def failing_for_first(assessment, check_in, link):
        if assessment.unit.owner_email == "first@example.com":
            raise OSError("connection refused")
        real_send(assessment, check_in, link)

    monkeypatch.setattr(invitations, "send_invitation", failing_for_first)
    # The command's own name for it, bound when the module was imported (above, so that
    # the name holds the real one, whichever test runs first).
    monkeypatch.setattr(send_outcome_check_ins, "send_invitation", failing_for_first)
    with pytest.raises(CommandError, match="1 invitation"):
        call_command("send_outcome_check_ins")
    assert [m.to for m in mail.outbox] == [["second@example.com"]]
    assert CheckInInvitation.objects.count() == 1, "the failed one was not claimed"
    monkeypatch.undo()
    _cron()
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "second@example.com"]


def test_invitations_go_with_their_assessment(client, live_version):
    assessment = _result(client, "gone@example.com", days_ago=200)
    _cron(1)
    assessment.delete()
    assert not CheckInInvitation.objects.exists()


def test_a_link_stopped_during_a_run_is_not_brought_back(client, live_version):
    assessment = _result(client, "owner@example.com", days_ago=200)
    due = list(invitations.due_invitations(timezone.now(), "6m"))
    OutcomeLink.objects.filter(pk=OutcomeLink.of(assessment).pk).update(revoked_at=timezone.now())
    assert not invitations.invite(due[0], "6m", send=invitations.send_invitation)
    assert not mail.outbox
    assert OutcomeLink.objects.get().revoked_at is not None


def test_only_the_latest_result_of_a_unit_is_asked_about(client, live_version):
    older = _result(client, "owner@example.com", days_ago=300)
    newer = _result(client, "owner@example.com", days_ago=200)
    Assessment.objects.filter(pk=newer.pk).update(unit=older.unit)
    _cron()
    assert list(CheckInInvitation.objects.values_list("assessment", flat=True)) == [newer.pk]


def test_results_from_long_before_are_not_asked_about(client, live_version):
    _result(client, "ancient@example.com", days_ago=365 + 91)
    _result(client, "recent@example.com", days_ago=365 + 89)
    _cron()
    assert [m.to for m in mail.outbox] == [["recent@example.com"]]
