from django.dispatch import Signal

# Sent with `outcome` inside the transaction that stores a check-in.
recorded = Signal()
