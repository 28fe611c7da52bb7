"""The OpenAPI document: valid 3.1, and every example in docs/api.md matches it. Live
responses are checked for every test by tests/integrations/contract.py."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from openapi_core.testing import MockRequest, MockResponse

from .contract import openapi

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"
EXAMPLE = re.compile(
    r"<!-- example: (GET|POST|DELETE) (\S+) (request|\d{3}) -->\s*```json\n(.*?)```", re.S
)
HEADERS = {"Authorization": "Bearer rf_live_example", "Content-Type": "application/json"}


def _examples() -> list[tuple[str, str, str, str]]:
    found = EXAMPLE.findall(DOCS.read_text(encoding="utf-8"))
    assert len(found) >= 9, "docs/api.md lost its examples"
    return found


def test_the_document_is_valid_openapi_3_1(db):
    served = Client().get("/api/v1/openapi.json")
    assert served.status_code == 200
    document = served.json()
    assert document["openapi"].startswith("3.1")
    openapi().check_spec()
    for path in ("/api/v1/assessments", "/api/v1/share-links", "/api/v1/engagements"):
        assert path in document["paths"]


@pytest.mark.parametrize(("method", "path", "kind", "body"), _examples())
def test_every_documented_example_matches_the_document(method, path, kind, body):
    data = json.loads(body)
    headers = dict(HEADERS)
    if path.startswith("/api/v1/share-links"):
        headers["Authorization"] = "Owner example"
    request = MockRequest(
        "https://rolefit.example.com",
        method.lower(),
        path,
        headers=headers,
        data=json.dumps(data).encode() if kind == "request" else None,
        content_type="application/json",
    )
    if kind == "request":
        openapi().validate_request(request)
    else:
        response = MockResponse(json.dumps(data).encode(), status_code=int(kind))
        openapi().validate_response(request, response)
