"""A firm's integrations: API keys its tools call with, and webhook endpoints RoleFit
calls, with every delivery and every attempt on record."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from firms.models import Firm
from rolefit.validators import validate_single_line


class Scope(models.TextChoices):
    ENGAGEMENTS_READ = "engagements:read", _("Read engagements and their results")
    ENGAGEMENTS_WRITE = "engagements:write", _("Create engagements")
    WEBHOOKS_MANAGE = "webhooks:manage", _("Manage webhooks")


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def usable(self) -> ApiKeyQuerySet:
        now = timezone.now()
        return self.filter(revoked_at=None).filter(
            models.Q(expires_at=None) | models.Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    """A key is shown once: only its public part and the digest of the whole are kept."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=80, validators=[validate_single_line])
    key_id = models.CharField(max_length=16, unique=True)  # the part after rf_live_
    digest = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} (rf_live_{self.key_id}_…)"

    @property
    def prefix(self) -> str:
        return f"rf_live_{self.key_id}"


class Event(models.TextChoices):
    ENGAGEMENT_CREATED = "engagement.created", "engagement.created"
    ASSESSMENT_COMPLETED = "assessment.completed", "assessment.completed"
    RATING_SUBMITTED = "rating.submitted", "rating.submitted"
    UNIT_FLIPPED = "unit.flipped", "unit.flipped"
    OUTCOME_RECORDED = "outcome.recorded", "outcome.recorded"


class WebhookEndpoint(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    events = models.JSONField(default=list)
    # Signing needs the secret itself, so it is kept as given (like any webhook sender);
    # after a rotation the old one also signs for a day.
    secret = models.CharField(max_length=80)
    previous_secret = models.CharField(max_length=80, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def signing_secrets(self) -> list[str]:
        secrets = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_until
            and (self.previous_secret_until > timezone.now())
        ):
            secrets.append(self.previous_secret)
        return secrets


class WebhookDelivery(models.Model):
    """One event for one endpoint: its id stays the same across retries and replays."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    webhook_id = models.CharField(max_length=40, unique=True)
    event_type = models.CharField(max_length=40, choices=Event.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # Claimed by a worker until then; a worker killed mid-send leaves it to be retried.
    leased_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.endpoint}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.status_code or self.error} at {self.at}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
