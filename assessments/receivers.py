"""A deleted assessment takes every cached copy of its result with it, whatever deleted
it: its owner (`Assessment.erase`), the retention purge, or an admin."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import result_cache
from .models import Assessment


@receiver(post_delete, sender=Assessment, dispatch_uid="assessments-forget-copies")
def _forget_copies(sender: Any, instance: Assessment, **kwargs: Any) -> None:
    public_id, result_link = instance.public_id, instance.result_token_digest
    result_cache.forget(public_id, result_link)
    # Again once the delete is visible to every worker: a page rendered meanwhile by a
    # request that found the result just before is never left behind (result_cache.keep).
    transaction.on_commit(lambda: result_cache.forget(public_id, result_link))
