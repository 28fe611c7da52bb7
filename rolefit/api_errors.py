"""The API's error answers, one shape for all: `{"errors": {"<field>": "<message>"}}`.

The JSON reader is `parse_json`, so hostile bodies (deep nesting, lone surrogates, NUL,
huge integers, NaN) are a 400 that names the problem, as everywhere else."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.parser import Parser

from .untrusted import UntrustedInputError, parse_json


class Errors(Schema):
    """Every 4xx and 5xx from the API: what went wrong, keyed by the field or by `body`,
    `auth` or `detail`."""

    errors: dict[str, str]


class BodyError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class TooManyRequests(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class UntrustedJSONParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            body = request.body
        except RequestDataTooBig:
            raise BodyError(413, "the body is too large") from None
        try:
            return parse_json(body)
        except UntrustedInputError as exc:
            raise BodyError(400, f"the body {exc}") from None


def errors(found: dict[str, str], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": found}, status=status)


def _field(location: list[Any]) -> str:
    # Ninja says where: ("body", "<parameter>", "field", ...) or ("query", "field").
    where = list(location)
    if where and where[0] == "body":
        where = where[2:]
    elif where and where[0] in ("query", "path"):
        where = where[1:]
    return ".".join(map(str, where)) or "body"


def install(api: Any) -> None:
    """Make every error this API can answer take the one shape."""

    @api.exception_handler(BodyError)
    def body_error(request: HttpRequest, exc: BodyError) -> HttpResponse:
        return errors({"body": exc.message}, status=exc.status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return errors({_field(error["loc"]): error["msg"] for error in exc.errors})

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        # One answer for a missing, unknown, revoked or expired key.
        response = errors({"auth": "a valid API key is required"}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="RoleFit"'
        return response

    @api.exception_handler(AuthorizationError)
    def forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return errors({"auth": exc.message}, status=403)

    @api.exception_handler(TooManyRequests)
    def too_many(request: HttpRequest, exc: TooManyRequests) -> HttpResponse:
        response = errors({"detail": "too many requests; try again later"}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return errors({"body": "the body is too large"}, status=413)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return errors({"detail": "not found"}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja wraps what the body parser raised; say what the parser said.
        if isinstance(exc.__cause__, BodyError):
            return body_error(request, exc.__cause__)
        return errors({"detail": exc.message.lower()}, status=exc.status_code)
