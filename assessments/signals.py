"""What the assessments app announces, for apps built on top of it (notices) to act on
without this app knowing them."""

from django.dispatch import Signal

# Sent once per assessment, by the request that submitted it: `assessment=`.
submitted = Signal()

# Sent as an assessment is erased, before its row goes: `public_id=`. Whatever an app
# kept about it (a notice, say) goes too.
erased = Signal()

# Sent when a step of a draft started before today is first shown or saved:
# `assessment=`. Today's drafts change all day, so nobody needs telling about them.
old_draft_moved = Signal()
