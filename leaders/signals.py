"""What the leaders app announces, for apps built on top of it (notices)."""

from django.dispatch import Signal

# Sent each time a rater saves their ratings: `link=`.
rated = Signal()
