"""The dashboard lists a firm's engagements a page at a time, keeping the filters."""

import pytest

from recruiters.models import Engagement
from recruiters.views import DASHBOARD_PAGE_SIZE
from tests.recruiting import firm_of, recruiter, signed_in

pytestmark = pytest.mark.django_db


def test_engagements_come_a_page_at_a_time_with_the_filters_kept():
    alice = recruiter("alice")
    Engagement.objects.bulk_create(
        Engagement(
            firm=firm_of(alice),
            recruiter=alice,
            client_company=f"Client {n:03}",
            token_digest=f"{n:064x}",
        )
        for n in range(DASHBOARD_PAGE_SIZE + 5)
    )
    client = signed_in(alice)
    first = client.get("/recruiter/", {"sort": "client_company"}).content.decode()
    assert "Client 000" in first
    assert f"Client {DASHBOARD_PAGE_SIZE - 1:03}" in first
    assert f"Client {DASHBOARD_PAGE_SIZE:03}" not in first
    assert "?sort=client_company&amp;page=2" in first
    second = client.get("/recruiter/", {"sort": "client_company", "page": "2"}).content.decode()
    assert f"Client {DASHBOARD_PAGE_SIZE + 4:03}" in second
    assert "Client 000" not in second
    # A page past the end shows the last one rather than an error.
    assert client.get("/recruiter/", {"page": "99"}).status_code == 200
