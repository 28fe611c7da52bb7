"""What changes a day's tallies once it is over: a late submit or step of a draft started
that day, and an assessment erased or purged."""

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessments import signals
from assessments.models import Assessment

from .rollup import mark_changed


@receiver(signals.submitted)
@receiver(signals.old_draft_moved)
def _moved(sender: Any, assessment: Assessment, **kwargs: Any) -> None:
    mark_changed(assessment.created_at)


@receiver(post_delete, sender=Assessment)
def _gone(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    mark_changed(instance.created_at)
