from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .retention import periods


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/privacy.html",
        {
            "periods": periods(),
            "contact": settings.RF_PRIVACY_CONTACT,
            "legal_basis": settings.RF_PRIVACY_LEGAL_BASIS,
        },
    )
