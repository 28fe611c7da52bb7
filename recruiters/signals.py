"""What the recruiters app announces, for apps built on top of it (integrations)."""

from django.dispatch import Signal

# Sent once when an engagement is created, on a page or through the API: `engagement=`.
engagement_created = Signal()
