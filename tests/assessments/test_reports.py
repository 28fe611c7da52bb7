"""assessments/reports.py and rolefit/pdf.py: the PDF report, read back with pypdf."""

import contextlib
import io
import socket
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader

from assessments import result_cache
from assessments.models import Assessment
from rolefit import tokens
from rolefit.pdf import html_to_pdf
from sharing.models import ShareLink
from tests.conftest import COMPLEX_ANSWERS
from tests.flow import answer_all, start, submit
from tests.recruiting import ceo_answers_invite, engagement_for, firm_of, recruiter, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(live_version):
    client = Client()
    resume = start(client)
    answers = {**COMPLEX_ANSWERS, "context_notes": "Our board wants one owner of revenue. " * 20}
    answer_all(client, resume, answers)
    submit(client, resume)
    owner = tokens.owner_token(resume)
    return {"owner": owner, "resume": resume, "assessment": Assessment.objects.get()}


def _read(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Chief Revenue Officer", "What drives the score", "Sales channels"]),
        ("es", ["Director de Ingresos", "Qué determina la puntuación", "Canales de venta"]),
    ],
)
def test_the_owners_report_in_each_language(owned, language, words):
    response = Client().get(f"/o/{owned['owner']}/report.pdf", HTTP_ACCEPT_LANGUAGE=language)
    reader, text = _read(response)
    assert len(reader.pages) <= 2
    for word in words:
        assert word in text, word
    assert "2026.1" in text  # the questionnaire version
    assert f'filename="rolefit-report-{language}.pdf"' in response["Content-Disposition"]


def test_no_token_is_in_the_text_the_metadata_or_the_bytes(owned):
    response = Client().get(f"/o/{owned['owner']}/report.pdf")
    reader, text = _read(response)
    secrets = [owned["owner"], owned["resume"], tokens.result_token(owned["owner"])]
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    for secret in secrets:
        for where in (text, metadata, response.content.decode("latin-1")):
            assert secret[:12] not in where
    assert metadata.count("RoleFit") >= 1


def test_a_share_link_offers_the_pdf_only_when_its_owner_allows(owned):
    assessment = owned["assessment"]
    _plain, without = ShareLink.create(assessment=assessment, label="Board")
    link, with_pdf = ShareLink.create(assessment=assessment, label="Chair", allow_pdf=True)
    reader = Client()
    assert reader.get(f"/s/{without}/report.pdf").status_code == 404
    assert "report.pdf" not in reader.get(f"/s/{without}/").content.decode()
    assert f"/s/{with_pdf}/report.pdf" in reader.get(f"/s/{with_pdf}/").content.decode()
    _pdf, text = _read(reader.get(f"/s/{with_pdf}/report.pdf"))
    assert "Our board wants one owner" not in text  # the link does not show free text
    link.revoke()
    assert reader.get(f"/s/{with_pdf}/report.pdf").status_code == 404


def test_a_deleted_result_takes_its_reports_with_it(owned):
    _link, shared = ShareLink.create(assessment=owned["assessment"], label="x", allow_pdf=True)
    client = Client()
    assert client.get(f"/o/{owned['owner']}/report.pdf").status_code == 200
    assert client.get(f"/s/{shared}/report.pdf").status_code == 200
    public_id = owned["assessment"].public_id
    assert cache.get(result_cache.pdf_key(public_id, "en", "owner")) is not None
    client.post(f"/o/{owned['owner']}/delete/", {"confirm": "on"})
    assert cache.get(result_cache.pdf_key(public_id, "en", "owner")) is None
    assert client.get(f"/o/{owned['owner']}/report.pdf").status_code == 404
    assert client.get(f"/s/{shared}/report.pdf").status_code == 404


def test_reports_are_made_once_and_then_served_from_the_cache(owned):
    with mock.patch("assessments.reports.html_to_pdf", wraps=html_to_pdf) as made:
        for _ in range(3):
            Client().get(f"/o/{owned['owner']}/report.pdf")
    assert made.call_count == 1


def test_a_firms_report_carries_its_name_logo_lead_and_note(live_version):
    lead = recruiter("rita")
    lead.first_name, lead.last_name = "Rita", "Ruiz"
    lead.save()
    engagement = engagement_for(lead, "Acme")
    ceo_answers_invite(engagement, COMPLEX_ANSWERS)
    client = signed_in(lead)
    client.post(f"{engagement.get_absolute_url()}note/", {"report_note": "Dear Ana, as agreed."})
    firm = firm_of(lead)
    firm.logo, firm.logo_type = _png(), "image/png"
    firm.save()
    assessment = Assessment.objects.get()
    url = f"{engagement.get_absolute_url()}results/{assessment.public_id}/report.pdf"
    reader, text = _read(client.get(url))
    for words in ("Rita Search", "Prepared by Rita Ruiz", "Dear Ana, as agreed."):
        assert words in text
    assert {image.name for image in reader.pages[0].images}  # the logo, on page one
    other_firm = signed_in(recruiter("otto"))
    assert other_firm.get(url).status_code == 404


def test_rendering_fetches_nothing(settings):
    """A hostile URL in a report's HTML reaches nothing: not another host, not this one."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(2)
    port = listener.getsockname()[1]
    connections = []

    def accept() -> None:
        with contextlib.suppress(OSError):  # the timeout: nobody came
            connections.append(listener.accept())

    waiting = threading.Thread(target=accept)
    waiting.start()
    html = (
        f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/x.css"></head>'
        f'<body><img src="http://127.0.0.1:{port}/x.png"><img src="file:///etc/passwd">'
        f'<p style="background: url(http://127.0.0.1:{port}/bg)">text</p></body></html>'
    )
    pdf = html_to_pdf(html, title="probe")
    waiting.join()
    listener.close()
    assert pdf.startswith(b"%PDF")
    assert connections == []


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (31, 95, 153)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_leader_comparison_has_a_pdf_too(owned):
    from leaders.models import Person

    assessment = owned["assessment"]
    ana = Person.objects.add(name="Ana Ruiz", email="", kind="candidate", assessment=assessment)
    Person.objects.add(name="Luis Gil", email="", kind="current", assessment=assessment)
    ana.rater_links.get(kind="interviewer").save_ratings(
        dict.fromkeys(ana.leader_bank().trait_index, 4)
    )
    response = Client().get(f"/o/{owned['owner']}/people/report.pdf")
    reader, text = _read(response)
    assert len(reader.pages) <= 2
    assert "Ana Ruiz" in text
    assert "Luis Gil" in text
    rater = ana.rater_links.get(kind="self").token()
    assert Client().get(f"/rate/{rater}/report.pdf").status_code == 404


def test_long_answers_a_long_note_and_long_names_still_fit_two_pages(live_version):
    # Found by a hostile tester: 2,000 characters of free text made 3 pages, and a note
    # of 500 short lines made 10.
    lead = recruiter("rita")
    lead.first_name = "R" * 150
    lead.save()
    engagement = engagement_for(lead, "A" * 120)
    answers = {**COMPLEX_ANSWERS, "context_notes": "word " * 400}
    ceo_answers_invite(engagement, answers)
    client = signed_in(lead)
    client.post(f"{engagement.get_absolute_url()}note/", {"report_note": "x\n" * 500})
    assessment = Assessment.objects.get()
    for language in ("en", "es"):
        url = f"{engagement.get_absolute_url()}results/{assessment.public_id}/report.pdf"
        reader, text = _read(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
        assert len(reader.pages) <= 2, language
        assert "Chief Revenue Officer" in text or "Director de Ingresos" in text
