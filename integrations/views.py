"""The firm owner's integrations page: API keys, webhook endpoints and each endpoint's
delivery log, with replay. A key or a secret is shown once, in the page that made it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from firms.models import Membership
from rolefit import ratelimit, security_log
from rolefit.types import AuthenticatedHttpRequest

from . import delivery, endpoints
from .forms import ApiKeyForm, WebhookForm
from .keys import create_key
from .models import ApiKey, WebhookDelivery, WebhookEndpoint

DELIVERIES_SHOWN = 50


def _owner(request: AuthenticatedHttpRequest) -> Membership:
    membership = Membership.objects.of(request.user)
    if membership is None:
        raise Http404
    if not membership.can_manage_members:
        raise PermissionDenied
    return membership


def _page(
    request: AuthenticatedHttpRequest, mine: Membership, status: int = 200, **extra: Any
) -> HttpResponse:
    firm = mine.firm
    context = {
        "firm": firm,
        "keys": ApiKey.objects.filter(firm=firm),
        "webhooks": WebhookEndpoint.objects.filter(firm=firm),
        "key_form": extra.pop("key_form", None) or ApiKeyForm(),
        "webhook_form": extra.pop("webhook_form", None) or WebhookForm(firm=firm),
        "now": timezone.now(),
        "trail": [
            (_("Engagements"), reverse("recruiters-dashboard")),
            (firm.name, reverse("firms-home")),
            (_("Integrations"), None),
        ],
        **extra,
    }
    response = render(request, "integrations/home.html", context, status=status)
    response["Cache-Control"] = "private, no-store"  # it may show a key or a secret
    return response


@require_http_methods(["GET"])
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, _owner(request))


@require_POST
@ratelimit.creating
@login_required
def add_key(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = _owner(request)
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _page(request, mine, status=400, key_form=form)
    data = form.cleaned_data
    key, text = create_key(
        mine.firm,
        data["name"],
        data["scopes"],
        by=request.user,
        expires_in_days=data["expires_in_days"],
    )
    security_log.record("api_key_created", request, firm=mine.firm.slug, key=key.prefix)
    return _page(request, mine, new_key=text)


@require_POST
@login_required
def revoke_key(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    mine = _owner(request)
    key = get_object_or_404(ApiKey, firm=mine.firm, pk=pk, revoked_at=None)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    security_log.record("api_key_revoked", request, firm=mine.firm.slug, key=key.prefix)
    messages.success(request, _("The key %(name)s is revoked.") % {"name": key.name})
    return redirect("integrations-home")


@require_POST
@ratelimit.creating
@login_required
def add_webhook(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = _owner(request)
    form = WebhookForm(request.POST, firm=mine.firm)
    if not form.is_valid():
        return _page(request, mine, status=400, webhook_form=form)
    endpoint = endpoints.create(mine.firm, form.cleaned_data["url"], form.cleaned_data["events"])
    return _page(request, mine, new_secret=endpoint.secret, new_secret_for=endpoint.url)


def _endpoint(mine: Membership, public_id: UUID) -> WebhookEndpoint:
    return get_object_or_404(WebhookEndpoint, firm=mine.firm, public_id=public_id)


@require_http_methods(["GET"])
@login_required
def webhook(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Every recent delivery to one endpoint, and every attempt at each."""
    mine = _owner(request)
    endpoint = _endpoint(mine, public_id)
    deliveries = endpoint.deliveries.prefetch_related("attempt_log")[:DELIVERIES_SHOWN]
    context = {
        "endpoint": endpoint,
        "deliveries": deliveries,
        "trail": [
            (_("Engagements"), reverse("recruiters-dashboard")),
            (mine.firm.name, reverse("firms-home")),
            (_("Integrations"), reverse("integrations-home")),
            (endpoint.url, None),
        ],
    }
    return render(request, "integrations/webhook.html", context)


@require_POST
@login_required
def webhook_action(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    """Rotate the secret, switch back on, or remove: one form per button."""
    mine = _owner(request)
    endpoint = _endpoint(mine, public_id)
    action = request.POST.get("action")
    if action == "rotate":
        secret = endpoints.rotate_secret(endpoint)
        return _page(request, mine, new_secret=secret, new_secret_for=endpoint.url)
    if action == "enable":
        endpoint.disabled_at = None
        endpoint.save(update_fields=["disabled_at"])
        messages.success(request, _("Sending to %(url)s again.") % {"url": endpoint.url})
        return redirect("integrations-webhook", endpoint.public_id)
    if action == "delete":
        endpoint.delete()
        messages.success(request, _("%(url)s removed.") % {"url": endpoint.url})
        return redirect("integrations-home")
    return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")


@require_POST
@login_required
def replay(request: AuthenticatedHttpRequest, public_id: UUID, delivery_id: UUID) -> HttpResponse:
    mine = _owner(request)
    endpoint = _endpoint(mine, public_id)
    found = get_object_or_404(WebhookDelivery, endpoint=endpoint, public_id=delivery_id)
    delivery.replay(found)
    messages.success(request, _("The delivery is queued again, with the same id."))
    return redirect("integrations-webhook", endpoint.public_id)
