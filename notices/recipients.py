"""Who is told of an event, and how: each member of the event's firm, by their own
choice for that kind of event, or by default immediately for the engagement's lead and
in the daily digest for everyone else."""

from __future__ import annotations

from firms.models import Membership

from .events import Event
from .models import Delivery, Preference


def default_delivery(membership: Membership, event: Event) -> str:
    return Delivery.IMMEDIATELY if membership.user_id == event.lead_id else Delivery.DIGEST


def deliveries(event: Event) -> list[tuple[Membership, str]]:
    members = list(Membership.objects.filter(firm_id=event.firm_id).select_related("user"))
    chosen = dict(
        Preference.objects.filter(membership__in=members, kind=event.kind).values_list(
            "membership_id", "delivery"
        )
    )
    found = []
    for membership in members:
        delivery = chosen.get(membership.pk) or default_delivery(membership, event)
        if delivery != Delivery.NEVER and membership.user.email:
            found.append((membership, delivery))
    return found
