"""A deleted share link takes its cached page with it, whatever deleted it: its result's
erasure (a cascade), the retention purge, or an admin; and no view recorded meanwhile
can stop the delete."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from assessments import result_cache

from .models import ShareLink


@receiver(post_delete, sender=ShareLink, dispatch_uid="sharing-forget-page")
def _forget_page(sender: Any, instance: ShareLink, **kwargs: Any) -> None:
    digest = instance.token_digest
    result_cache.forget_shared_page(digest)
    # Again once the delete commits, as for a result (assessments/receivers.py).
    transaction.on_commit(lambda: result_cache.forget_shared_page(digest))


@receiver(pre_delete, sender=ShareLink, dispatch_uid="sharing-hold-views")
def _hold_views_back(sender: Any, instance: ShareLink, **kwargs: Any) -> None:
    # Inside the delete's transaction, before its access events go: a view being recorded
    # now finishes first (and its event goes with the others), and one that comes later
    # waits for the delete and then finds no link. Without the lock, an event committed
    # between the events' delete and the link's failed the whole delete on PostgreSQL
    # (found by a hostile test). SQLite queues writers anyway and ignores the lock.
    list(ShareLink.objects.select_for_update().filter(pk=instance.pk).values_list("pk"))
