"""An assessment: answers saved step by step, then frozen into a result snapshot, reached
through its three capability links (resume, owner, result)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rolefit import tokens
from rolefit.links import UniqueLookup
from rolefit.validators import validate_single_line

from .. import signals
from ..bank.answers import AnswersError, carry_over_answers, parse_answers
from ..bank.schema import AnswerValue, QuestionBank
from ..scoring import score_in_languages
from .questionnaire import QuestionnaireVersion

# How often opening a result is written down for retention (`note_opened`).
OPENINGS_NOTED_EVERY = timedelta(days=1)


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def submitted(self) -> AssessmentQuerySet:
        return self.filter(status=Assessment.Status.SUBMITTED)


_NOTE_OPENED_SQL = """
    UPDATE assessments_assessment SET last_opened_at = %(now)s, retention_warned_at = NULL
    WHERE id = %(pk)s
"""


class AssessmentManager(models.Manager.from_queryset(AssessmentQuerySet)):  # type: ignore[misc]
    """An assessment's three links (resume → owner → result) each have their lookup here,
    so no caller hashes a token or names a digest column. They are compiled once
    (`UniqueLookup`, below), and on the whole table only (a queryset has no such method,
    so no filter before them can be silently dropped)."""

    def by_resume_token(self, token: str) -> Assessment | None:
        """The draft (or the result, for a late click) a resume link opens."""
        return _by_resume_digest(tokens.token_digest(token))

    def stored(self, pk: int) -> Assessment | None:
        """All of one assessment, or None once it is deleted: a cached page's first view
        reads the whole result after the cheap check of its link."""
        return _by_pk(pk)

    def note_opened(self, pk: int, last_opened_at: datetime | None) -> datetime:
        """Record that a result was opened: one write a day at most, since the result
        page is read far more often than retention needs to know. Returns when the next
        opening would be written: until then, one need not be noted at all."""
        now = timezone.now()
        if last_opened_at is None or now - last_opened_at > OPENINGS_NOTED_EVERY:
            # As `filter(pk=pk).update(...)` would (no signal, no history), without
            # compiling the same UPDATE on every result's first view of the day.
            moment = self.model._meta.get_field("last_opened_at").get_db_prep_value(now, connection)
            with connection.cursor() as cursor:
                cursor.execute(_NOTE_OPENED_SQL, {"now": moment, "pk": pk})
            last_opened_at = now
        return last_opened_at + OPENINGS_NOTED_EVERY

    def result_by_token(self, token: str) -> Assessment | None:
        """The submitted result a result link opens."""
        return _result_by_digest(tokens.token_digest(token))

    def owned_result(self, token: str) -> Assessment | None:
        """The submitted result an owner link opens, with its outcome link and its team,
        which the owner page shows."""
        return _owned_result_by_digest(tokens.token_digest(token))


class Assessment(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    # For URLs seen only by signed-in recruiters; CEOs reach an assessment by token.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        db_index=False,  # the index on (questionnaire, created_at) below starts with it
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

    objects = AssessmentManager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            # Insights tallies assessments by the day they started.
            models.Index(fields=["created_at"], name="assessment_created"),
            # ... of one questionnaire version, today's live on every view of its page: with
            # the version alone indexed, SQLite read every assessment of the version to
            # find today's (1.4 s a view at a million results).
            models.Index(fields=["questionnaire", "created_at"], name="assessment_version_started"),
        ]
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
        submit: bool = False,
    ) -> tuple[Assessment, str]:
        """Create an assessment and return it with its resume token, which is never
        stored: a draft, or with `submit` (the API, whose answers are parsed against the
        questionnaire already) scored and stored submitted, in one write rather than a
        draft's insert and a submit's update."""
        resume_token = tokens.new_token()
        owner_token = tokens.owner_token(resume_token)
        content = (
            frozen_result(questionnaire.parsed(), answers or {})
            if submit
            else {"answers": answers or {}}
        )
        if submit:
            content["created_at"] = content["submitted_at"]  # never a moment after it
        assessment = cls.objects.create(
            questionnaire=questionnaire,
            business_unit=business_unit,
            language=language,
            **content,
            engagement=engagement,
            unit=unit,
            resume_token_digest=tokens.token_digest(resume_token),
            owner_token_digest=tokens.token_digest(owner_token),
            result_token_digest=tokens.token_digest(tokens.result_token(owner_token)),
        )
        if submit:
            assessment._submitted()
        elif engagement is not None:
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

    def save_answers(self, cleaned: dict[str, AnswerValue]) -> bool:
        """Merge one step's answers; other steps keep theirs. None clears an answer.
        False, and nothing stored, once the draft is submitted or deleted: a save from
        another tab may race the submit (whose frozen result must keep its answers) or
        the purge of an old draft."""
        self.answers.update(cleaned)
        return bool(
            Assessment.objects.filter(pk=self.pk, status=self.Status.IN_PROGRESS).update(
                answers=MergedAnswers(cleaned), updated_at=timezone.now()
            )
        )

    def submit(self) -> bool:
        """Score and freeze the result. Idempotent: a replay finds it already submitted.
        False, and nothing stored, if the answers as stored now are not ready: another
        tab cleared one since they were read."""
        bank = self.questionnaire.parsed()
        with transaction.atomic():
            # The answers as stored now, the draft locked: a step saved from another tab
            # a moment before is in the result, and one a moment after waits, then finds
            # a result and stores nothing. The status condition makes a double click or a
            # replayed POST a no-op.
            stored = (
                Assessment.objects.select_for_update()
                .filter(pk=self.pk, status=self.Status.IN_PROGRESS)
                .values_list("answers", flat=True)
                .order_by()[:1]
            )
            answers = next(iter(stored), None)
            if answers is None:
                self.refresh_from_db()  # another request submitted first; show what it stored
                return True
            try:
                frozen = frozen_result(bank, parse_answers(bank, answers))
            except AnswersError:
                self.answers = answers
                return False
            Assessment.objects.filter(pk=self.pk).update(**frozen)
        for field, value in frozen.items():
            setattr(self, field, value)
        self._submitted()
        return True

    def _submitted(self) -> None:
        """Once the result is stored: the engagement's status follows, and others hear."""
        if self.engagement is not None:
            self.engagement.refresh_status()
        signals.submitted.send(sender=Assessment, assessment=self)

    def is_still_stored(self) -> bool:
        """Whether a delete elsewhere has taken it since it was read."""
        return _pk_still_there(self.pk) is not None

    def erase(self) -> None:
        """Delete the assessment and everything of it: share links, their views, people,
        ratings and plans go with it (cascades), and so does every cached page."""
        engagement = self.engagement
        signals.erased.send(sender=Assessment, public_id=self.public_id)
        self.delete()  # its cached copies go with it (assessments/receivers.py)
        if engagement is not None:
            engagement.refresh_status()


class MergedAnswers(models.Func):
    """The stored answers (a model's `answers` field: an assessment's, a colleague's)
    with one step's merged in (None clears one), worked out by the database on the row as
    it is when the write reaches it: two tabs saving different steps at once both keep
    theirs, where writing the whole document read at the start of the request lost one."""

    output_field = models.JSONField()

    def __init__(self, step: dict[str, AnswerValue]) -> None:
        super().__init__(models.F("answers"))
        self.step = step

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        stored, params = compiler.compile(self.source_expressions[0])
        step, step_params = compiler.compile(models.Value(self.step, models.JSONField()))
        return f"({stored} || {step})", [*params, *step_params]

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        # json_set, one path and value per answer: keeps an answer cleared to None as
        # JSON null, as the document did (json_patch would drop the key). Question keys
        # are [a-z][a-z0-9_]* (assessments/bank/schema.py), so each is a plain path.
        stored, params = compiler.compile(self.source_expressions[0])
        if not self.step:
            return stored, params
        pairs = ", ".join("%s, json(%s)" for _ in self.step)
        for key, value in self.step.items():
            params = [*params, f'$."{key}"', json.dumps(value)]
        return f"json_set({stored}, {pairs})", params


def frozen_result(bank: QuestionBank, answers: dict[str, AnswerValue]) -> dict[str, Any]:
    """A submitted assessment's fields: the answers, and the result in every language as
    it is now, so later edits to the bank never change what a CEO was told."""
    snapshot = {
        language: result.as_json()
        for language, result in score_in_languages(
            bank=bank, answers=answers, languages=("en", "es")
        ).items()
    }
    now = timezone.now()
    return {
        "status": Assessment.Status.SUBMITTED,
        "answers": answers,
        "result_snapshot": snapshot,
        "recommendation": snapshot["en"]["recommendation"],
        "strength": snapshot["en"]["strength"],
        "complexity_score": snapshot["en"]["complexity_score"],
        "submitted_at": now,
        "updated_at": now,
    }


# A late click on a submitted assessment's resume link only redirects: its snapshot is
# never needed here.
_by_resume_digest = UniqueLookup(
    lambda digest: Assessment.objects.filter(resume_token_digest=digest).defer("result_snapshot")
)
_result_by_digest = UniqueLookup(
    lambda digest: Assessment.objects.submitted().filter(result_token_digest=digest)
)
_owned_result_by_digest = UniqueLookup(
    lambda digest: (
        Assessment.objects.submitted()
        .select_related("outcome_link", "team")
        .filter(owner_token_digest=digest)
    )
)
_by_pk = UniqueLookup(lambda pk: Assessment.objects.filter(pk=pk))
# Asked after each copy of a result is cached (result_cache.keep).
_pk_still_there = UniqueLookup(lambda pk: Assessment.objects.filter(pk=pk).only("pk"))
