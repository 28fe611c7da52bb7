"""Every API response the test suite provokes is checked against the OpenAPI document:
a test middleware (added in tests/conftest.py) validates each one with openapi-core
and keeps what does not match; an autouse fixture fails the test that caused it."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

MISMATCHES: list[str] = []
# The document itself and its reference page are not API operations.
NOT_OPERATIONS = ("/api/v1/openapi.json", "/api/v1/docs")


@cache
def openapi() -> OpenAPI:
    from integrations.api import api

    # As served: through JSON, which makes the status-code keys strings.
    served = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1")))
    return OpenAPI.from_dict(served)


def problems(request: HttpRequest, response: HttpResponse) -> list[str]:
    try:
        request.body  # noqa: B018 (read now: openapi-core reads it too)
    except RequestDataTooBig:
        request._body = b""  # the 413 is about the response, not this body
    if any("\n" in value or "\r" in value for value in request.headers.values()):
        # openapi-core cannot represent such a header; no real server would pass it on.
        return []
    try:
        openapi().validate_response(DjangoOpenAPIRequest(request), DjangoOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        return []  # no such operation: Django's own 404 or 405, not the API's contract
    except Exception as exc:
        detail = "; ".join(str(error) for error in getattr(exc, "schema_errors", [])) or str(exc)
        return [f"{request.method} {request.path} → {response.status_code}: {detail}"]
    return []


class CheckAPIResponses:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path_info
        if path.startswith("/api/v1/") and not path.startswith(NOT_OPERATIONS):
            MISMATCHES.extend(problems(request, response))
        return response
