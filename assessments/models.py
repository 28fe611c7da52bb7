from __future__ import annotations

import copy
import hashlib
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from rolefit import tokens
from rolefit.validators import validate_single_line

from . import drafts
from .bank.answers import carry_over_answers, parse_answers
from .bank.rules import BankError, parse_bank
from .bank.schema import AnswerValue, QuestionBank
from .scoring import score

# Versions are immutable, so a parsed bank is shared across requests, keyed by content.
_PARSED_BANKS: dict[str, QuestionBank] = {}
# Published versions never change and are never deleted, so each process keeps them.
_PUBLISHED: dict[int, QuestionnaireVersion] = {}


class ImmutableVersionError(ValueError):
    """A published questionnaire version was asked to change."""


class NoLiveQuestionnaire(Exception):
    """No questionnaire has been published yet: the site is not ready to assess. Pages
    that need one answer 503 (assessments/middleware.py)."""


def canonical_json(bank: object) -> str:
    return json.dumps(bank, sort_keys=True, ensure_ascii=False)


class QuestionnaireVersion(models.Model):
    """One question bank. A draft can be edited and is never used; publishing validates it,
    makes it live and freezes it, and the results scored with it keep pointing at it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    version = models.CharField(_("version"), max_length=40, unique=True)
    bank = models.JSONField(_("question bank"))
    content_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    is_live = models.BooleanField(_("live"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_live"], condition=models.Q(is_live=True), name="one_live_version"
            )
        ]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return self.version + (" (live)" if self.is_live else "")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = (
                QuestionnaireVersion.objects.filter(pk=self.pk)
                .values("status", "bank", "version")
                .first()
            )
            if (
                stored is not None
                and stored["status"] == self.Status.PUBLISHED
                and (stored["bank"] != self.bank or stored["version"] != self.version)
            ):
                raise ImmutableVersionError(
                    f"version {stored['version']} is published and cannot change; "
                    "clone it to a draft instead"
                )
        self.content_sha256 = hashlib.sha256(canonical_json(self.bank).encode()).hexdigest()
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def problems(self) -> list[str]:
        """Everything that would stop this bank from being published, named by question."""
        try:
            bank = parse_bank(self.bank)
        except BankError as exc:
            return exc.problems
        if bank.version != self.version:
            return [f"bank: its version says {bank.version!r}, the record says {self.version!r}"]
        return []

    def publish(self) -> None:
        """Validate with the same rules as loading the fixture, then make this the live
        version. From here on it never changes."""
        if not self.is_draft:
            raise ImmutableVersionError(f"version {self.version} is already published")
        problems = self.problems()
        if problems:
            raise BankError(problems)
        self.bank = parse_bank(self.bank).model_dump(mode="json")
        with transaction.atomic():
            self.status = self.Status.PUBLISHED
            self.published_at = timezone.now()
            self.save()
            self.make_live()

    def make_live(self) -> None:
        """Make this the one version new assessments use; the one before stops being live
        in the same transaction (a constraint allows only one)."""
        with transaction.atomic():
            QuestionnaireVersion.objects.filter(is_live=True).exclude(pk=self.pk).update(
                is_live=False
            )
            QuestionnaireVersion.objects.filter(pk=self.pk).update(is_live=True)
            self.is_live = True

    def clone_to_draft(self, version: str) -> QuestionnaireVersion:
        bank = {**copy.deepcopy(self.bank), "version": version}
        draft = QuestionnaireVersion.objects.create(
            version=version, bank=bank, status=self.Status.DRAFT
        )
        draft.extract_fields()
        return draft

    def extract_fields(self) -> None:
        """Lay a draft's texts and numbers out as rows for field-by-field editing."""
        texts, numbers = [], []
        for position, (kind, path, label, value) in enumerate(drafts.walk(self.bank)):
            common = {
                "version": self,
                "path": json.dumps(path),
                "label": label[:250],
                "position": position,
            }
            if kind == "text":
                texts.append(DraftText(**common, en=value["en"], es=value["es"]))
            else:
                numbers.append(DraftNumber(**common, value=value, help=drafts.help_for(path)[:250]))
        # With history, so every row's first value is on record too.
        bulk_create_with_history(texts, DraftText)
        bulk_create_with_history(numbers, DraftNumber)

    def apply_fields(self) -> None:
        """Write the edited rows back into the draft's bank."""
        edits = [
            (json.loads(row.path), {"en": row.en, "es": row.es}) for row in self.texts.all()
        ] + [
            (path := json.loads(row.path), drafts.tidy_number(row.value, path))
            for row in self.numbers.all()
        ]
        self.bank = drafts.apply(self.bank, iter(edits))
        self.save()

    def parsed(self) -> QuestionBank:
        bank = _PARSED_BANKS.get(self.content_sha256)
        if bank is None:
            bank = _PARSED_BANKS[self.content_sha256] = QuestionBank.model_validate(self.bank)
        return bank

    @classmethod
    def published(cls, pk: int) -> QuestionnaireVersion:
        """A version by primary key, from memory once it has been read and is published."""
        version = _PUBLISHED.get(pk)
        if version is None:
            version = cls.objects.get(pk=pk)
            if not version.is_draft:
                _PUBLISHED[pk] = version
        return version

    @classmethod
    def forget_cached(cls) -> None:
        """For tests, whose rolled-back databases reuse primary keys."""
        _PUBLISHED.clear()

    @classmethod
    def live(cls) -> QuestionnaireVersion:
        found = cls.objects.filter(is_live=True, status=cls.Status.PUBLISHED).first()
        if found is None:
            raise NoLiveQuestionnaire("no questionnaire has been published yet")
        return found


class DraftField(models.Model):
    """One editable place in a draft bank. Rows exist only for drafts."""

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE)
    path = models.CharField(max_length=300, editable=False)
    label = models.CharField(_("where"), max_length=250, editable=False)
    position = models.PositiveIntegerField(editable=False)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.version.is_draft:
            raise ImmutableVersionError(f"version {self.version.version} is published")
        super().save(*args, **kwargs)


class DraftText(DraftField):
    en = models.TextField(_("English"))
    es = models.TextField(_("Spanish"))

    history = HistoricalRecords()

    class Meta(DraftField.Meta):
        default_related_name = "texts"
        constraints = [
            models.UniqueConstraint(fields=["version", "path"], name="one_text_per_place")
        ]
        verbose_name = _("text")
        verbose_name_plural = _("texts")


class DraftNumber(DraftField):
    value = models.FloatField(_("value"))
    help = models.CharField(_("what it does"), max_length=250, editable=False, blank=True)

    history = HistoricalRecords()

    class Meta(DraftField.Meta):
        default_related_name = "numbers"
        constraints = [
            models.UniqueConstraint(fields=["version", "path"], name="one_number_per_place")
        ]
        verbose_name = _("weight or number")
        verbose_name_plural = _("weights and numbers")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def submitted(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.SUBMITTED)

    def note_opened(self, pk: int, last_opened_at: datetime | None) -> None:
        """Record that a result was opened: one write a day at most, since the result
        page is read far more often than retention needs to know."""
        now = timezone.now()
        if last_opened_at is None or now - last_opened_at > timedelta(days=1):
            self.filter(pk=pk).update(last_opened_at=now, retention_warned_at=None)

    # An assessment has three links (resume → owner → result); each has its lookup, so no
    # caller hashes a token or names a digest column.
    def by_resume_token(self, token: str) -> Assessment | None:
        return self.filter(resume_token_digest=tokens.token_digest(token)).first()

    def by_owner_token(self, token: str) -> Assessment | None:
        return self.filter(owner_token_digest=tokens.token_digest(token)).first()

    def with_result_token(self, token: str) -> AssessmentQuerySet:
        return self.filter(result_token_digest=tokens.token_digest(token))


class Assessment(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    # For URLs seen only by signed-in recruiters; CEOs reach an assessment by token.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    engagement = models.ForeignKey(
        "recruiters.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    unit = models.ForeignKey(
        "units.BusinessUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    business_unit = models.CharField(
        _("business unit"), max_length=120, blank=True, validators=[validate_single_line]
    )
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    # Saved step by step as the CEO goes, cleaned against the bank at every save.
    answers = models.JSONField(default=dict)
    resume_token_digest = models.CharField(max_length=64, unique=True)
    result_token_digest = models.CharField(max_length=64, unique=True)
    owner_token_digest = models.CharField(max_length=64, unique=True)
    # The result as it was when submitted, in every language, so later edits to the bank
    # never change what a CEO was told.
    result_snapshot = models.JSONField(null=True, blank=True)
    recommendation = models.CharField(max_length=3, blank=True)
    strength = models.CharField(max_length=20, blank=True)
    complexity_score = models.FloatField(null=True, blank=True)
    # Made by `seed_demo`, so the command can tell real data from its own.
    demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # When anyone last opened the result (owner, read-only or share link), to the day;
    # only RF_RESULT_RETENTION_DAYS reads it. The warning before such a removal is
    # recorded, and opening the result again cancels it.
    last_opened_at = models.DateTimeField(null=True, blank=True)
    retention_warned_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return self.business_unit or f"Assessment {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def result_for(self, language: str) -> dict[str, Any]:
        assert self.result_snapshot is not None
        snapshot: dict[str, dict[str, Any]] = self.result_snapshot
        return snapshot.get(language) or snapshot["en"]

    @classmethod
    def start(
        cls,
        *,
        questionnaire: QuestionnaireVersion,
        business_unit: str = "",
        language: str = "en",
        answers: dict[str, AnswerValue] | None = None,
        engagement: Any = None,
        unit: Any = None,
    ) -> tuple[Assessment, str]:
        """Create a draft and return it with its resume token, which is never stored."""
        resume_token = tokens.new_token()
        owner_token = tokens.owner_token(resume_token)
        assessment = cls.objects.create(
            questionnaire=questionnaire,
            business_unit=business_unit,
            language=language,
            answers=answers or {},
            engagement=engagement,
            unit=unit,
            resume_token_digest=tokens.token_digest(resume_token),
            owner_token_digest=tokens.token_digest(owner_token),
            result_token_digest=tokens.token_digest(tokens.result_token(owner_token)),
        )
        if engagement is not None:
            engagement.refresh_status()
        return assessment, resume_token

    @classmethod
    def start_from_live(
        cls, *, earlier_answers: dict[str, AnswerValue] | None = None, **fields: Any
    ) -> tuple[Assessment, str]:
        """A new draft of the live questionnaire, pre-filled with whatever still applies of
        `earlier_answers` (a retake, a re-assessment). Raises NoLiveQuestionnaire before
        a questionnaire is published."""
        questionnaire = QuestionnaireVersion.live()
        answers = (
            carry_over_answers(questionnaire.parsed(), earlier_answers) if earlier_answers else None
        )
        return cls.start(questionnaire=questionnaire, answers=answers, **fields)

    def first_unfinished_step(self) -> int | None:
        """The first step with a required answer missing, or None when all are in."""
        for number, section in enumerate(self.questionnaire.parsed().sections, 1):
            for question in section.questions:
                if question.required and self.answers.get(question.key) is None:
                    return number
        return None

    def save_answers(self, cleaned: dict[str, AnswerValue]) -> None:
        """Merge one step's answers; other steps keep theirs. None clears an answer."""
        self.answers.update(cleaned)
        self.save(update_fields=["answers", "updated_at"])

    def submit(self) -> None:
        """Score and freeze the result. Idempotent: a replay finds it already submitted."""
        bank = self.questionnaire.parsed()
        answers = parse_answers(bank, self.answers)
        snapshot = {
            language: score(bank=bank, answers=answers, language=language).as_json()
            for language in ("en", "es")
        }
        # The status condition makes a double click or a replayed POST a no-op: only
        # the first UPDATE matches a draft.
        now = timezone.now()
        frozen = {
            "status": self.Status.SUBMITTED,
            "answers": answers,
            "result_snapshot": snapshot,
            "recommendation": snapshot["en"]["recommendation"],
            "strength": snapshot["en"]["strength"],
            "complexity_score": snapshot["en"]["complexity_score"],
            "submitted_at": now,
            "updated_at": now,
        }
        updated = Assessment.objects.filter(pk=self.pk, status=self.Status.IN_PROGRESS).update(
            **frozen
        )
        if not updated:
            self.refresh_from_db()  # another request submitted first; show what it stored
            return
        for field, value in frozen.items():
            setattr(self, field, value)
        if self.engagement is not None:
            self.engagement.refresh_status()


def resume_url(resume_token: str) -> str:
    return reverse("assessments-resume", args=[resume_token])


def owner_url(resume_token: str) -> str:
    return reverse("sharing-manage", args=[tokens.owner_token(resume_token)])


def result_url(owner_token: str) -> str:
    return reverse("assessments-result", args=[tokens.result_token(owner_token)])
