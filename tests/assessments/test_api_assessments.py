"""POST /api/v1/assessments and GET /healthz."""

import json

import pytest

from assessments.models import Assessment
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments"


def _post(client, body, content_type="application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type=content_type)


def test_submits_and_returns_result_and_links(client, live_version):
    response = _post(client, {"answers": COMPLEX_ANSWERS, "language": "es"})
    assert response.status_code == 201
    data = response.json()
    assert data["result"]["recommendation"] == "CRO"
    assert data["result"]["role_title"] == "Director de Ingresos (CRO)"
    assert Assessment.objects.get().is_submitted
    for link in ("result_url", "owner_url"):
        path = data[link].replace("http://testserver", "")
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert page.status_code == 200
        assert b"Chief Revenue Officer" in page.content


def test_language_defaults_to_english(client, live_version):
    response = _post(client, {"answers": SIMPLE_ANSWERS})
    assert response.json()["result"]["role_title"] == "Chief Sales Officer"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {**SIMPLE_ANSWERS, "sales_channels": 0}}, "answers.sales_channels"),
        ({"answers": {**SIMPLE_ANSWERS, "revenue_model": "barter"}}, "answers.revenue_model"),
        ({"answers": {**SIMPLE_ANSWERS, "lead_shortage": 1}}, "answers.lead_shortage"),
        ({"answers": {**SIMPLE_ANSWERS, "mood": "good"}}, "answers.mood"),
        (
            {"answers": {k: v for k, v in SIMPLE_ANSWERS.items() if k != "verticals"}},
            "answers.verticals",
        ),
        ({"answers": SIMPLE_ANSWERS, "language": "de"}, "language"),
        ({"answers": "none"}, "answers"),
        ({"language": "en"}, "answers"),
        ({"answers": SIMPLE_ANSWERS, "extra": 1}, "extra"),
        ([1, 2], "body"),
    ],
)
def test_bad_input_is_a_400_with_per_field_errors(client, live_version, body, field):
    response = _post(client, body)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Assessment.objects.exists()


def test_every_bad_answer_is_reported_at_once(client, live_version):
    body = {"answers": {**SIMPLE_ANSWERS, "verticals": 0, "churn_trend": "up"}}
    errors = _post(client, body).json()["errors"]
    assert set(errors) == {"answers.verticals", "answers.churn_trend"}


@pytest.mark.parametrize("raw", ["{not json", "", b"\xff\xfe", "null", "[]"])
def test_malformed_bodies_are_400(client, live_version, raw):
    response = _post(client, raw)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_oversized_body_is_413(client, live_version, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _post(client, {"answers": SIMPLE_ANSWERS, "business_unit": "x" * 2000})
    assert response.status_code == 413


def test_only_post_is_allowed(client, live_version):
    assert client.get(URL).status_code == 405


def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
