"""Insights keeps per-day tallies (insights/tally.py) of assessments started on days
that are over, so a year's figures add a few hundred small rows instead of reading every
assessment. Counts only: nothing that identifies a CEO or a company."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assessments.models import QuestionnaireVersion


class Day(models.Model):
    """A day that is over, and whether its kept tallies are current. Each change to
    something started that day (a late submit, an erasure) adds one to `changes`; a build
    records the count it read before it read the assessments. The tallies are current
    while the two agree, so a change that lands during a build is never lost."""

    day = models.DateField(unique=True)
    changes = models.PositiveIntegerField(default=0)
    built_from = models.PositiveIntegerField(null=True, blank=True)
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
