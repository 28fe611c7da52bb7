"""What changes a day's tallies once it is over: a late submit or step of a draft started
that day, an assessment erased or purged, and an engagement or business unit deleted
(its assessments become direct ones)."""

from typing import Any

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from assessments import signals
from assessments.models import Assessment
from recruiters.models import Engagement
from units.models import BusinessUnit

from .rollup import mark_changed


@receiver(signals.submitted)
@receiver(signals.old_draft_moved)
def _moved(sender: Any, assessment: Assessment, **kwargs: Any) -> None:
    mark_changed(assessment.created_at)


@receiver(post_delete, sender=Assessment)
def _gone(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    mark_changed(instance.created_at)


@receiver(pre_delete, sender=Engagement)
@receiver(pre_delete, sender=BusinessUnit)
def _channel_changes(sender: Any, instance: Engagement | BusinessUnit, **kwargs: Any) -> None:
    """Its assessments stay, as direct ones (the link is set to null): the days they were
    started on are counted again."""
    link = "engagement" if isinstance(instance, Engagement) else "unit"
    started = Assessment.objects.filter(**{link: instance}).values_list("created_at", flat=True)
    for moment in started.iterator(chunk_size=2000):
        mark_changed(moment)
