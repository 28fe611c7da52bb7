"""Recruiting firms: members with roles, and the invitations that bring members in.

A person belongs to at most one firm. Everything a recruiter makes (engagements, the
organisations they track) belongs to the firm, so a member who leaves takes nothing
with them. Every membership and invitation change is kept by django-simple-history,
with the user who made it.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_single_line

INVITATION_DAYS = 7


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    RECRUITER = "recruiter", _("Recruiter")
    VIEWER = "viewer", _("Viewer")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class Firm(models.Model):
    name = models.CharField(_("firm name"), max_length=120, validators=[validate_single_line])
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    # The logo is kept in the database, not on one server's disk: every server that
    # renders a report must see the same one. Small by rule (see firms/logos.py).
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(excluded_fields=["logo"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")

    def __str__(self) -> str:
        return self.name

    def logo_data_uri(self) -> str:
        """The logo as a data: URI for the PDF report, or nothing: a report fetches
        nothing, so the image travels inside the document."""
        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"

    def owners(self) -> models.QuerySet[Membership]:
        return self.memberships.filter(role=Role.OWNER)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def of(self, user: User) -> Membership | None:
        """The user's membership, with its firm, or None for someone in no firm."""
        if not user.is_authenticated:
            return None
        return self.select_related("firm").filter(user_id=user.pk).first()


class Membership(models.Model):
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # The language of the member's notices: emails are sent outside any request.
    language = models.CharField(
        _("language of notices"), max_length=2, choices=Language.choices, default="en"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["firm", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.firm}"

    @property
    def can_run_engagements(self) -> bool:
        """Owners and recruiters create and change things; viewers only read."""
        return self.role in (Role.OWNER, Role.RECRUITER)

    @property
    def can_manage_members(self) -> bool:
        return self.role == Role.OWNER


class InvitationQuerySet(RevealableLinkQuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def usable(self, token: str) -> Invitation | None:
        """The invitation this link opens, if it is still unused and unexpired."""
        return self.pending().select_related("firm").by_token(token)


def _invitation_expiry() -> datetime:
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(RevealableLink):
    """A firm owner's invitation: a capability link, single-use and expiring."""

    TOKEN_NAMESPACE = "rolefit.firm-invitation"  # noqa: S105 (an HMAC namespace, not a secret)

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["token_salt", "token_digest"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.firm}"
