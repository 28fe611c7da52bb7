"""Insights keeps per-day tallies (insights/tally.py) of assessments started on days
that are over, so a year's figures add a few hundred small rows instead of reading every
assessment. Counts only: nothing that identifies a CEO or a company."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assessments.models import QuestionnaireVersion


class Day(models.Model):
    """A day whose tallies are built; `built_at` is cleared when something started that
    day changes (a late submit, an erasure), so the next read builds it again."""

    day = models.DateField(unique=True)
    built_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.day)


class DayTally(models.Model):
    """The tally of one day's assessments of one version, language, channel and recruiter."""

    day = models.DateField()
    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE)
    language = models.CharField(max_length=8)
    channel = models.CharField(max_length=12)
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    tally = models.JSONField()

    class Meta:
        indexes = [models.Index(fields=["version", "day"], name="tally_version_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.version_id} {self.language} {self.channel}"
