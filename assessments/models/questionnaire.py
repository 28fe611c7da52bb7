"""Questionnaire versions: drafts an admin edits, published versions that never change,
and the one live version new assessments use."""

from __future__ import annotations

import copy
import hashlib
import json
import secrets
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from rolefit.links import UniqueLookup

from .. import drafts
from ..bank.rules import BankError, parse_bank
from ..bank.schema import QuestionBank
from .draft_fields import DraftNumber, DraftText
from .errors import ImmutableVersionError, NoLiveQuestionnaire

# Versions are immutable, so a parsed bank is shared across requests, keyed by content.
_PARSED_BANKS: dict[str, QuestionBank] = {}
# Published versions never change and are never deleted, so each process keeps them.
_PUBLISHED: dict[int, QuestionnaireVersion] = {}


def canonical_json(bank: object) -> str:
    return json.dumps(bank, sort_keys=True, ensure_ascii=False)


def content_digest(bank: object) -> str:
    """What a bank's content is, whatever its key order: two equal banks share it."""
    return hashlib.sha256(canonical_json(bank).encode()).hexdigest()


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
        self.content_sha256 = content_digest(self.bank)
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
        with transaction.atomic():
            # What is published is the draft as stored now, not as this object read it:
            # a save that landed a moment ago is part of it (the row is locked meanwhile).
            stored = QuestionnaireVersion.objects.select_for_update().get(pk=self.pk)
            self.bank, self.status, self.version = stored.bank, stored.status, stored.version
            if not self.is_draft:
                raise ImmutableVersionError(f"version {self.version} is already published")
            problems = self.problems()
            if problems:
                raise BankError(problems)
            self.bank = parse_bank(self.bank).model_dump(mode="json")
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

    def draft_name(self, now: datetime) -> str:
        """A new draft's version: this one's stem, the time and a random tail, within the
        40 characters a version may have. A clone of a clone keeps the first stem, and two
        clicks in the same second still get two names."""
        stem = self.version.split("-draft-")[0][:16]
        return f"{stem}-draft-{now:%y%m%d%H%M%S}-{secrets.token_hex(2)}"

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
        """The live version: which one is live is asked every time (another server may
        have just made another one live); the version itself, published and so never
        changing, comes from memory once read, not its whole bank on every call."""
        found = _live_version()
        if found is None:
            raise NoLiveQuestionnaire("no questionnaire has been published yet")
        return cls.published(found.pk)


# Asked by every new assessment, so compiled once (rolefit.links).
_live_version = UniqueLookup(
    lambda: QuestionnaireVersion.objects.filter(
        is_live=True, status=QuestionnaireVersion.Status.PUBLISHED
    ).only("pk")
)
