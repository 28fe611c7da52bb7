"""How a hire worked out, recorded at check-ins after a result. Check-ins add to the
history and never overwrite it; they belong to their assessment and go with it."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from rolefit.links import RevealableLink, RevealableLinkQuerySet, new_salt
from rolefit.validators import validate_plain_text, validate_single_line

from .backtest import Outcome as OutcomeFacts


class Outcome(models.Model):
    class CheckIn(models.TextChoices):
        SIX_MONTHS = "6m", _("Six months")
        TWELVE_MONTHS = "12m", _("Twelve months")
        ON_DEMAND = "any", _("On demand")

    class Hired(models.TextChoices):
        CRO = "CRO", _("A Chief Revenue Officer")
        CSO = "CSO", _("A Chief Sales Officer")
        OTHER = "other", _("Another title")
        NOBODY = "nobody", _("Nobody yet")

    class LeftBecause(models.TextChoices):
        PERFORMANCE = "performance", _("Results fell short")
        FIT = "fit", _("Poor fit with the team or the role")
        REORGANISATION = "reorganisation", _("The role changed or went")
        OFFER = "offer", _("Left for another offer")
        PERSONAL = "personal", _("Personal reasons")
        OTHER = "other", _("Another reason")

    class Revenue(models.TextChoices):
        WELL_BELOW = "well_below", _("Well below plan")
        BELOW = "below", _("Below plan")
        ON = "on", _("On plan")
        ABOVE = "above", _("Above plan")

    class Hindsight(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="outcomes")
    check_in = models.CharField(max_length=3, choices=CheckIn.choices, default=CheckIn.ON_DEMAND)
    recorded_at = models.DateTimeField(default=timezone.now)
    hired = models.CharField(_("role hired"), max_length=6, choices=Hired.choices)
    other_title = models.CharField(
        _("title"), max_length=80, blank=True, validators=[validate_single_line]
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    still_in_seat = models.BooleanField(_("still in the role"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_because = models.CharField(
        _("why they left"), max_length=20, choices=LeftBecause.choices, blank=True
    )
    left_detail = models.CharField(
        _("more on why"), max_length=500, blank=True, validators=[validate_plain_text]
    )
    revenue = models.CharField(
        _("revenue against plan since the hire"), max_length=10, choices=Revenue.choices, blank=True
    )
    fit_rating = models.PositiveSmallIntegerField(
        _("fit with the role, 1 to 5"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    hindsight = models.CharField(
        _("in hindsight, was the recommended role the right one?"),
        max_length=6,
        choices=Hindsight.choices,
        blank=True,
    )
    notes = models.TextField(
        _("notes"), max_length=2000, blank=True, validators=[validate_plain_text]
    )
    # The form's own id: posting the same form twice records one check-in.
    submission = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fit_rating__isnull=True)
                | models.Q(fit_rating__gte=1, fit_rating__lte=5),
                name="outcome_fit_from_1_to_5",
            )
        ]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return f"{self.assessment} · {self.get_hired_display()} · {self.recorded_at:%Y-%m-%d}"

    # What the backtest reads of a check-in, in this order (outcomes/evidence.py streams
    # them as values, not as model instances).
    FACT_FIELDS = (
        "hired",
        "started_on",
        "still_in_seat",
        "left_on",
        "revenue",
        "fit_rating",
        "hindsight",
        "assessment__recommendation",
    )

    def facts(self, today: date | None = None) -> OutcomeFacts:
        """What the backtest reads of this check-in."""
        return facts_of(
            self.hired,
            self.started_on,
            self.still_in_seat,
            self.left_on,
            self.revenue,
            self.fit_rating,
            self.hindsight,
            self.assessment.recommendation,
            today=today,
        )


def facts_of(
    hired: str,
    started_on: date | None,
    still_in_seat: bool | None,
    left_on: date | None,
    revenue: str,
    fit_rating: int | None,
    hindsight: str,
    recommended_then: str,
    *,
    today: date | None = None,
) -> OutcomeFacts:
    """A check-in as the backtest reads it: how long the person stayed (to the day they
    left, or to today) in months, and the rest as recorded."""
    months = None
    if started_on is not None:
        until = left_on if still_in_seat is False and left_on else today or timezone.localdate()
        months = (until - started_on).days / 30.44
    return OutcomeFacts(
        hired=hired,
        months_in_seat=months,
        still_in_seat=bool(still_in_seat),
        revenue=revenue or None,
        fit=fit_rating,
        hindsight=hindsight or None,
        recommended_then="CRO" if recommended_then == "CRO" else "CSO",
    )


class OutcomeLink(RevealableLink):
    """The private link where an assessment's check-ins are recorded: made from the owner
    page (and by the check-in invitations), one per assessment, revocable."""

    TOKEN_NAMESPACE = "rolefit.outcome"  # noqa: S105 (an HMAC namespace, not a secret)

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="outcome_link"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = RevealableLinkQuerySet["OutcomeLink"].as_manager()

    class Meta:
        verbose_name = _("outcome link")
        verbose_name_plural = _("outcome links")

    def __str__(self) -> str:
        return f"outcome link · {self.assessment}"

    @classmethod
    def of(cls, assessment: Assessment) -> OutcomeLink:
        """The assessment's usable link: made the first time, and made anew (a new token,
        the old one dead for good) when the owner asks again after stopping it."""
        link, _made = cls.objects.get_or_create(assessment=assessment)
        if link.revoked_at is not None:
            link.token_salt, link.token_digest, link.revoked_at = new_salt(), "", None
            link.save()
        return link


class CheckInInvitation(models.Model):
    """One invitation per assessment and check-in, so a cron that runs every hour never
    sends the same one twice."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="check_in_invitations"
    )
    check_in = models.CharField(max_length=3, choices=Outcome.CheckIn.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "check_in"], name="one_invitation_per_check_in"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.check_in}"
