"""The result page kept under its link (assessments/views.py `result`, with
rolefit/capabilities.py `kept_private_page`): served from the shared cache in one read,
still behind the guessing limit, gone with the result, and kept no longer than an opening
needs no noting for retention."""

from datetime import UTC, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import result_cache
from assessments.models import Assessment
from assessments.models.assessment import OPENINGS_NOTED_EVERY
from rolefit import tokens
from sharing.models import ShareLink
from tests.flow import result_path, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(client, live_version):
    """A result, opened once (so its page is kept), and the path of its link."""
    path = result_path(submitted(client))
    client.logout()
    assert client.get(path).status_code == 200
    return Assessment.objects.get(), path


def _kept_key(assessment, language="en"):
    return result_cache.page_key(assessment.result_token_digest, language)


def _seconds_kept(key):
    """How long the database cache (the tests' shared cache) still keeps `key`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM rolefit_cache WHERE cache_key = %s",
            [cache.make_and_validate_key(key)],
        )
        (expires,) = cursor.fetchone()
    if timezone.is_naive(expires):  # SQLite's, in UTC
        expires = timezone.make_aware(expires, UTC)
    return (expires - timezone.now()).total_seconds()


def test_a_kept_page_goes_out_with_no_query_and_the_same_bytes(client, result):
    assessment, path = result
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert again.status_code == 200
    assert again.content == first.content
    assert cache.get(_kept_key(assessment)) == first.content
    # One read of the shared cache (the tests' is the database's) for the guessing count
    # and the page together; nothing else.
    (read,) = [query["sql"] for query in queries]
    assert "rolefit_cache" in read
    assert "ratelimit:token-miss" in read
    assert "result-page:" in read
    # The private page's headers go with a kept copy too.
    assert again["X-Robots-Tag"] == "noindex, nofollow"
    assert again["Referrer-Policy"] == "no-referrer"
    assert again["Cache-Control"] == "private, no-store"


def test_each_language_has_its_own_copy(client, result):
    assessment, path = result
    spanish = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.status_code == 200
    assert cache.get(_kept_key(assessment, "es")) == spanish.content
    assert cache.get(_kept_key(assessment, "en")) != spanish.content


def test_a_client_locked_out_for_guessing_gets_no_kept_copy(client, result, settings):
    _assessment, path = result
    settings.RF_TOKEN_MISS_LIMIT = 2
    for _ in range(2):
        assert client.get(f"/r/{tokens.new_token()}/").status_code == 404
    assert client.get(path).status_code == 429


def test_a_deleted_result_is_never_served_from_its_copy(client, result):
    assessment, path = result
    assessment.erase()
    assert cache.get(_kept_key(assessment)) == result_cache.GONE
    assert client.get(path).status_code == 404


def test_however_a_result_is_deleted_its_copies_go(client, result):
    # Not only through its owner's erase(): a plain delete (the admin's, the purge's)
    # too, and its share links' pages with it.
    assessment, path = result
    link, _share_token = ShareLink.create(assessment=assessment, label="Acme")
    cache.set(result_cache.shared_page_key(link.token_digest, "en"), b"a share link's page")
    Assessment.objects.filter(pk=assessment.pk).delete()
    assert cache.get(_kept_key(assessment)) == result_cache.GONE
    assert cache.get(result_cache.shared_page_key(link.token_digest, "en")) is None
    assert client.get(path).status_code == 404


def test_a_delete_that_rolls_back_leaves_the_result_shown(client, result):
    # The delete's mark stays if its transaction rolls back: the page is then made afresh
    # on every view (and never kept) until the mark expires, rather than refused.
    assessment, path = result
    cache.set(_kept_key(assessment), result_cache.GONE)
    first = client.get(path)
    assert first.status_code == 200
    assert b"Recommendation" in first.content
    assert cache.get(_kept_key(assessment)) == result_cache.GONE


def test_a_page_asked_for_with_a_query_string_is_neither_kept_nor_served_from_the_copy(
    client, result
):
    assessment, path = result
    cache.set(_kept_key(assessment), b"the bare page's copy", 60)
    response = client.get(f"{path}?utm_source=mail")
    assert response.status_code == 200
    assert b"the bare page's copy" not in response.content
    assert cache.get(_kept_key(assessment)) == b"the bare page's copy"


def test_a_page_kept_whole_keeps_no_copy_of_its_body_and_one_not_kept_does(client, result):
    assessment, path = result
    body = result_cache.body_key(assessment.public_id, "en", True)
    cache.clear()
    assert client.get(path).status_code == 200
    assert cache.get(_kept_key(assessment)) is not None
    assert cache.get(body) is None  # one write to the shared cache, not two
    assert client.get(f"{path}?utm_source=mail").status_code == 200
    assert cache.get(body) is not None


def test_the_copy_lasts_no_longer_than_the_next_noting_of_an_opening(client, live_version):
    path = result_path(submitted(client))
    client.logout()
    # Opened 23 hours and 59 minutes ago: this opening is not written down, and the next
    # one, a minute from now, must be. A copy kept for an hour would skip it.
    almost_a_day = timezone.now() - OPENINGS_NOTED_EVERY + timedelta(minutes=1)
    Assessment.objects.update(last_opened_at=almost_a_day)
    assert client.get(path).status_code == 200
    assessment = Assessment.objects.get()
    assert assessment.last_opened_at == almost_a_day
    assert 0 < _seconds_kept(_kept_key(assessment)) <= 60
    # Once it is due, the opening is written, and the copy kept for the hour again.
    Assessment.objects.update(last_opened_at=timezone.now() - 2 * OPENINGS_NOTED_EVERY)
    cache.clear()
    assert client.get(path).status_code == 200
    assert Assessment.objects.get().last_opened_at > almost_a_day
    assert 3500 < _seconds_kept(_kept_key(assessment)) <= result_cache.CACHE_SECONDS


def test_a_page_asked_for_under_a_script_prefix_is_neither_kept_nor_served_from_the_copy(
    client, live_version
):
    # Gunicorn takes SCRIPT_NAME from a header sent through the proxy's address; every
    # link on such a page carries the prefix, so it must not become everyone's page.
    path = result_path(submitted(client))
    client.logout()
    assessment = Assessment.objects.get()
    prefixed = client.get(path, SCRIPT_NAME="//evil.example")
    assert prefixed.status_code == 200
    assert cache.get(_kept_key(assessment)) is None
    bare = client.get(path)
    assert b"evil.example" not in bare.content
    assert cache.get(_kept_key(assessment)) == bare.content
