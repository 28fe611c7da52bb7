"""A deleted share link takes its cached page with it, whatever deleted it: its result's
erasure (a cascade), the retention purge, or an admin."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from assessments import result_cache

from .models import ShareLink


@receiver(post_delete, sender=ShareLink, dispatch_uid="sharing-forget-page")
def _forget_page(sender: Any, instance: ShareLink, **kwargs: Any) -> None:
    digest = instance.token_digest
    result_cache.forget_shared_page(digest)
    # Again once the delete commits, as for a result (assessments/receivers.py).
    transaction.on_commit(lambda: result_cache.forget_shared_page(digest))
