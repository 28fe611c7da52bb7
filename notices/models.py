"""What a firm's members are told, and how they asked to be told it.

A notice is one event for one member. Its key is unique per member, so however often an
event is seen (a replayed submit, the hourly job finding the same overdue unit), a
member is told once."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Membership


class Kind(models.TextChoices):
    CLIENT_SUBMITTED = "client_submitted", _("A client submits the questionnaire")
    RATING_SUBMITTED = "rating_submitted", _("A rater submits a rating")
    UNIT_FLIPPED = "unit_flipped", _("A watched unit’s recommendation flips")
    UNIT_OVERDUE = "unit_overdue", _("A watched unit is overdue for re-assessment")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DIGEST = "digest", _("In a daily digest")
    NEVER = "never", _("Never")


class Preference(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.membership} · {self.kind} · {self.delivery}"


class Notice(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    event_key = models.CharField(max_length=120)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)
    # What the email says, as plain facts (names, calls, dates): rendered in the member's
    # language when it is sent.
    facts = models.JSONField(default=dict)
    path = models.CharField(max_length=300)  # a page behind sign-in, never a capability link
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "event_key"], name="one_notice_per_event")
        ]
        indexes = [models.Index(fields=["sent_at", "delivery"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.membership}"


class DigestSent(models.Model):
    """One digest per member per day, however often the job runs."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "on"], name="one_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"digest for {self.membership} on {self.on}"
