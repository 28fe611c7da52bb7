"""The leadership team asked about one result: colleagues who answer the same
questionnaire for the same unit, each through a link of their own. Everything here
belongs to the owner's assessment and goes with it."""

from __future__ import annotations

import uuid

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.bank.schema import AnswerValue
from assessments.consensus import MAX_RESPONDENTS
from assessments.models import Assessment, MergedAnswers
from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_single_line

# The owner is one of the team's respondents; the others are invited.
MAX_INVITED = MAX_RESPONDENTS - 1


class TeamFull(Exception):
    """The team already has as many colleagues as it may."""


class Team(models.Model):
    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="team")
    # Respondents see only their own answers until the owner shows them the combined view.
    shown_to_respondents = models.BooleanField(
        _("show the combined view to the colleagues who answered"), default=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("leadership team")
        verbose_name_plural = _("leadership teams")

    def __str__(self) -> str:
        return f"team · {self.assessment}"

    @classmethod
    def of(cls, assessment: Assessment) -> Team:
        team, _made = cls.objects.get_or_create(assessment=assessment)
        return team

    def invite(self, *, role_label: str) -> Respondent:
        """A new colleague and their link; refused past the team's size."""
        with transaction.atomic():
            # Lock the team row so two invitations at once cannot both take the last seat.
            Team.objects.select_for_update().filter(pk=self.pk).first()
            if self.respondents.count() >= MAX_INVITED:
                raise TeamFull
            return self.respondents.create(role_label=role_label)

    def answered(self) -> models.QuerySet[Respondent]:
        return self.respondents.filter(submitted_at__isnull=False)


class Respondent(RevealableLink):
    """One colleague: their link, their answers, and how they want to be named."""

    TOKEN_NAMESPACE = "rolefit.respondent"  # noqa: S105 (an HMAC namespace, not a secret)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="respondents")
    role_label = models.CharField(
        _("role"), max_length=60, blank=True, validators=[validate_single_line]
    )
    name = models.CharField(
        _("your name (optional)"), max_length=80, blank=True, validators=[validate_single_line]
    )
    language = models.CharField(max_length=8, default="en")
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = RevealableLinkQuerySet["Respondent"].as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")

    def __str__(self) -> str:
        return self.role_label or str(self.public_id)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def save_answers(self, cleaned: dict[str, AnswerValue], *, language: str) -> bool:
        """Merge one step's answers. False, and nothing stored, once submitted or removed:
        a colleague's last save may race the owner's remove or delete."""
        self.answers.update(cleaned)
        return bool(
            Respondent.objects.filter(pk=self.pk, submitted_at__isnull=True).update(
                answers=MergedAnswers(cleaned), language=language, updated_at=timezone.now()
            )
        )

    def submit(self, *, name: str) -> bool:
        """Idempotent: a replayed submit finds it already submitted and changes nothing.
        False if the colleague was removed meanwhile."""
        now = timezone.now()
        if Respondent.objects.filter(pk=self.pk, submitted_at__isnull=True).update(
            submitted_at=now, name=name, updated_at=now
        ):
            self.submitted_at, self.name = now, name
            return True
        return Respondent.objects.filter(pk=self.pk).exists()
