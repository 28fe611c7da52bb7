from __future__ import annotations

import uuid

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment, NoLiveQuestionnaire, QuestionnaireVersion
from leaders.traits import LeaderBank, leader_bank
from recruiters.models import Engagement
from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_single_line

from . import signals
from .fit import LeaderProfile, combine, profile


class NoLeaderQuestionnaire(NoLiveQuestionnaire):
    """The questionnaire version has no leader traits yet: a 503, like no questionnaire."""


class PersonQuerySet(models.QuerySet["Person"]):
    def add(
        self,
        *,
        name: str,
        email: str,
        kind: str,
        assessment: Assessment | None = None,
        engagement: Engagement | None = None,
    ) -> Person:
        """A new person with a self-rating link and an interviewer link, ready to send."""
        with transaction.atomic():
            person = self.create(
                name=name, email=email, kind=kind, assessment=assessment, engagement=engagement
            )
            for rater in (RaterLink.Kind.SELF, RaterLink.Kind.INTERVIEWER):
                RaterLink.objects.create(person=person, kind=rater)
        return person


class Person(models.Model):
    """A candidate or the current sales leader. Name and email are the only personal data;
    deleting the person deletes every rating of them."""

    class Kind(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        INCUMBENT = "incumbent", _("Current sales leader")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Exactly one owner: a CEO's assessment or a recruiter's engagement.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="people"
    )
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, blank=True, related_name="people"
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_single_line])
    email = models.EmailField(_("email"), blank=True)
    kind = models.CharField(_("who"), max_length=20, choices=Kind.choices, default=Kind.CANDIDATE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assessment__isnull=False, engagement__isnull=True)
                | models.Q(assessment__isnull=True, engagement__isnull=False),
                name="person_has_one_owner",
            )
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def role(self) -> str | None:
        """The role the business assessment recommended, once there is one."""
        owner = self.assessment or self.engagement
        return (owner.recommendation or None) if owner is not None else None

    def leader_bank(self) -> LeaderBank:
        """The traits of the questionnaire version the person's business was assessed on,
        or of the live one for an engagement that has no assessment yet."""
        questionnaire = (
            self.assessment.questionnaire if self.assessment else QuestionnaireVersion.live()
        )
        bank = leader_bank(questionnaire.parsed())
        if bank is None:
            raise NoLeaderQuestionnaire("this questionnaire version has no leader traits")
        return bank

    def profile(self, language: str) -> LeaderProfile | None:
        """The combined profile from every submitted rating, or None before the first."""
        rated = [
            (link.weight, link.ratings)
            for link in self.rater_links.all()
            if link.ratings is not None
        ]
        if not rated:
            return None
        means, spreads = combine(rated)
        role = self.role()
        return profile(
            bank=self.leader_bank(),
            ratings=means,
            role=role if role in ("CRO", "CSO") else None,  # type: ignore[arg-type]
            language=language,
            spreads=spreads,
        )


class RaterLink(RevealableLink):
    """One rater's private link to rate one person; they see only their own form."""

    TOKEN_NAMESPACE = "rolefit.rater"  # noqa: S105 (an HMAC namespace, not a secret)

    class Kind(models.TextChoices):
        SELF = "self", _("Self-rating")
        INTERVIEWER = "interviewer", _("Interviewer")
        REFERENCE = "reference", _("Reference")

    # Self-ratings run high, so they count half as much as an interviewer's or a reference's.
    WEIGHTS = {Kind.SELF: 0.5, Kind.INTERVIEWER: 1.0, Kind.REFERENCE: 1.0}

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rater_links")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    ratings = models.JSONField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RevealableLinkQuerySet["RaterLink"].as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("rater link")
        verbose_name_plural = _("rater links")

    def save_ratings(self, ratings: dict[str, int]) -> None:
        """Store a rater's ratings (again, if they change them) and say so."""
        self.ratings, self.submitted_at = ratings, timezone.now()
        self.save(update_fields=["ratings", "submitted_at"])
        signals.rated.send(sender=RaterLink, link=self)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"

    @property
    def weight(self) -> float:
        return self.WEIGHTS[self.Kind(self.kind)]
