"""privacy/retention.py and `purge_expired`: each kind of record goes just after its
period and not before, a draft saved again stays, results stay unless the operator asks
otherwise, --dry-run changes nothing, and a second run finds nothing to do."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from assessments import result_cache
from assessments.models import Assessment
from privacy.retention import purge
from sharing.models import AccessEvent, ShareLink
from tests.flow import answer_all, result_path, start, submitted
from units.models import BusinessUnit, Organisation, ReminderSent

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _purge(**options):
    return purge(now=NOW, warn=lambda assessment: None, **options)


def _age(model, pk, **fields):
    model.objects.filter(pk=pk).update(**fields)


def _just(days, *, after=True):
    """A moment one second past a period of `days`, or one second short of it."""
    return NOW - timedelta(days=days, seconds=1 if after else -1)


def test_a_draft_goes_after_90_days_without_a_save_and_not_before(client, live_version):
    old, fresh = start(client), start(client)
    first, second = Assessment.objects.order_by("pk").values_list("pk", flat=True)
    _age(Assessment, first, updated_at=_just(90))
    _age(Assessment, second, updated_at=_just(90, after=False))
    assert _purge().removed["unfinished drafts"] == 1
    assert list(Assessment.objects.values_list("pk", flat=True)) == [second]
    assert client.get(f"/a/{old}/").status_code == 404
    assert client.get(f"/a/{fresh}/").status_code == 302


def test_a_draft_saved_again_is_kept(client, live_version):
    token = start(client)
    Assessment.objects.update(updated_at=_just(120))
    answer_all(client, token)  # saving a step refreshes it
    assert _purge().removed["unfinished drafts"] == 0
    assert Assessment.objects.count() == 1


def test_submitted_results_are_never_purged_by_default(client, live_version):
    submitted(client)
    Assessment.objects.update(submitted_at=_just(3000), updated_at=_just(3000))
    assert sum(_purge().removed.values()) == 0
    assert Assessment.objects.count() == 1


def test_share_link_views_and_dead_links_go_after_their_periods(client, live_version):
    submitted(client)
    assessment = Assessment.objects.get()
    live, _ = ShareLink.create(assessment=assessment, label="Board")
    revoked, _ = ShareLink.create(assessment=assessment, label="Old")
    expired, _ = ShareLink.create(assessment=assessment, label="Expired", expires_in_days=1)
    recently_revoked, _ = ShareLink.create(assessment=assessment, label="Recent")
    _age(ShareLink, revoked.pk, revoked_at=_just(30))
    _age(ShareLink, expired.pk, expires_at=_just(30))
    _age(ShareLink, recently_revoked.pk, revoked_at=_just(30, after=False))
    old_view = AccessEvent.objects.create(assessment=assessment, share_link=live, kind="share_view")
    new_view = AccessEvent.objects.create(assessment=assessment, share_link=live, kind="share_view")
    _age(AccessEvent, old_view.pk, at=_just(180))
    _age(AccessEvent, new_view.pk, at=_just(180, after=False))

    report = _purge()

    assert report.removed["share-link views"] == 1
    assert report.removed["expired or revoked share links"] == 2
    assert set(ShareLink.objects.values_list("label", flat=True)) == {"Board", "Recent"}
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [new_view.pk]


def test_reminder_records_and_sign_in_records_go_after_their_periods(live_version):
    unit = BusinessUnit.objects.create(
        organisation=Organisation.objects.create(name="Acme"), name="EMEA"
    )
    old = ReminderSent.objects.create(unit=unit, due_on=NOW.date() - timedelta(days=500))
    ReminderSent.objects.create(unit=unit, due_on=NOW.date())
    _age(ReminderSent, old.pk, sent_at=_just(400))
    attempt = AccessAttempt.objects.create(
        username="alice", ip_address="10.0.0.1", user_agent="x", failures_since_start=1
    )
    _age(AccessAttempt, attempt.pk, attempt_time=_just(30))
    report = _purge()
    assert report.removed["sent-reminder records"] == 1
    assert report.removed["sign-in attempts and lockouts"] == 1
    assert ReminderSent.objects.count() == 1


def test_dry_run_changes_nothing_and_a_second_run_finds_nothing(client, live_version, capsys):
    start(client)
    Assessment.objects.update(updated_at=_just(200))
    call_command("purge_expired", "--dry-run")
    assert "would remove 1 unfinished drafts" in capsys.readouterr().out
    assert Assessment.objects.count() == 1
    call_command("purge_expired")
    assert "removed 1 unfinished drafts" in capsys.readouterr().out
    call_command("purge_expired")
    out = capsys.readouterr().out
    assert "removed 0 unfinished drafts" in out
    assert "longest transaction" in out


def test_optional_result_retention_warns_first_then_removes_and_forgets(
    client, live_version, settings
):
    settings.RF_RESULT_RETENTION_DAYS = 365
    settings.RF_RESULT_RETENTION_WARNING_DAYS = 14
    token = submitted(client)
    assert client.get(result_path(token)).status_code == 200  # cached now
    assessment = Assessment.objects.get()
    unit = BusinessUnit.objects.create(
        organisation=Organisation.objects.create(name="Acme"),
        name="EMEA",
        owner_email="ceo@example.com",
    )
    Assessment.objects.update(unit=unit, last_opened_at=_just(365))

    call_command("purge_expired")
    assert [message.to for message in mail.outbox] == [["ceo@example.com"]]
    assert Assessment.objects.filter(retention_warned_at__isnull=False).count() == 1
    call_command("purge_expired")  # an hour later: no second warning, nothing removed yet
    assert len(mail.outbox) == 1
    assert Assessment.objects.count() == 1

    Assessment.objects.update(retention_warned_at=_just(14))
    assert _purge().removed["results nobody opened"] == 1
    assert not Assessment.objects.exists()
    assert cache.get(result_cache.page_key(assessment.result_token_digest, "en")) == (
        result_cache.GONE
    )
    assert client.get(result_path(token)).status_code == 404


def test_opening_a_result_cancels_its_warning(client, live_version, settings):
    settings.RF_RESULT_RETENTION_DAYS = 365
    token = submitted(client)
    Assessment.objects.update(last_opened_at=_just(400), retention_warned_at=_just(20))
    client.get(result_path(token))
    assessment = Assessment.objects.get()
    assert assessment.retention_warned_at is None
    assert _purge().removed["results nobody opened"] == 0


def test_a_colleague_who_never_submits_goes_with_the_drafts_and_one_who_did_stays(
    client, live_version
):
    from teams.models import Respondent, Team

    submitted(client)
    team = Team.of(Assessment.objects.get())
    idle, done, recent = (team.invite(role_label=role) for role in ("idle", "done", "recent"))
    done.submit(name="")
    _age(Respondent, idle.pk, updated_at=_just(90))
    _age(Respondent, done.pk, updated_at=_just(90))
    _age(Respondent, recent.pk, updated_at=_just(90, after=False))
    assert _purge().removed["colleagues' unfinished answers"] == 1
    assert set(Respondent.objects.values_list("role_label", flat=True)) == {"done", "recent"}


def test_recording_a_check_in_counts_as_opening_the_result(client, live_version):
    import uuid

    from outcomes.models import OutcomeLink

    submitted(client)
    assessment = Assessment.objects.get()
    _age(Assessment, assessment.pk, last_opened_at=_just(400))
    link = OutcomeLink.of(assessment)
    client.post(
        f"/outcome/{link.token()}/",
        {"hired": "CRO", "submission": str(uuid.uuid4())},
    )
    opened = Assessment.objects.get().last_opened_at
    assert opened is not None
    assert opened > NOW - timedelta(minutes=5)


@pytest.mark.django_db(transaction=True)  # two connections, each with its own transaction
def test_a_draft_being_saved_is_left_for_the_next_run(client, live_version):
    # privacy/retention.py locks each batch first and skips rows a request holds: a step
    # save (the draft, then its timing) and the purge's delete (the timings, then the
    # draft) took them in opposite orders, and PostgreSQL ended one with a deadlock.
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        # SQLite queues writers, so neither can wait on the other; and the tests'
        # SQLite database lives in memory, where a second connection cannot hold a lock.
        pytest.skip("run by the PostgreSQL pass of .ci/run")
    saving, idle = start(client), start(client)
    Assessment.objects.update(updated_at=_just(90))
    being_saved = Assessment.objects.by_resume_token(saving)
    assert being_saved is not None
    locked, release = threading.Event(), threading.Event()

    def save_slowly() -> None:
        try:
            with transaction.atomic():
                Assessment.objects.select_for_update().filter(pk=being_saved.pk).exists()
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    saver = threading.Thread(target=save_slowly)
    saver.start()
    assert locked.wait(timeout=10)
    try:
        assert _purge().removed["unfinished drafts"] == 1  # not waiting for the save
    finally:
        release.set()
        saver.join(timeout=30)
    assert Assessment.objects.by_resume_token(idle) is None
    assert Assessment.objects.by_resume_token(saving) is not None
    assert _purge().removed["unfinished drafts"] == 1  # the next run takes it
