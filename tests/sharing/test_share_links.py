"""Share links: shown once, read-only, counted, revocable, expiring, and fail closed alike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sharing.models import AccessEvent, ShareLink
from tests.conftest import SIMPLE_ANSWERS
from tests.flow import owner_path, share_through_owner_page, submitted

pytestmark = pytest.mark.django_db


def test_a_share_link_is_shown_once_and_stored_hashed(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    assert "new-share-link" not in client.get(owner_path(token)).content.decode()
    link = ShareLink.objects.get()
    secret = path.split("/")[2]
    assert len(secret) >= 22
    assert secret not in str(ShareLink.objects.values().get())
    assert link.expires_at is not None


def test_the_shared_view_is_read_only_and_counts_views(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    share_through_owner_page(client, token, label="Other firm")
    reader = type(client)()
    body = reader.get(path).content.decode()
    assert "Chief Sales Officer" in body
    assert "Shared with you: Acme Search Partners" in body
    for secret in ("owner-link", "/o/", "/a/", "Other firm", "share-links", "Revoke"):
        assert secret not in body
    reader.get(path)
    link = ShareLink.objects.get(label="Acme Search Partners")
    assert link.views == 2
    assert link.last_viewed_at is not None
    assert AccessEvent.objects.filter(share_link=link).count() == 2
    manage = client.get(owner_path(token)).content.decode()
    assert ">2</td>" in manage, "the owner page shows the count"


def test_free_text_answers_follow_the_toggle(client, live_version):
    token = submitted(client, {**SIMPLE_ANSWERS, "context_notes": "Board wants a US launch"})
    hidden = share_through_owner_page(client, token, label="hidden")
    shown = share_through_owner_page(client, token, label="shown", show_free_text="on")
    assert "Board wants a US launch" not in client.get(hidden).content.decode()
    assert "Board wants a US launch" in client.get(shown).content.decode()
    assert "Board wants a US launch" in client.get(owner_path(token)).content.decode()


def test_a_revoked_link_is_404(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    link = ShareLink.objects.get()
    response = client.post(f"{owner_path(token)}share-links/{link.public_id}/revoke/")
    assert response.status_code == 302
    assert client.get(path).status_code == 404
    assert "Revoked" in client.get(owner_path(token)).content.decode()


def test_an_expired_link_is_404(client, live_version):
    token = submitted(client)
    path = share_through_owner_page(client, token)
    ShareLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 404


def test_unknown_expired_revoked_and_deleted_links_look_the_same(client, live_version):
    token = submitted(client)
    expired, revoked, deleted = (share_through_owner_page(client, token, label=n) for n in "xyz")
    ShareLink.objects.filter(label="x").update(expires_at=timezone.now())
    ShareLink.objects.filter(label="y").update(revoked_at=timezone.now())
    other = submitted(client)
    gone = share_through_owner_page(client, other)
    client.post(f"{owner_path(other)}delete/", {"confirm": "on"})
    responses = [client.get(p) for p in ("/s/" + "A" * 32 + "/", expired, revoked, gone)]
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1
    assert client.get(deleted).status_code == 200


def test_share_form_errors_are_shown(client, live_version):
    token = submitted(client)
    response = client.post(
        f"{owner_path(token)}share-links/", {"label": "", "expires_in_days": "5"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body
    assert "Select a valid choice." in body
    assert not ShareLink.objects.exists()


def test_someone_elses_link_cannot_be_revoked(client, live_version):
    mine, theirs = submitted(client), submitted(client)
    share_through_owner_page(client, theirs)
    link = ShareLink.objects.get()
    response = client.post(f"{owner_path(mine)}share-links/{link.public_id}/revoke/")
    assert response.status_code == 404
    assert ShareLink.objects.get().revoked_at is None
