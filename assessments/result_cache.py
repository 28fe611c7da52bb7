"""Where a result's rendered HTML is cached, and forgetting all of it at once.

Submitted results are immutable snapshots, so their HTML can be kept in the shared
cache; deleting an assessment or a share link, however it is deleted, forgets every copy,
in every language and for every audience, so nothing of it outlives the delete
(assessments/receivers.py, sharing/receivers.py).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.cache import cache
from django.utils import timezone

LANGUAGES = ("en", "es")
# Bounded, so a template change reaches cached pages within the hour even on Redis.
CACHE_SECONDS = 3600


def body_key(public_id: UUID, language: str, show_free_text: bool) -> str:
    return f"result-body:{public_id}:{language}:{int(show_free_text)}"


def page_key(result_link_digest: str, language: str) -> str:
    """The result page, under its link's digest: the page goes out straight from the
    cache (`kept_private_page`), with no need to look the link up first."""
    return f"result-page:{result_link_digest}:{language}"


def shared_page_key(share_link_digest: str, language: str) -> str:
    """A share link's page, under the link's digest: it is read with the guessing count,
    and goes out once the link is found usable and the view recorded."""
    return f"result-shared-page:{share_link_digest}:{language}"


# Who a PDF report was made for: its owner, a share link's reader, or a firm's recruiter.
REPORT_AUDIENCES = ("owner", "shared", "recruiter")


def pdf_key(public_id: UUID, language: str, audience: str) -> str:
    return f"result-pdf:{public_id}:{language}:{audience}"


# What a deleted result's page keys hold instead of the page. The result page goes out
# straight from the cache, so a copy that a request rendered just before the delete must
# never land there after it, not even for the moment `keep()` takes to look again: the
# mark is written over the page by the delete, and `keep()` only adds where nothing is.
# Not bytes, so never a page (rolefit.capabilities.Kept). It lasts as long as a copy
# could, so it outlives any request that read the result before the delete; if the
# delete rolls back, the page is rendered afresh on each view until the mark expires.
GONE = "gone"


def forget(public_id: UUID, result_link_digest: str) -> None:
    """Every copy of a result but its share links' pages (`forget_shared_page`)."""
    cache.set_many(
        {page_key(result_link_digest, language): GONE for language in LANGUAGES}, CACHE_SECONDS
    )
    cache.delete_many(
        [body_key(public_id, language, shown) for language in LANGUAGES for shown in (True, False)]
        + _report_keys(public_id)
    )


def forget_shared_page(share_link_digest: str) -> None:
    cache.delete_many([shared_page_key(share_link_digest, language) for language in LANGUAGES])


def forget_reports(public_id: UUID) -> None:
    """The PDF reports alone: what a colleague's answers reach, once they are removed."""
    cache.delete_many(_report_keys(public_id))


def _report_keys(public_id: UUID) -> list[str]:
    return [
        pdf_key(public_id, language, audience)
        for language in LANGUAGES
        for audience in REPORT_AUDIENCES
    ]


def keep(
    key: str, value: Any, *, still_there: Callable[[], bool], until: datetime | None = None
) -> None:
    """Cache a rendered copy of a result where none is, unless the result went while it
    was rendered; for an hour at most, and never past `until`. A stale copy is deleted
    first by whoever finds it stale (a report whose team changed).

    A request that passed its check just before a delete may finish after the delete's
    `forget()`. A result page's key then holds the delete's mark (GONE), so nothing is
    added. Other copies (bodies, reports, share pages) are never served unchecked, and
    are stored first and looked at again: either the delete committed before the look,
    and the copy is taken back here, or after it, and the delete's own forget (run again
    once it commits) takes it."""
    seconds = CACHE_SECONDS
    if until is not None:
        seconds = min(seconds, int((until - timezone.now()).total_seconds()))
        if seconds <= 0:
            return
    if cache.add(key, value, seconds) and not still_there():
        cache.delete(key)
