"""What the units app announces, for apps built on top of it (notices, integrations)."""

from django.dispatch import Signal

# Sent when a unit's newest result calls it differently from the one before:
# `unit=`, `assessment=` (the newest), `before=` (the earlier call).
flipped = Signal()
