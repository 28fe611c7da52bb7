"""A unit is watched over time: when a new result calls it differently from the last,
the units app says so (units/signals.py)."""

from typing import Any

from django.dispatch import receiver

from assessments.models import Assessment
from assessments.signals import submitted

from .signals import flipped


@receiver(submitted, dispatch_uid="units-submitted")
def on_submitted(sender: Any, assessment: Assessment, **kwargs: Any) -> None:
    unit = assessment.unit
    if unit is None:
        return
    before = (
        unit.assessments.filter(status=Assessment.Status.SUBMITTED)
        .exclude(pk=assessment.pk)
        .order_by("-submitted_at")
        .values_list("recommendation", flat=True)
        .first()
    )
    if before and before != assessment.recommendation:
        flipped.send(sender=type(unit), unit=unit, assessment=assessment, before=before)
