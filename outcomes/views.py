"""The check-in page, reached through the assessment's outcome link, and the staff's
backtest of a version against the recorded outcomes."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import admin, messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from assessments.bank.rules import BankError, parse_bank
from assessments.bank.schema import QuestionBank
from assessments.models import Assessment, NoLiveQuestionnaire, QuestionnaireVersion
from rolefit import ratelimit
from rolefit.capabilities import private_form_page

from .backtest import MINIMUM, backtest
from .evidence import cases, success_rule
from .forms import CheckInForm
from .invitations import check_in_due
from .models import Outcome, OutcomeLink
from .signals import recorded


def start(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """From the owner page: the assessment's outcome link, made the first time."""
    if not assessment.is_submitted:
        raise Http404
    return redirect("outcomes-check-in", OutcomeLink.of(assessment).token())


def stop(request: HttpRequest, assessment: Assessment) -> None:
    """From the owner page: the outcome link stops working; asking again makes a new one."""
    if OutcomeLink.objects.filter(assessment=assessment, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    ):
        messages.info(request, _("The outcome link no longer works."))


def owner_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    """What the owner page shows of the outcomes: the history and the usable link.

    Check-ins are recorded through the link, so with no link ever made there is nothing
    to read (demo check-ins have none, but nobody holds a demo result's owner link)."""
    try:
        link = assessment.outcome_link  # select_related by the owner page
    except OutcomeLink.DoesNotExist:
        return {"outcomes": [], "outcome_link": None}
    url = reverse("outcomes-check-in", args=[link.token()]) if link.revoked_at is None else None
    return {
        "outcomes": assessment.outcomes.all(),
        "outcome_link": request.build_absolute_uri(url) if url else None,
    }


@require_http_methods(["GET", "POST"])
@ratelimit.creating
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
            # Which check-in this is follows from the calendar, not from the link.
            outcome.check_in = check_in_due(assessment.submitted_at, timezone.localdate())
            try:
                with transaction.atomic():
                    outcome.save()
                    recorded.send(sender=Outcome, outcome=outcome)
                # Someone still cares about this result: retention counts it as opened.
                Assessment.objects.note_opened(assessment.pk, assessment.last_opened_at)
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


@require_GET
def backtest_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A version (a draft, say) beside the live one, on the same recorded outcomes: on
    evidence, before anything is published. Staff only (urls.py)."""
    version = get_object_or_404(QuestionnaireVersion, pk=pk)
    context: dict[str, Any] = {**admin.site.each_context(request), "version": version}
    try:
        bank = parse_bank(version.bank)
    except BankError as exc:
        context["problems"] = exc.problems
        return render(request, "admin/outcomes/backtest.html", context, status=400)
    rule = success_rule()
    found = list(cases())
    banks = [(version.version, bank)]
    try:
        live = QuestionnaireVersion.live()
    except NoLiveQuestionnaire:
        live = None
    if live is not None and live.pk != version.pk:
        banks.insert(0, (_("%(v)s (live)") % {"v": live.version}, live.parsed()))
    columns = [_column(name, one, backtest(one, found, rule)) for name, one in banks]
    demo = Outcome.objects.filter(demo=True).count()
    context.update({"columns": columns, "rule": rule, "minimum": MINIMUM, "demo": demo})
    return render(request, "admin/outcomes/backtest.html", context)


def _column(name: str, bank: QuestionBank, figures: dict[str, Any]) -> dict[str, Any]:
    """One version's figures as table rows: followed or not, then each strength band."""
    rows = []
    if figures["sufficient"]:
        language = get_language() or "en"
        rows = [
            (_("Followed the recommendation"), figures["followed"]),
            (_("Went against it"), figures["not_followed"]),
        ]
        for band in bank.strength_bands:
            label = band.label.get(language)
            groups = figures["by_band"][band.key]
            rows.append((_("%(band)s, followed") % {"band": label}, groups["followed"]))
            rows.append((_("%(band)s, against") % {"band": label}, groups["not_followed"]))
    return {"name": name, "figures": figures, "rows": rows}
