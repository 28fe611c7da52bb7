"""assessments/result_cache.py keep() and Assessment.erase(): a page rendered by a request
that found the result just before its delete is never left in the cache, and a share
link viewed while its result goes is a 404, not a 500."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError

from assessments import result_cache
from assessments.models import Assessment
from sharing.models import ShareLink
from tests.flow import result_path, share_through_owner_page, submitted

pytestmark = pytest.mark.django_db


def test_a_copy_of_a_result_gone_while_it_rendered_is_taken_back():
    result_cache.keep("result-page:x:en", b"kept", still_there=lambda: True)
    assert cache.get("result-page:x:en") == b"kept"
    result_cache.keep("result-page:y:en", b"late", still_there=lambda: False)
    assert cache.get("result-page:y:en") is None


def test_erase_forgets_again_once_the_delete_commits(
    client, live_version, django_capture_on_commit_callbacks
):
    token = submitted(client)
    assert client.get(result_path(token)).status_code == 200
    assessment = Assessment.objects.get()
    key = result_cache.page_key(assessment.result_token_digest, "en")
    with django_capture_on_commit_callbacks() as callbacks:
        assessment.erase()
        # Put there by hand: keep() itself adds nothing over the delete's mark (below).
        cache.set(key, b"rendered by a request that found it just before", 60)
    assert cache.get(key) is not None
    for callback in callbacks:
        callback()
    assert cache.get(key) == result_cache.GONE


def test_a_result_page_rendered_before_its_delete_is_never_kept_after_it(
    client, live_version, django_capture_on_commit_callbacks
):
    # The race a hostile test found on PostgreSQL with Redis: a request read the result
    # just before the delete, and stored its page after the delete had answered; for the
    # few milliseconds before keep() looked again, other visitors were served it. Now the
    # delete leaves its mark under the page's key, and keep() adds only where none is,
    # even when its second look (here, still inside the delete's transaction) finds the row.
    token = submitted(client)
    client.logout()
    path = result_path(token)
    assessment = Assessment.objects.get()
    key = result_cache.page_key(assessment.result_token_digest, "en")
    with django_capture_on_commit_callbacks(execute=True):
        assessment.erase()
        result_cache.keep(key, b"rendered just before the delete", still_there=lambda: True)
    assert cache.get(key) == result_cache.GONE
    assert client.get(path).status_code == 404


def test_a_share_link_viewed_while_its_result_goes_is_a_404(client, live_version, monkeypatch):
    token = submitted(client)
    shared = share_through_owner_page(client, token)

    def deleted_meanwhile(link):
        raise IntegrityError("FOREIGN KEY constraint failed")

    monkeypatch.setattr(ShareLink, "record_view", deleted_meanwhile)
    assert client.get(shared).status_code == 404
