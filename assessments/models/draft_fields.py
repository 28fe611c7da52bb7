"""A draft's numbers and texts laid out as rows, so an admin edits them field by field
with each change on record."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .errors import ImmutableVersionError


class DraftField(models.Model):
    """One editable place in a draft bank. Rows exist only for drafts."""

    version = models.ForeignKey("assessments.QuestionnaireVersion", on_delete=models.CASCADE)
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
