"""insights/views.py: the staff-only Insights page in both languages, its CSV downloads
and the streamed, pseudonymous answer export."""

import csv
import io

import pytest
from openpyxl import load_workbook

from assessments.models import Assessment
from insights.exports import pseudonym
from tests.conftest import COMPLEX_ANSWERS

from .conftest import SUBMITTED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "heading"), [("en", "Funnel"), ("es", "Embudo")])
def test_staff_see_every_section_in_their_language(admin_client, funnel, language, heading):
    admin_client.cookies["django_language"] = language
    page = admin_client.get("/admin/insights/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    body = page.content.decode()
    assert heading in body
    for figure in ("funnel-figure", "scores-figure", "monthly-figure", "lean-figure"):
        assert f'id="{figure}"' in body
        assert f'data-figure="{figure}"' in body
    assert "<script>" not in body  # the figures are data; the strict CSP allows no inline code


def test_the_admin_home_links_to_insights(admin_client, live_version):
    assert 'href="/admin/insights/"' in admin_client.get("/admin/").content.decode()


def test_bad_filters_are_a_400_that_says_why(admin_client, funnel):
    answer = admin_client.get("/admin/insights/", {"since": "2026-13-01", "channel": "fax"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Enter a valid date" in body
    assert "Select a valid choice" in body


@pytest.mark.parametrize("which", ["funnel", "questions", "answers", "scores", "monthly"])
def test_every_table_downloads_as_csv(admin_client, funnel, which):
    answer = admin_client.get("/admin/insights/", {"download": which})
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert len(rows) > 1


def test_an_unknown_download_is_a_400(admin_client, funnel):
    assert admin_client.get("/admin/insights/", {"download": "secrets"}).status_code == 400


def test_the_export_has_one_pseudonymous_row_per_result(admin_client, funnel):
    notes = "Call Jane Roe at jane@example.com"
    extra, _resume = Assessment.start(
        questionnaire=funnel, answers={**COMPLEX_ANSWERS, "context_notes": notes}
    )
    extra.submit()
    answer = admin_client.get("/admin/insights/results.csv")
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["result", "version", "language"]
    assert "context_notes" not in rows[0]
    assert len(rows) == 1 + SUBMITTED + 1
    assert pseudonym(extra.public_id) in text
    assert str(extra.public_id) not in text
    assert "jane" not in text.lower()
    book = load_workbook(io.BytesIO(b"".join(admin_client.get("/admin/insights/results.xlsx"))))
    assert book["results"].max_row == len(rows)


def test_an_unknown_export_format_is_a_404(admin_client, funnel):
    assert admin_client.get("/admin/insights/results.pdf").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"until": "9999-12-31"},
        {"since": "0001-01-01"},
        {"language": "en\x00"},
        {"recruiter": "x" * 5000},
        {"channel": "direct\r\nX: 1"},
    ],
)
def test_hostile_filters_are_a_400(admin_client, funnel, query):
    assert admin_client.get("/admin/insights/", query).status_code == 400
    assert admin_client.get("/admin/insights/results.csv", query).status_code == 400


def test_a_spreadsheet_too_big_to_write_in_a_request_is_refused(admin_client, funnel, monkeypatch):
    from insights import exports

    monkeypatch.setattr(exports, "XLSX_MOST_ROWS", SUBMITTED - 1)
    answer = admin_client.get("/admin/insights/results.xlsx")
    assert answer.status_code == 400
    assert "Download the CSV" in answer.content.decode()
    assert admin_client.get("/admin/insights/results.csv").status_code == 200
