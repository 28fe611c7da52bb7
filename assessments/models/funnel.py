"""How a CEO moves through the questionnaire, for the admins' Insights: when each step
was first shown and first saved. Nothing personal beyond the assessment it belongs to,
and it is deleted with it."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, models
from django.utils import timezone

from rolefit.links import UniqueLookup

from .. import signals
from .assessment import Assessment


class StepTimingQuerySet(models.QuerySet["StepTiming"]):
    def shown(self, assessment: Assessment, step: int) -> None:
        """The first time this step was shown; a reload or a way back changes nothing."""
        old = _is_old(assessment)
        if old and _timing_of(assessment.pk, step) is not None:
            return  # an old draft's reload: nothing to record, nobody to tell
        _record_unless_there(assessment.pk, step, shown_at=timezone.now(), saved_at=None)
        if old:
            signals.old_draft_moved.send(sender=StepTiming, assessment=assessment)

    def saved(self, assessment: Assessment, step: int) -> None:
        """The first time this step was saved to go on. One query; a step saved without
        a recorded view (a form posted straight) counts as shown when it was saved."""
        now = timezone.now()
        changed = self.filter(assessment=assessment, step=step, saved_at=None).update(saved_at=now)
        if not changed and _timing_of(assessment.pk, step) is None:
            _record_unless_there(assessment.pk, step, shown_at=now, saved_at=now)
            changed = 1
        if changed and _is_old(assessment):
            signals.old_draft_moved.send(sender=StepTiming, assessment=assessment)


def _is_old(assessment: Assessment) -> bool:
    """Started before today: a change to it alters a day Insights has already tallied."""
    return timezone.localdate(assessment.created_at) < timezone.localdate()


class StepTiming(models.Model):
    """One step of one assessment. The review page is the step after the last."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="step_timings"
    )
    step = models.PositiveSmallIntegerField()
    shown_at = models.DateTimeField()
    saved_at = models.DateTimeField(null=True, blank=True)

    objects = StepTimingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "step"], name="one_timing_per_step")
        ]
        indexes = [models.Index(fields=["step", "saved_at"], name="timing_step_saved")]

    def __str__(self) -> str:
        return f"{self.assessment_id} step {self.step}"


# Asked on every save of a step seen before, so compiled once (rolefit.links).
_timing_of = UniqueLookup(
    lambda assessment_id, step: StepTiming.objects.filter(
        assessment_id=assessment_id, step=step
    ).only("pk")
)


def _record_unless_there(
    assessment_id: int, step: int, *, shown_at: datetime, saved_at: datetime | None
) -> None:
    """A step's timing, unless one is there already, in one statement on its own: what
    bulk_create(ignore_conflicts=True) writes, without the transaction it wraps around its
    one statement, which costs a BEGIN and a COMMIT round trip on PostgreSQL on every first
    view of a step. SQLite and PostgreSQL both take this ON CONFLICT clause."""
    shown, saved = (
        StepTiming._meta.get_field(name).get_db_prep_value(value, connection)  # type: ignore[union-attr]
        for name, value in (("shown_at", shown_at), ("saved_at", saved_at))
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO assessments_steptiming (assessment_id, step, shown_at, saved_at)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (assessment_id, step) DO NOTHING",
            [assessment_id, step, shown, saved],
        )
