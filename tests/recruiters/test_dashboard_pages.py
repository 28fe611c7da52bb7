"""The dashboard lists a firm's engagements a page at a time, keeping the filters."""

import datetime

import pytest

from recruiters.dashboard import DASHBOARD_PAGE_SIZE
from recruiters.models import Engagement
from tests.recruiting import engagement_for, firm_of, recruiter, signed_in

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
    # Paging alone filters nothing, so its filter form stays the blank one.
    assert client.get("/recruiter/", {"page": "2"}).context["form"].is_bound is False
    assert client.get("/recruiter/", {"page": "2", "q": "Client"}).context["form"].is_bound


def test_each_row_shows_its_link_lead_status_and_date_in_english_and_spanish():
    alice = recruiter("alice")
    led = engagement_for(alice, "Acme", business_unit="EMEA")
    Engagement.objects.filter(pk=led.pk).update(
        status=Engagement.Status.COMPLETED,
        recommendation="CRO",
        created_at=datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC),
    )
    unled = Engagement.objects.create(firm=firm_of(alice), recruiter=None, client_company="Globex")
    client = signed_in(alice)
    english = client.get("/recruiter/").content.decode()
    spanish = client.get("/recruiter/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    for page, lead in ((english, "Lead"), (spanish, "Responsable")):
        assert f'<a href="{led.get_absolute_url()}">Acme</a>' in page
        assert f'<a href="{unled.get_absolute_url()}">Globex</a>' in page
        assert f'<td data-label="{lead}">alice</td>' in page
    assert ">Completed<" in english
    assert ">Invited<" in english
    assert ">03/04/2026<" in english
    assert ">Completado<" in spanish  # an encargo: both labels masculine
    assert ">Invitado<" in spanish
    assert ">04/03/2026<" in spanish
    assert english.count(">—<") == spanish.count(">—<") == 2  # Globex: no lead, nothing yet


def test_the_blank_forms_drawn_once_keep_each_language_and_never_what_was_typed():
    client = signed_in(recruiter("alice"))
    english = client.get("/recruiter/").content.decode()
    spanish = client.get("/recruiter/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Any status" in english
    assert "Client company" in english
    assert "Cualquier estado" in spanish
    assert "Empresa cliente" in spanish
    assert "Any status" not in spanish
    assert "Client company" not in spanish
    searched = client.get("/recruiter/", {"q": "Initech"}).content.decode()
    assert 'value="Initech"' in searched
    assert 'value="Initech"' not in client.get("/recruiter/").content.decode()
    refused = client.post("/recruiter/engagements/", {"client_company": "Bad\nname"})
    assert refused.status_code == 400
    assert "Bad" in refused.content.decode()
    assert "Bad" not in client.get("/recruiter/").content.decode()
