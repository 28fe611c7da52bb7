"""How a CEO moves through the questionnaire, for the admins' Insights: when each step
was first shown and first saved. Nothing personal beyond the assessment it belongs to,
and it is deleted with it."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, models, transaction
from django.utils import timezone

from rolefit.links import UniqueLookup

from .. import signals
from ..bank.schema import AnswerValue
from .assessment import Assessment


class StepTimingQuerySet(models.QuerySet["StepTiming"]):
    def shown(self, assessment: Assessment, step: int) -> None:
        """The first time this step was shown; a reload or a way back changes nothing."""
        old = _is_old(assessment)
        if old and _timing_of(assessment.pk, step) is not None:
            return  # an old draft's reload: nothing to record, nobody to tell
        _write(_SHOWN_SQL, assessment.pk, step, timezone.now())
        if old:
            signals.old_draft_moved.send(sender=StepTiming, assessment=assessment)

    def save_step(self, assessment: Assessment, answers: dict[str, AnswerValue], step: int) -> bool:
        """A step saved to go on: its answers merged into the draft's (`save_answers`)
        and its first save recorded (`saved`), both or neither. False, and nothing
        stored, once the draft is submitted or deleted."""
        with transaction.atomic():
            if not assessment.save_answers(answers):
                return False
            self.saved(assessment, step)
        return True

    def saved(self, assessment: Assessment, step: int) -> None:
        """The first time this step was saved to go on. One statement; a step saved
        without a recorded view (a form posted straight) counts as shown when it was saved."""
        changed = _write(_SAVED_SQL, assessment.pk, step, timezone.now())
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


# Each write is one statement of its own: bulk_create(ignore_conflicts=True) and
# update_or_create() wrap theirs in a transaction, which costs a BEGIN and a COMMIT round
# trip on PostgreSQL on every step a CEO sees and saves. SQLite and PostgreSQL both take
# these ON CONFLICT clauses.
_SHOWN_SQL = """
    INSERT INTO assessments_steptiming (assessment_id, step, shown_at, saved_at)
    VALUES (%(assessment)s, %(step)s, %(now)s, NULL)
    ON CONFLICT (assessment_id, step) DO NOTHING
"""
_SAVED_SQL = """
    INSERT INTO assessments_steptiming (assessment_id, step, shown_at, saved_at)
    VALUES (%(assessment)s, %(step)s, %(now)s, %(now)s)
    ON CONFLICT (assessment_id, step) DO UPDATE SET saved_at = excluded.saved_at
    WHERE assessments_steptiming.saved_at IS NULL
"""


def _write(sql: str, assessment_id: int, step: int, now: datetime) -> int:
    """Run one of the statements above; how many rows it wrote (0 or 1)."""
    moment = StepTiming._meta.get_field("shown_at").get_db_prep_value(now, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"assessment": assessment_id, "step": step, "now": moment})
        return int(cursor.rowcount)
