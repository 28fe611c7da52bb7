"""The owner's data: export everything, delete everything, retake pre-filled, email the link."""

import json

import pytest
from django.core import mail
from django.core.cache import cache

from assessments.models import Assessment
from sharing.models import AccessEvent, ShareLink
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from tests.flow import owner_path, result_path, share_through_owner_page, submitted

pytestmark = pytest.mark.django_db


def test_export_holds_everything_but_secrets(client, live_version):
    token = submitted(client, {**SIMPLE_ANSWERS, "context_notes": "Private note"})
    share = share_through_owner_page(client, token)
    client.get(share)
    response = client.get(f"{owner_path(token)}export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["answers"]["sales_channels"] == 1
    assert data["answers"]["context_notes"] == "Private note"
    assert data["result"]["en"]["recommendation"] == "CSO"
    assert data["questionnaire_version"] == live_version.version
    assert data["share_links"][0]["label"] == "Acme Search Partners"
    assert data["share_links"][0]["views"] == 1
    text = response.content.decode()
    assert share.split("/")[2] not in text
    assert ShareLink.objects.get().token_digest not in text
    assert token not in text


def test_delete_needs_confirmation(client, live_version):
    token = submitted(client)
    page = client.get(f"{owner_path(token)}delete/")
    assert b"cannot be undone" in page.content
    response = client.post(f"{owner_path(token)}delete/", {})
    assert response.status_code == 400
    assert Assessment.objects.count() == 1


def test_delete_erases_everything_and_every_link_then_404s(client, live_version):
    token = submitted(client, {**COMPLEX_ANSWERS, "context_notes": "secret plans"})
    share = share_through_owner_page(client, token)
    client.get(share)
    client.get(result_path(token))  # now cached as a whole page
    client.get(f"{owner_path(token)}export.json")
    public_id = Assessment.objects.get().public_id
    assert cache.get(f"result-body:{public_id}:en:1"), "the owner page was rendered and cached"
    response = client.post(f"{owner_path(token)}delete/", {"confirm": "on"})
    assert response["Location"] == "/deleted/"
    assert not Assessment.objects.exists()
    assert not ShareLink.objects.exists()
    assert not AccessEvent.objects.exists()
    keys = [f"result-body:{public_id}:{lang}:{shown}" for lang in ("en", "es") for shown in (0, 1)]
    assert cache.get_many(keys) == {}, "no rendered copy of the result remains"
    for path in (owner_path(token), result_path(token), share, f"/a/{token}/"):
        assert client.get(path).status_code == 404, path
    replay = client.post(f"{owner_path(token)}delete/", {"confirm": "on"})
    assert replay.status_code == 404


def test_retake_starts_a_new_prefilled_draft(client, live_version):
    token = submitted(client, COMPLEX_ANSWERS)
    response = client.post(f"{owner_path(token)}retake/")
    assert response.status_code == 302
    draft = Assessment.objects.get(status=Assessment.Status.IN_PROGRESS)
    assert draft.answers == {**COMPLEX_ANSWERS}
    step = client.get(response["Location"]).content.decode()
    assert 'value="4"' in step
    assert Assessment.objects.count() == 2


def test_owner_link_can_be_emailed(client, live_version):
    token = submitted(client)
    response = client.post(f"{owner_path(token)}email/", {"email": "ceo@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ceo@example.com"]
    assert f"http://testserver{owner_path(token)}" in mail.outbox[0].body


def test_a_bad_email_address_is_refused(client, live_version):
    token = submitted(client)
    response = client.post(f"{owner_path(token)}email/", {"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid email address." in response.content
    assert not mail.outbox


def test_submitting_lands_on_the_manage_page_with_a_warning_to_keep_the_link(client, live_version):
    token = submitted(client)
    body = client.get(owner_path(token)).content.decode()
    assert "Your result is ready" in body
    assert f'value="http://testserver{owner_path(token)}"' in body
    assert "Keep this page’s link safe." in body


def test_emailing_the_link_while_mail_is_down_is_a_clear_503(client, live_version, settings):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    token = submitted(client)
    response = client.post(f"{owner_path(token)}email/", {"email": "ceo@example.com"})
    assert response.status_code == 503
    assert "could not be sent just now" in response.content.decode()
