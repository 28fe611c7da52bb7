"""The check-in page, reached through the assessment's outcome link."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments.models import Assessment
from rolefit.capabilities import private_form_page

from .forms import CheckInForm
from .models import Outcome, OutcomeLink


def start(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """From the owner page: the assessment's outcome link, made the first time."""
    if not assessment.is_submitted:
        raise Http404
    return redirect("outcomes-check-in", OutcomeLink.of(assessment).token())


@require_http_methods(["GET", "POST"])
@private_form_page
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    link = OutcomeLink.objects.select_related("assessment").by_token(token)
    if link is None or link.revoked_at is not None:
        raise Http404
    assessment = link.assessment
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        assessment=assessment,
        initial={"submission": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        submission = form.cleaned_data["submission"]
        # The same form posted twice (a double click, a reload) records one check-in.
        if not Outcome.objects.filter(submission=submission).exists():
            outcome = form.save(commit=False)
            outcome.assessment, outcome.submission = assessment, submission
            try:
                with transaction.atomic():
                    outcome.save()
            except IntegrityError:
                pass  # the twin request stored it a moment ago
        messages.success(request, _("Recorded. Thank you: every check-in adds to the evidence."))
        return redirect("outcomes-check-in", token)
    unit = assessment.business_unit or _("Your business unit")
    context = {
        "form": form,
        "assessment": assessment,
        "history": assessment.outcomes.all(),
        "trail": [(unit, None), (_("How the hire worked out"), None)],
    }
    return render(request, "outcomes/check_in.html", context, status=400 if form.is_bound else 200)
