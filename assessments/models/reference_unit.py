"""Example business units an admin tunes weights against: each draft is scored on them
beside the live version, so a change's effect shows before anything is published."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rolefit.validators import validate_single_line


class ReferenceUnit(models.Model):
    label_en = models.CharField(
        _("label (English)"), max_length=120, validators=[validate_single_line]
    )
    label_es = models.CharField(
        _("label (Spanish)"), max_length=120, validators=[validate_single_line]
    )
    # Answers keyed by question, as the API takes them; checked against the live bank.
    answers = models.JSONField(_("answers"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("reference unit")
        verbose_name_plural = _("reference units")

    def __str__(self) -> str:
        return self.label_en

    def label(self, language: str) -> str:
        return self.label_es if language == "es" else self.label_en
