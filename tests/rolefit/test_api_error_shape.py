"""rolefit/middleware.py ApiErrorShapeMiddleware: under /api/ every error is JSON in the
API's one shape, whoever produced it; other pages keep their HTML."""

import pytest
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.test import RequestFactory

from rolefit.middleware import ApiErrorShapeMiddleware


def _through(path: str, response: HttpResponse) -> HttpResponse:
    return ApiErrorShapeMiddleware(lambda request: response)(RequestFactory().get(path))


def test_a_crash_under_the_api_answers_json_500():
    shaped = _through("/api/v1/engagements", HttpResponse("<h1>Server Error</h1>", status=500))
    assert shaped.status_code == 500
    assert shaped["Content-Type"] == "application/json"
    assert shaped.content == b'{"errors": {"detail": "internal server error"}}'


def test_the_allow_header_survives():
    shaped = _through("/api/v1/webhooks", HttpResponseNotAllowed(["GET", "POST"]))
    assert shaped.status_code == 405
    assert shaped["Allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("path", "response"),
    [
        ("/api/v1/x", JsonResponse({"errors": {"auth": "no"}}, status=401)),
        ("/api/v1/x", HttpResponse("fine")),
        ("/recruiter/", HttpResponse("<h1>Not found</h1>", status=404)),
    ],
)
def test_json_answers_successes_and_pages_pass_unchanged(path, response):
    assert _through(path, response) is response


def test_an_unknown_api_address_is_a_json_404(client):
    answer = client.delete("/api/v1/share-links/")
    assert answer.status_code == 404
    assert answer.json() == {"errors": {"detail": "not found"}}
