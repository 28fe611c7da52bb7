"""What the assessments app announces, for apps built on top of it (notices) to act on
without this app knowing them."""

from django.dispatch import Signal

# Sent once per assessment, by the request that submitted it: `assessment=`.
submitted = Signal()

# Sent as an assessment is erased, before its row goes: `public_id=`. Whatever an app
# kept about it (a notice, say) goes too.
erased = Signal()
