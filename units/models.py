from __future__ import annotations

import uuid
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_single_line

from .watch import Point

QUARTER_DAYS = 91
# From weekly to every two years: anything longer is no cadence, and a huge number would
# push the next due date past the calendar's end.
MIN_CADENCE_DAYS = 7
MAX_CADENCE_DAYS = 730


class Organisation(RevealableLink):
    """A company's business units. Tracked by a recruiting firm, or owned by a CEO who
    holds the organisation's owner link."""

    TOKEN_NAMESPACE = "rolefit.organisation"  # noqa: S105 (an HMAC namespace, not a secret)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("organisation"), max_length=120, validators=[validate_single_line])
    firm = models.ForeignKey(
        "firms.Firm",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RevealableLinkQuerySet["Organisation"].as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class BusinessUnit(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("business unit"), max_length=120, validators=[validate_single_line])
    owner_email = models.EmailField(_("owner's email"), blank=True)
    cadence_days = models.PositiveIntegerField(
        _("re-assess every (days)"),
        default=QUARTER_DAYS,
        validators=[MinValueValidator(MIN_CADENCE_DAYS), MaxValueValidator(MAX_CADENCE_DAYS)],
        help_text=_("Quarterly by default. Reminders go to the owner's email when it is due."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cadence_days__gte=MIN_CADENCE_DAYS)
                & models.Q(cadence_days__lte=MAX_CADENCE_DAYS),
                name="cadence_within_bounds",
            )
        ]
        verbose_name = _("business unit")
        verbose_name_plural = _("business units")

    def __str__(self) -> str:
        return self.name

    def points(self) -> list[Point]:
        """Submitted assessments, oldest first, as the watch list reads them."""
        rows = (
            self.assessments.filter(status="submitted")
            .order_by("submitted_at")
            .values_list(
                "submitted_at",
                "complexity_score",
                "recommendation",
                "result_snapshot__en__threshold",
                "questionnaire__version",
            )
        )
        return [
            Point(on.date(), float(score), recommendation, float(threshold), version)
            for on, score, recommendation, threshold, version in rows
            if on is not None and score is not None  # a submitted row always has both
        ]

    def created_on(self) -> date:
        return self.created_at.date()


class ReminderSent(models.Model):
    """One reminder per unit per due date, so an hourly cron never repeats itself."""

    unit = models.ForeignKey(BusinessUnit, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "due_on"], name="one_reminder_per_due_date")
        ]

    def __str__(self) -> str:
        return f"{self.unit} due {self.due_on}"
