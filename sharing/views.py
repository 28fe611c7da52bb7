import json
import logging
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import send_mail
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import result_cache
from assessments.models import Assessment
from assessments.rendering import result_context
from assessments.reports import pdf_response, result_pdf
from outcomes import views as outcomes_views
from plans import views as plans_views
from rolefit import ratelimit, security_log
from rolefit.capabilities import Kept, kept_private_page, private_form_page, private_page
from rolefit.i18n import current_language
from teams.combined import combined_context, team_view

from .export import assessment_export
from .forms import DeleteForm, EmailOwnerLinkForm, ShareLinkForm
from .models import AccessEvent, ShareLink

logger = logging.getLogger(__name__)


def _owned(token: str) -> Assessment:
    assessment = Assessment.objects.owned_result(token)
    if assessment is None:
        raise Http404
    return assessment


def _manage(request: HttpRequest, token: str, **forms: Any) -> dict[str, Any]:
    assessment = _owned(token)
    context = result_context(assessment, language=current_language(), show_free_text=True)
    context.update(
        owner_link=request.build_absolute_uri(reverse("sharing-manage", args=[token])),
        token=token,
        share_links=list(assessment.share_links.all()),
        share_form=forms.get("share_form") or ShareLinkForm(),
        email_form=forms.get("email_form") or EmailOwnerLinkForm(),
        **outcomes_views.owner_context(request, assessment),
        **combined_context(assessment, current_language(), full=False),
    )
    return context


@require_GET
@private_form_page
def manage(request: HttpRequest, token: str) -> HttpResponse:
    context = _manage(request, token)
    assessment = context["assessment"]
    Assessment.objects.note_opened(assessment.pk, assessment.last_opened_at)
    return render(request, "sharing/manage.html", context)


@require_POST
@ratelimit.creating
@private_form_page
def create_share_link(request: HttpRequest, token: str) -> HttpResponse:
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        context = _manage(request, token, share_form=form)
        return render(request, "sharing/manage.html", context, status=400)
    link, share_token = ShareLink.create(
        assessment=_owned(token),
        label=form.cleaned_data["label"],
        expires_in_days=form.cleaned_data["expires_in_days"] or None,
        show_free_text=form.cleaned_data["show_free_text"],
        allow_pdf=form.cleaned_data["allow_pdf"],
        show_outcomes=form.cleaned_data["show_outcomes"],
        show_team=form.cleaned_data["show_team"],
    )
    security_log.record("share_link_created", request, share_link=str(link.public_id))
    # The token exists only in this response: show it once, like the owner link.
    messages.success(
        request,
        request.build_absolute_uri(reverse("sharing-shared", args=[share_token])),
        extra_tags=f"new-share-link {link.public_id}",
    )
    return redirect("sharing-manage", token)


@require_POST
@private_form_page
def revoke_share_link(request: HttpRequest, token: str, link_id: str) -> HttpResponse:
    link = _owned(token).share_links.filter(public_id=link_id).first()
    if link is None:
        raise Http404
    link.revoke()
    security_log.record("share_link_revoked", request, share_link=str(link.public_id))
    messages.info(request, _("The link “%(label)s” no longer works.") % {"label": link.label})
    return redirect("sharing-manage", token)


@require_POST
@private_form_page
def email_owner_link(request: HttpRequest, token: str) -> HttpResponse:
    form = EmailOwnerLinkForm(request.POST)
    if not form.is_valid():
        context = _manage(request, token, email_form=form)
        return render(request, "sharing/manage.html", context, status=400)
    assessment = _owned(token)
    limit = settings.RF_OWNER_EMAIL_LIMIT_PER_HOUR
    if not ratelimit.hit(request, "owner-email", limit=limit, window_seconds=3600):
        return ratelimit.too_many(request, retry_after=3600)
    link = request.build_absolute_uri(reverse("sharing-manage", args=[token]))
    try:
        _send_owner_link(assessment, link, form.cleaned_data["email"])
    except (SMTPException, OSError):
        logger.exception("the owner link could not be emailed")
        form.add_error(
            "email", _("The email could not be sent just now. Copy the link, or try again later.")
        )
        context = _manage(request, token, email_form=form)
        return render(request, "sharing/manage.html", context, status=503)
    messages.success(request, _("We have sent the link to %(email)s.") % form.cleaned_data)
    return redirect("sharing-manage", token)


def _send_owner_link(assessment: Assessment, link: str, address: str) -> None:
    send_mail(
        subject=_("Your RoleFit result"),
        message=_(
            "Here is the private link to your RoleFit result%(unit)s:\n\n%(link)s\n\n"
            "Anyone with this link can see the result and manage who else can. Keep it safe."
        )
        % {
            "link": link,
            "unit": f" ({assessment.business_unit})" if assessment.business_unit else "",
        },
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )


@require_GET
@private_page
def export(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _owned(token)
    AccessEvent.objects.create(assessment=assessment, kind=AccessEvent.Kind.EXPORT)
    response = HttpResponse(
        json.dumps(assessment_export(assessment), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="rolefit-assessment.json"'
    return response


@require_GET
@private_page
def report(request: HttpRequest, token: str) -> HttpResponse:
    """The owner's PDF report, in the page's language."""
    assessment = _owned(token)
    language = current_language()
    team = team_view(assessment, language)
    pdf = result_pdf(
        assessment, language=language, audience="owner", show_free_text=True, team=team
    )
    return pdf_response(pdf, language)


@require_GET
@private_page
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    """A share link's PDF report, if its owner offered one on that link."""
    link = ShareLink.objects.to_view(token)
    if link is None or not link.allow_pdf:
        raise Http404
    assessment = Assessment.objects.stored(link.assessment_id)  # all of it, for the report
    if assessment is None:
        raise Http404  # deleted since the link was checked
    link.assessment = assessment
    language = current_language()
    team = team_view(link.assessment, language) if link.show_team else None
    pdf = result_pdf(
        link.assessment,
        language=language,
        audience="shared",
        show_free_text=link.show_free_text,
        team=team,
    )
    return pdf_response(pdf, language)


@require_http_methods(["GET", "POST"])
@private_form_page
def delete(request: HttpRequest, token: str) -> HttpResponse:
    assessment = _owned(token)
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        security_log.record("assessment_deleted", request, assessment=str(assessment.public_id))
        assessment.erase()
        return redirect("sharing-deleted")
    return render(
        request,
        "sharing/delete.html",
        {
            "assessment": assessment,
            "form": form,
            "token": token,
            "trail": [
                (_("Your result"), reverse("sharing-manage", args=[token])),
                (_("Delete"), None),
            ],
        },
        status=400 if form.is_bound else 200,
    )


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "sharing/deleted.html")


@require_POST
@ratelimit.starting
@private_form_page
def retake(request: HttpRequest, token: str) -> HttpResponse:
    """Start a new assessment of the same unit, pre-filled, so the CEO changes only what moved."""
    assessment = _owned(token)
    _draft, resume_token = Assessment.start_from_live(
        earlier_answers=assessment.answers,
        business_unit=assessment.business_unit,
        language=current_language(),
        engagement=assessment.engagement,
    )
    return redirect("assessments-step", resume_token, 1)


@require_GET
@kept_private_page(result_cache.shared_page_key)
def shared(request: HttpRequest, token: str, kept: Kept) -> HttpResponse:
    # The link is looked up, and checked unexpired and unrevoked, on every view, and the
    # view is recorded: only then may the kept copy (read with the guessing count) go out.
    link = ShareLink.objects.to_view(token)
    if link is None:
        raise Http404
    try:
        link.record_view()
    except (IntegrityError, ObjectDoesNotExist):
        raise Http404 from None  # the result was deleted while this view was recorded
    Assessment.objects.note_opened(link.assessment_id, link.assessment.last_opened_at)
    if kept.page is not None:
        return HttpResponse(kept.page)
    return _shared_page(request, link, token, kept.key)


def _shared_page(
    request: HttpRequest, link: ShareLink, token: str, kept_under: str | None
) -> HttpResponse:
    assessment = Assessment.objects.stored(link.assessment_id)  # all of it, this time
    if assessment is None:
        raise Http404  # deleted since the link was checked
    link.assessment = assessment
    language = current_language()
    context = result_context(assessment, language=language, show_free_text=link.show_free_text)
    context["share_label"] = link.label
    if link.allow_pdf:
        context["pdf_url"] = reverse("sharing-shared-report", args=[token])
    if link.show_outcomes:
        context.update(outcomes=assessment.outcomes.all(), show_notes=link.show_free_text)
    if link.show_team:
        context.update(combined_context(assessment, language, full=False))
    response = render(request, "sharing/shared.html", context)
    # A link's page is the same bytes for every anonymous reader in a language, unless
    # it shows outcomes or the team, which grow (and lose a removed colleague) at any time.
    if kept_under is not None and not link.show_outcomes and not link.show_team:
        result_cache.keep(kept_under, response.content, still_there=assessment.is_still_stored)
    return response


@require_POST
@ratelimit.creating
@private_form_page
def start_plan(request: HttpRequest, token: str) -> HttpResponse:
    return plans_views.start_plan(request, _owned(token))


@require_POST
@ratelimit.creating
@private_form_page
def record_outcome(request: HttpRequest, token: str) -> HttpResponse:
    return outcomes_views.start(request, _owned(token))


@require_POST
@private_form_page
def stop_outcome_link(request: HttpRequest, token: str) -> HttpResponse:
    outcomes_views.stop(request, _owned(token))
    return redirect("sharing-manage", token)
