"""A share link's page is kept in the shared cache for anonymous readers, but only goes
out after the link is found usable and the view is recorded; revoking the link or
erasing the result forgets the copy."""

import pytest
from django.core.cache import cache
from django.test import Client

from assessments import result_cache
from assessments.models import Assessment
from sharing.models import AccessEvent, ShareLink
from tests.flow import owner_path, share_through_owner_page, submitted

pytestmark = pytest.mark.django_db


def _cached(assessment: Assessment) -> dict[str, bytes]:
    return cache.get(result_cache.shared_pages_key(assessment.public_id, "en")) or {}


def test_the_page_is_cached_and_every_view_still_counts(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    link = ShareLink.objects.get()
    reader = Client()
    first = reader.get(path)
    assert _cached(link.assessment) == {str(link.public_id): first.content}
    second = reader.get(path)
    assert second.content == first.content
    assert second["Cache-Control"] == "private, no-store"
    link.refresh_from_db()
    assert link.views == 2
    assert link.events.count() == 2


def test_a_revoked_link_is_refused_and_its_copy_forgotten(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    reader = Client()
    assert reader.get(path).status_code == 200
    link = ShareLink.objects.get()
    link.revoke()
    assert _cached(link.assessment) == {}
    # Even a copy put back by hand is never served for a revoked link.
    cache.set(
        result_cache.shared_pages_key(link.assessment.public_id, "en"),
        {str(link.public_id): b"stale"},
    )
    assert reader.get(path).status_code == 404


def test_erasing_the_result_forgets_its_shared_pages(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    assert Client().get(path).status_code == 200
    assessment = Assessment.objects.get()
    response = client.post(f"{owner_path(token)}delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert _cached(assessment) == {}
    assert Client().get(path).status_code == 404


def test_a_link_that_shows_outcomes_is_never_cached(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token, show_outcomes="on")
    assert Client().get(path).status_code == 200
    assert _cached(Assessment.objects.get()) == {}


def test_a_view_of_a_link_gone_since_it_was_read_records_nothing(client, live_version):
    # ShareLink.record_view: on PostgreSQL one statement, elsewhere one transaction; either
    # way a link deleted (with its result) after the page read it records no event.
    token = submitted(client)
    share_through_owner_page(client, token)
    link = ShareLink.objects.get()
    link.record_view()
    link.refresh_from_db()
    assert (link.views, link.events.get().assessment_id) == (1, link.assessment_id)
    assert link.last_viewed_at is not None
    Assessment.objects.get().erase()
    with pytest.raises(ShareLink.DoesNotExist):
        link.record_view()
    assert not AccessEvent.objects.exists()
