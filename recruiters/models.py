from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.reports import Branding
from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_plain_text, validate_single_line


class EngagementQuerySet(RevealableLinkQuerySet["Engagement"]):
    def visible_to(self, user: User) -> EngagementQuerySet:
        """The engagements of the user's firm, whatever their role; none for anyone else."""
        return self.filter(firm__memberships__user_id=user.pk)


class Engagement(RevealableLink):
    """A firm's search for one client, led by one of its recruiters: the CEO answers
    through the invite link, which the firm can be shown again at any time."""

    TOKEN_NAMESPACE = "rolefit.invite"  # noqa: S105 (an HMAC namespace, not a secret)

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="engagements")
    # The lead: a deleted account leaves the engagement with the firm, unled.
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="engagements",
        verbose_name=_("lead recruiter"),
    )
    client_company = models.CharField(
        _("client company"), max_length=120, validators=[validate_single_line]
    )
    business_unit = models.CharField(
        _("business unit"), max_length=120, blank=True, validators=[validate_single_line]
    )
    report_note = models.TextField(
        _("note to the client"),
        max_length=1000,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Printed at the top of the PDF report, under the firm's name."),
    )
    # Kept in step with the engagement's assessments so the dashboard can sort and filter
    # in the database.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED)
    recommendation = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["firm", "status"]),
            # The dashboard's default order: a page of a firm's newest engagements is read
            # in order from the index instead of sorting all of the firm's.
            models.Index(fields=["firm", "-created_at"]),
        ]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")

    def __str__(self) -> str:
        unit = f" · {self.business_unit}" if self.business_unit else ""
        return f"{self.client_company}{unit}"

    def get_absolute_url(self) -> str:
        return reverse("recruiters-engagement", args=[self.public_id])

    def branding(self) -> Branding:
        """The firm's name and logo, the lead's name and the note, for the PDF report."""
        lead = self.recruiter
        return Branding(
            firm=self.firm.name,
            recruiter=(lead.get_full_name() or lead.get_username()) if lead else "",
            note=self.report_note,
            logo=self.firm.logo_data_uri(),
        )

    def refresh_status(self) -> None:
        """Recompute status and recommendation from the engagement's assessments."""
        submitted = self.assessments.filter(status="submitted").order_by("-submitted_at").first()
        if submitted is not None:
            self.status, self.recommendation = self.Status.COMPLETED, submitted.recommendation
        elif self.assessments.exists():
            self.status, self.recommendation = self.Status.IN_PROGRESS, ""
        else:
            self.status, self.recommendation = self.Status.INVITED, ""
        self.save(update_fields=["status", "recommendation", "updated_at"])
