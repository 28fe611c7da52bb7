"""A firm's webhook endpoints, by API key with the webhooks:manage scope."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.decorators import decorate_view
from pydantic import ConfigDict, Field

from integrations import endpoints
from integrations.models import Event, Scope, WebhookEndpoint
from rolefit import ratelimit
from rolefit.api_errors import Errors, errors

from .auth import FirmKey, key_with

router = Router(tags=["webhooks"], auth=FirmKey())


class WebhookIn(Schema):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=500, description="https://… (a public address)")
    events: list[Event] = Field(min_length=1, max_length=10)


class WebhookOut(Schema):
    id: UUID
    url: str
    events: list[Event]
    created_at: datetime
    disabled: bool


class WebhookCreated(WebhookOut):
    secret: str = Field(description="whsec_…: shown once; verify signatures with it")


class SecretOut(Schema):
    secret: str = Field(description="The new whsec_ secret; the old one also signs for 24 hours")


def _json(endpoint: WebhookEndpoint) -> dict[str, object]:
    return {
        "id": str(endpoint.public_id),
        "url": endpoint.url,
        "events": endpoint.events,
        "created_at": endpoint.created_at.isoformat(),
        "disabled": endpoint.disabled_at is not None,
    }


@router.post(
    "/webhooks",
    response={201: WebhookCreated, 400: Errors, 401: Errors, 403: Errors, 429: Errors},
    summary="Add a webhook endpoint",
)
@decorate_view(ratelimit.calling_the_api)
def create_webhook(request: HttpRequest, payload: WebhookIn) -> JsonResponse:
    key = key_with(request, Scope.WEBHOOKS_MANAGE)
    problem = endpoints.url_problem(payload.url) or endpoints.firm_problem(key.firm, payload.url)
    if problem:
        return errors({"url": problem})
    endpoint = endpoints.create(key.firm, payload.url, [str(event) for event in payload.events])
    return JsonResponse({**_json(endpoint), "secret": endpoint.secret}, status=201)


@router.get(
    "/webhooks",
    response={200: list[WebhookOut], 401: Errors, 403: Errors, 429: Errors},
    summary="List the firm's webhook endpoints",
)
def list_webhooks(request: HttpRequest) -> JsonResponse:
    key = key_with(request, Scope.WEBHOOKS_MANAGE)
    return JsonResponse(
        [_json(endpoint) for endpoint in WebhookEndpoint.objects.filter(firm=key.firm)], safe=False
    )


@router.delete(
    "/webhooks/{webhook_id}",
    response={204: None, 401: Errors, 403: Errors, 404: Errors, 429: Errors},
    summary="Remove a webhook endpoint and its delivery log",
)
def delete_webhook(request: HttpRequest, webhook_id: UUID) -> HttpResponse:
    key = key_with(request, Scope.WEBHOOKS_MANAGE)
    get_object_or_404(WebhookEndpoint, firm=key.firm, public_id=webhook_id).delete()
    return HttpResponse(status=204)


@router.post(
    "/webhooks/{webhook_id}/rotate-secret",
    response={200: SecretOut, 401: Errors, 403: Errors, 404: Errors, 429: Errors},
    summary="A new signing secret; both sign for 24 hours",
)
def rotate_secret(request: HttpRequest, webhook_id: UUID) -> JsonResponse:
    key = key_with(request, Scope.WEBHOOKS_MANAGE)
    endpoint = get_object_or_404(WebhookEndpoint, firm=key.firm, public_id=webhook_id)
    return JsonResponse({"secret": endpoints.rotate_secret(endpoint)})
