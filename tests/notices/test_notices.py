"""notices/: who is told what, once, in their language, with links behind sign-in only;
and send_digests, the hourly job."""

import re
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from assessments.models import Assessment
from firms.models import Membership, Role
from leaders.models import Person
from notices.models import DigestSent, Notice, Preference
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from tests.flow import answer_all, submit
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter, signed_in
from units.models import BusinessUnit, Organisation

pytestmark = pytest.mark.django_db
# A capability link in any email would hand a CEO's result to whoever reads it.
CAPABILITY = re.compile(r"/(a|o|r|s|i|rate|org|plan|join)/[A-Za-z0-9_-]{20,}")


@pytest.fixture
def firm(live_version):
    lead = recruiter("lena")
    colleague = recruiter("carl", firm_of(lead), Role.RECRUITER)
    outsider = recruiter("otto")  # another firm
    return {"lead": lead, "colleague": colleague, "outsider": outsider}


def _to(mailoutbox, user):
    return [email for email in mailoutbox if email.to == [user.email]]


def test_a_client_submit_tells_the_lead_at_once_and_the_rest_in_the_digest(
    firm, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = engagement_for(firm["lead"], "Acme")
    with django_capture_on_commit_callbacks(execute=True):
        ceo_answers_invite(engagement, COMPLEX_ANSWERS)
    (email,) = _to(mailoutbox, firm["lead"])
    assert "The client in Acme submitted the questionnaire: CRO." in email.subject
    assert f"/recruiter/engagements/{engagement.public_id}/results/" in email.body
    assert not CAPABILITY.search(email.body)
    assert _to(mailoutbox, firm["colleague"]) == []
    waiting = Notice.objects.get(membership__user=firm["colleague"])
    assert (waiting.delivery, waiting.sent_at) == ("digest", None)
    assert not Notice.objects.filter(membership__user=firm["outsider"]).exists()


def test_a_replayed_event_is_told_once(firm, mailoutbox, django_capture_on_commit_callbacks):
    from notices import delivery, events

    engagement = engagement_for(firm["lead"], "Acme")
    with django_capture_on_commit_callbacks(execute=True):
        ceo_answers_invite(engagement)
        assessment = Assessment.objects.get()
        for _ in range(3):
            delivery.record(events.client_submitted(assessment))
    assert len(_to(mailoutbox, firm["lead"])) == 1
    assert Notice.objects.count() == 2  # one per member


def test_a_rating_is_news_the_first_time_only(firm, mailoutbox, django_capture_on_commit_callbacks):
    engagement = engagement_for(firm["lead"], "Acme")
    ceo_answers_invite(engagement)
    person = Person.objects.add(name="Ana", email="", kind="candidate", engagement=engagement)
    link = person.rater_links.get(kind="self")
    with django_capture_on_commit_callbacks(execute=True):
        link.save_ratings({"trait": 3})
        link.save_ratings({"trait": 4})
    emails = [email for email in _to(mailoutbox, firm["lead"]) if "rating" in email.subject]
    assert len(emails) == 1
    assert "A rating of Ana arrived in Acme." in emails[0].subject
    assert f"/people/{person.public_id}/" in emails[0].body


def test_notices_speak_the_members_language(firm, mailoutbox, django_capture_on_commit_callbacks):
    Membership.objects.filter(user=firm["lead"]).update(language="es")
    engagement = engagement_for(firm["lead"], "Acme")
    with django_capture_on_commit_callbacks(execute=True):
        ceo_answers_invite(engagement, COMPLEX_ANSWERS)
    (email,) = _to(mailoutbox, firm["lead"])
    assert "El cliente de Acme envió el cuestionario: CRO." in email.subject


def test_each_member_chooses_per_kind(firm, mailoutbox, django_capture_on_commit_callbacks):
    lead = signed_in(firm["lead"])
    choices = {"language": "en", "client_submitted": "never"}
    assert lead.post("/firm/notices/", choices).status_code == 302
    colleague = signed_in(firm["colleague"])
    colleague.post("/firm/notices/", {"language": "en", "client_submitted": "immediately"})
    engagement = engagement_for(firm["lead"], "Acme")
    with django_capture_on_commit_callbacks(execute=True):
        ceo_answers_invite(engagement)
    assert _to(mailoutbox, firm["lead"]) == []
    assert len(_to(mailoutbox, firm["colleague"])) == 1
    # Back to the default: no preference stored.
    lead.post("/firm/notices/", {"language": "en", "client_submitted": ""})
    assert not Preference.objects.filter(membership__user=firm["lead"]).exists()
    assert lead.post("/firm/notices/", {"language": "xx"}).status_code == 400


def test_the_digest_goes_once_a_day_whatever_the_schedule(firm, mailoutbox):
    engagement = engagement_for(firm["lead"], "Acme")
    ceo_answers_invite(engagement)
    call_command("send_digests", "--dry-run")
    assert _to(mailoutbox, firm["colleague"]) == []
    for _ in range(3):
        call_command("send_digests")
    (digest,) = _to(mailoutbox, firm["colleague"])
    assert "RoleFit: 1 update today" in digest.subject
    assert not CAPABILITY.search(digest.body)
    # A second event the same day waits for tomorrow's digest.
    ceo_answers_invite(engagement_for(firm["lead"], "Initech"))
    call_command("send_digests")
    assert len(_to(mailoutbox, firm["colleague"])) == 1
    DigestSent.objects.update(on=timezone.now().date() - timedelta(days=1))
    call_command("send_digests")
    assert len(_to(mailoutbox, firm["colleague"])) == 2


def test_a_failed_send_is_not_an_error_and_is_retried(
    firm, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = engagement_for(firm["lead"], "Acme")
    with (
        mock.patch("notices.delivery.send_mail", side_effect=SMTPException("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ceo_answers_invite(engagement)  # the CEO's submit still succeeds
    assert Notice.objects.get(membership__user=firm["lead"]).sent_at is None
    call_command("send_digests")
    assert len(_to(mailoutbox, firm["lead"])) == 1


def test_a_watched_unit_that_flips_or_falls_overdue_is_news(firm, mailoutbox):
    organisation = Organisation.objects.create(name="Globex", firm=firm_of(firm["lead"]))
    unit = BusinessUnit.objects.create(organisation=organisation, name="Nordics", cadence_days=30)
    for answers in (SIMPLE_ANSWERS, COMPLEX_ANSWERS):
        token = (
            signed_in(firm["lead"])
            .post(
                f"/recruiter/organisations/{organisation.public_id}/units/{unit.public_id}/assess/"
            )["Location"]
            .split("/")[2]
        )
        ceo = Client()
        answer_all(ceo, token, answers)
        submit(ceo, token)
    flipped = Notice.objects.filter(kind="unit_flipped")
    assert flipped.count() == 2  # one per member
    assert flipped.values_list("facts", flat=True)[0] == {
        "unit": "Nordics (Globex)",
        "before": "CSO",
        "after": "CRO",
    }
    Assessment.objects.update(submitted_at=timezone.now() - timedelta(days=45))
    call_command("send_digests")
    call_command("send_digests")
    assert Notice.objects.filter(kind="unit_overdue").count() == 2


def test_an_erased_result_leaves_no_notice(firm, mailoutbox):
    engagement = engagement_for(firm["lead"], "Acme")
    resume = ceo_answers_invite(engagement)
    assert Notice.objects.filter(kind="client_submitted").exists()
    from rolefit import tokens

    Client().post(f"/o/{tokens.owner_token(resume)}/delete/", {"confirm": "on"})
    assert not Notice.objects.exists()
    call_command("send_digests")
    assert _to(mailoutbox, firm["colleague"]) == []
