"""Where events come from: the apps announce what happened with signals, and this module
turns each into notices. No view knows that notices exist."""

from typing import Any
from uuid import UUID

from django.dispatch import receiver

from assessments.models import Assessment
from assessments.signals import erased, submitted
from leaders.models import RaterLink
from leaders.signals import rated
from units.models import BusinessUnit
from units.signals import flipped

from . import events
from .delivery import record
from .models import Notice


@receiver(submitted, dispatch_uid="notices-submitted")
def on_submitted(sender: Any, assessment: Assessment, **kwargs: Any) -> None:
    record(events.client_submitted(assessment))


@receiver(flipped, dispatch_uid="notices-flipped")
def on_flipped(
    sender: Any, unit: BusinessUnit, assessment: Assessment, before: str, **kwargs: Any
) -> None:
    record(events.unit_flipped(unit, assessment, before))


@receiver(erased, dispatch_uid="notices-erased")
def on_erased(sender: Any, public_id: UUID, **kwargs: Any) -> None:
    """An erased result leaves no notice behind, sent or waiting."""
    Notice.objects.filter(event_key__in=events.keys_of_assessment(public_id)).delete()


@receiver(rated, dispatch_uid="notices-rated")
def on_rated(sender: Any, link: RaterLink, **kwargs: Any) -> None:
    record(events.rating_submitted(link))
