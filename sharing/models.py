from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import result_cache
from assessments.models import Assessment
from rolefit import tokens
from rolefit.links import UniqueLookup
from rolefit.validators import validate_single_line

EXPIRY_CHOICES = [
    (0, _("Never")),
    (1, _("1 day")),
    (7, _("7 days")),
    (30, _("30 days")),
    (90, _("90 days")),
]


class ShareLinkManager(models.Manager["ShareLink"]):
    def to_view(self, token: str) -> ShareLink | None:
        """The usable link a reader's token opens, with its submitted result, or None.

        The busiest lookup of the app, made on every view before a cached page may go
        out, so it is compiled once (`UniqueLookup`), and of the result it reads in the
        same row only what that check needs: a page made afresh reads the rest."""
        link = _link_with_result_state_by_digest(tokens.token_digest(token))
        if link is None or link.is_revoked or link.is_expired:
            return None
        result = Assessment.from_db(
            "default",
            ["id", "public_id", "status", "last_opened_at"],
            [link.assessment_id, link.result_public_id, link.result_status, link.result_opened],
        )
        if not result.is_submitted:
            return None
        link.assessment = result
        return link


class ShareLink(models.Model):
    """A revocable, read-only link to one result, given to one named party."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(_("label"), max_length=120, validators=[validate_single_line])
    token_digest = models.CharField(max_length=64, unique=True)
    show_free_text = models.BooleanField(_("show free-text answers"), default=False)
    allow_pdf = models.BooleanField(_("offer a PDF report"), default=False)
    show_outcomes = models.BooleanField(_("show how the hire worked out"), default=False)
    show_team = models.BooleanField(_("show the leadership team's combined view"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkManager()
    # Not columns: its result's, read in the same row by `ShareLink.objects.to_view`.
    result_public_id: uuid.UUID
    result_status: str
    result_opened: datetime | None

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return self.label

    @classmethod
    def create(
        cls,
        *,
        assessment: Assessment,
        label: str,
        expires_in_days: int | None = None,
        show_free_text: bool = False,
        allow_pdf: bool = False,
        show_outcomes: bool = False,
        show_team: bool = False,
    ) -> tuple[ShareLink, str]:
        """Create a link and return it with its token, which is never stored."""
        token = tokens.new_token()
        link = cls.objects.create(
            assessment=assessment,
            label=label,
            token_digest=tokens.token_digest(token),
            show_free_text=show_free_text,
            allow_pdf=allow_pdf,
            show_outcomes=show_outcomes,
            show_team=show_team,
            expires_at=timezone.now() + timedelta(days=expires_in_days)
            if expires_in_days
            else None,
        )
        return link, token

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
        # A revoked link is refused before its cached page may go out; the copy goes too.
        result_cache.forget_shared_page(self.token_digest)

    def record_view(self) -> None:
        """Count a view and record its access event, or raise ShareLink.DoesNotExist if
        the link went (with its result) since it was read."""
        now = timezone.now()
        if connection.vendor == "postgresql":
            # Both writes in one statement: one round trip, and no BEGIN and COMMIT of
            # their own, on the busiest write of the app. The statement is atomic.
            with connection.cursor() as cursor:
                cursor.execute(
                    _RECORD_VIEW_SQL,
                    {"link": self.pk, "now": now, "kind": AccessEvent.Kind.SHARE_VIEW.value},
                )
                recorded = cursor.rowcount
        else:
            # One transaction for both writes: one commit, one write lock.
            with transaction.atomic():
                # F() keeps concurrent views from overwriting each other's count.
                recorded = ShareLink.objects.filter(pk=self.pk).update(
                    views=F("views") + 1, last_viewed_at=now
                )
                if recorded:
                    AccessEvent.objects.create(
                        assessment_id=self.assessment_id,
                        share_link=self,
                        kind=AccessEvent.Kind.SHARE_VIEW,
                        at=now,
                    )
        if not recorded:
            raise ShareLink.DoesNotExist


class AccessEvent(models.Model):
    """When a result was read through a link. Holds no IP address or other personal data."""

    class Kind(models.TextChoices):
        SHARE_VIEW = "share_view", _("Viewed through a share link")
        EXPORT = "export", _("Exported by the owner")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="access_events"
    )
    share_link = models.ForeignKey(
        ShareLink, on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


# django-stubs refuses annotations named like attributes the model declares; these are
# declared on ShareLink on purpose, so that `to_view` reads them typed.
_link_with_result_state_by_digest = UniqueLookup(
    lambda digest: ShareLink.objects.filter(token_digest=digest).annotate(  # type: ignore[no-redef]
        result_public_id=F("assessment__public_id"),
        result_status=F("assessment__status"),
        result_opened=F("assessment__last_opened_at"),
    )
)


# ShareLink.record_view's statement on PostgreSQL: the count and the access event, each
# written only if the link is still there (tests/sharing/test_shared_page_cache.py runs
# it on PostgreSQL in CI).
_RECORD_VIEW_SQL = """
    WITH viewed AS (
        UPDATE sharing_sharelink
        SET views = views + 1, last_viewed_at = %(now)s
        WHERE id = %(link)s
        RETURNING id, assessment_id
    )
    INSERT INTO sharing_accessevent (assessment_id, share_link_id, kind, at)
    SELECT assessment_id, id, %(kind)s, %(now)s FROM viewed
"""
