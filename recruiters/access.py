"""What a signed-in recruiter may reach of one engagement, for the pages other apps hang
under it (its people, its leadership team): one lookup, one rule for viewers."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from firms.models import Membership
from rolefit.types import Trail

from .models import Engagement


@dataclass(frozen=True)
class EngagementAccess:
    engagement: Engagement
    read_only: bool  # a firm's viewer: the pages show, nothing changes

    @property
    def trail(self) -> Trail:
        """Breadcrumbs up to the engagement."""
        return [
            (_("Engagements"), reverse("recruiters-dashboard")),
            (str(self.engagement), self.engagement.get_absolute_url()),
        ]


def engagement_access(user: User, public_id: UUID) -> EngagementAccess | None:
    """The engagement of the user's firm with this id, or None for anyone else's."""
    membership = Membership.objects.of(user)
    engagement = Engagement.objects.visible_to(user).filter(public_id=public_id).first()
    if engagement is None or membership is None:
        return None
    return EngagementAccess(engagement, read_only=not membership.can_run_engagements)
