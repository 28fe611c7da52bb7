"""Invitations to record how the hire worked out, six and twelve months after a result.

Each assessment gets one email per check-in, whatever the cron frequency: the invitation
is claimed in the database in the same transaction that sends it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import Assessment
from rolefit.i18n import mail_in_both_languages

from .models import CheckInInvitation, Outcome, OutcomeLink

# Days after the result: six and twelve months, a little early rather than late.
CHECK_IN_AFTER_DAYS: dict[str, int] = {
    Outcome.CheckIn.SIX_MONTHS: 182,
    Outcome.CheckIn.TWELVE_MONTHS: 365,
}
# How long after the last check-in's day a result is still asked about.
LAST_INVITATION_WITHIN_DAYS = 90


def check_in_due(submitted_at: datetime | None, today: date) -> str:
    """The latest scheduled check-in whose day has come, or "on demand" before the first."""
    if submitted_at is None:
        return Outcome.CheckIn.ON_DEMAND
    age = (today - submitted_at.date()).days
    due = [check_in for check_in, days in CHECK_IN_AFTER_DAYS.items() if age >= days]
    return due[-1] if due else Outcome.CheckIn.ON_DEMAND


def addresses(assessment: Assessment) -> list[str]:
    """Who is invited: the unit's owner, and the recruiter when it is an engagement."""
    found = []
    if assessment.unit and assessment.unit.owner_email:
        found.append(assessment.unit.owner_email)
    if assessment.engagement and assessment.engagement.recruiter:
        found.append(assessment.engagement.recruiter.email)
    return list(dict.fromkeys(address for address in found if address))


def due_invitations(now: datetime, check_in: str) -> models.QuerySet[Assessment]:
    """Results this check-in is due for and not yet sent: the latest result of its unit
    or engagement, someone to write to, no stopped outcome link, and nothing recorded
    since the check-in's day."""
    days = CHECK_IN_AFTER_DAYS[check_in]
    later = [d for d in CHECK_IN_AFTER_DAYS.values() if d > days]
    # Only the latest due check-in is sent (a result first seen at 13 months gets the
    # 12-month invitation, not both), and the last one only for a while after its day:
    # results from years before these invitations existed are not asked about at all.
    until = min(later) if later else days + LAST_INVITATION_WITHIN_DAYS
    window = Q(submitted_at__lte=now - timedelta(days=days)) & Q(
        submitted_at__gt=now - timedelta(days=until)
    )
    has_address = Q(unit__owner_email__gt="") | Q(engagement__recruiter__email__gt="")
    # A unit re-assessed since, or an engagement's retake, is asked about once: for its
    # latest result, which is the decision the hire followed.
    newer = Assessment.objects.submitted().filter(submitted_at__gt=OuterRef("submitted_at"))
    superseded = Exists(newer.filter(unit=OuterRef("unit"))) | Exists(
        newer.filter(engagement=OuterRef("engagement"))
    )
    invited = CheckInInvitation.objects.filter(assessment=OuterRef("pk"), check_in=check_in)
    recorded_since = Outcome.objects.filter(
        assessment=OuterRef("pk"), recorded_at__gte=OuterRef("submitted_at") + timedelta(days)
    )
    stopped = OutcomeLink.objects.filter(assessment=OuterRef("pk"), revoked_at__isnull=False)
    return (
        Assessment.objects.submitted()
        .filter(window, has_address, demo=False)
        .exclude(Exists(invited) | Exists(recorded_since) | Exists(stopped) | superseded)
        .select_related("unit", "engagement__recruiter")
        .order_by("pk")
    )


def invite(
    assessment: Assessment, check_in: str, *, send: Callable[[Assessment, str, str], None]
) -> bool:
    """Claim this invitation, then send it: two overlapping runs cannot both send it, and
    a failed send gives the claim back for the next run. False if already claimed.

    The claim is committed before the mail server is called, so no write lock is held
    while it answers."""
    link, _made = OutcomeLink.objects.get_or_create(assessment=assessment)
    if link.revoked_at is not None:
        return False  # stopped since the run began: a stopped link stays stopped
    try:
        with transaction.atomic():
            claim = CheckInInvitation.objects.create(assessment=assessment, check_in=check_in)
    except IntegrityError:
        return False
    try:
        send(assessment, check_in, check_in_url(link))
    except Exception:
        claim.delete()
        raise
    return True


def check_in_url(link: OutcomeLink) -> str:
    return settings.RF_BASE_URL.rstrip("/") + reverse("outcomes-check-in", args=[link.token()])


def send_invitation(assessment: Assessment, check_in: str, link: str) -> None:
    # Names are single lines by validation; this holds for rows from before that too.
    unit = " ".join((assessment.business_unit or "RoleFit").split())
    months = CHECK_IN_AFTER_DAYS[check_in] // 30

    def subject() -> str:
        return _("RoleFit: how did the hire for %(unit)s work out?") % {"unit": unit}

    def body() -> str:
        return (
            _(
                "About %(months)s months ago RoleFit recommended a %(role)s for %(unit)s. "
                "Two minutes on what happened since (who was hired, whether they are still "
                "in the role, revenue against plan) adds to the evidence that tests the "
                "questionnaire. Each check-in is kept with the result, and deleted with it:"
            )
            % {"months": months, "role": assessment.recommendation, "unit": unit}
            + f"\n\n{link}\n"
        )

    # One email each: the owner and the recruiter do not see each other's address.
    for address in addresses(assessment):
        mail_in_both_languages(subject=subject, body=body, to=[address])
