from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.models import Assessment
from assessments.rendering import result_context
from assessments.reports import pdf_response, result_pdf
from firms.models import Membership
from plans import views as plans_views
from rolefit import ratelimit
from rolefit.capabilities import private_form_page
from rolefit.i18n import current_language
from rolefit.types import AuthenticatedHttpRequest

from .dashboard import dashboard_page
from .forms import DashboardFilterForm, EngagementForm, ReportNoteForm
from .models import Engagement
from .signals import engagement_created


def _may_run_engagements(request: AuthenticatedHttpRequest) -> Membership:
    """The member's firm, for a change only owners and recruiters may make; a viewer or
    someone in no firm gets a 403."""
    membership = Membership.objects.of(request.user)
    if membership is None or not membership.can_run_engagements:
        raise PermissionDenied
    return membership


@require_GET
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    # The page number is no filter: an unfiltered list paged through keeps the blank
    # filter form, which is drawn once per process and language.
    filters = request.GET.copy()
    filters.pop("page", None)
    form = DashboardFilterForm(filters or None)
    membership = Membership.objects.of(request.user)
    engagements = Engagement.objects.visible_to(request.user)
    sort = "-created_at"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            engagements = engagements.filter(
                Q(client_company__icontains=data["q"]) | Q(business_unit__icontains=data["q"])
            )
        if data["status"]:
            engagements = engagements.filter(status=data["status"])
        if data["recommendation"]:
            engagements = engagements.filter(recommendation=data["recommendation"])
        sort = data["sort"] or sort
    # A page at a time: the page costs the same two queries and the same rendering
    # however many engagements the firm has.
    page, rows = dashboard_page(engagements.order_by(sort, "-created_at"), request.GET.get("page"))
    return render(
        request,
        "recruiters/dashboard.html",
        {
            "form": form,
            "membership": membership,
            "rows": rows,
            "page": page,
            "new_form": EngagementForm() if membership and membership.can_run_engagements else None,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_POST
@ratelimit.creating
@login_required
def create_engagement(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = _may_run_engagements(request)
    form = EngagementForm(request.POST)
    if not form.is_valid():
        page, rows = dashboard_page(Engagement.objects.visible_to(request.user), 1)
        context = {
            "form": DashboardFilterForm(),
            "membership": membership,
            "rows": rows,
            "page": page,
            "new_form": form,
        }
        return render(request, "recruiters/dashboard.html", context, status=400)
    engagement = form.save(commit=False)
    engagement.firm, engagement.recruiter = membership.firm, request.user
    engagement.save()
    engagement_created.send(sender=Engagement, engagement=engagement)
    return redirect(engagement)


def _own_engagement(request: AuthenticatedHttpRequest, public_id: UUID) -> Engagement:
    # Another firm's engagement is a 404, not a 403: its existence is not theirs to learn.
    return get_object_or_404(Engagement.objects.visible_to(request.user), public_id=public_id)


@require_GET
@login_required
def engagement_detail(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    engagement = _own_engagement(request, public_id)
    membership = Membership.objects.of(request.user)
    # The client's way in is for those who run the engagement, not for viewers.
    may_run = membership is not None and membership.can_run_engagements
    invite_link = (
        request.build_absolute_uri(reverse("recruiters-invite", args=[engagement.token()]))
        if may_run
        else None
    )
    return render(
        request,
        "recruiters/engagement.html",
        {
            "engagement": engagement,
            "may_run": may_run,
            "note_form": ReportNoteForm(instance=engagement) if may_run else None,
            "assessments": engagement.assessments.order_by("-created_at"),
            "invite_link": invite_link,
            "trail": [(_("Engagements"), reverse("recruiters-dashboard")), (str(engagement), None)],
        },
    )


@require_GET
@login_required
def engagement_result(
    request: AuthenticatedHttpRequest, public_id: UUID, assessment_id: UUID
) -> HttpResponse:
    engagement = _own_engagement(request, public_id)
    assessment = get_object_or_404(
        engagement.assessments.filter(status=Assessment.Status.SUBMITTED), public_id=assessment_id
    )
    context = result_context(assessment, language=current_language(), show_free_text=True)
    membership = Membership.objects.of(request.user)
    context["engagement"] = engagement
    context["may_run"] = membership is not None and membership.can_run_engagements
    context["trail"] = [
        (_("Engagements"), reverse("recruiters-dashboard")),
        (str(engagement), engagement.get_absolute_url()),
        (_("Result"), None),
    ]
    return render(request, "recruiters/result.html", context)


@require_POST
@login_required
def engagement_note(request: AuthenticatedHttpRequest, public_id: UUID) -> HttpResponse:
    engagement = _own_engagement(request, public_id)
    _may_run_engagements(request)
    form = ReportNoteForm(request.POST, instance=engagement)
    if form.is_valid():
        form.save()
        messages.success(request, _("The note is saved; the next PDF report carries it."))
    else:
        messages.error(
            request, " ".join(str(error) for error in form.errors.get("report_note", []))
        )
    return redirect(engagement)


@require_GET
@login_required
def engagement_report(
    request: AuthenticatedHttpRequest, public_id: UUID, assessment_id: UUID
) -> HttpResponse:
    """The result as a PDF under the firm's name and logo, with the lead's note."""
    engagement = _own_engagement(request, public_id)
    assessment = get_object_or_404(
        engagement.assessments.filter(status=Assessment.Status.SUBMITTED), public_id=assessment_id
    )
    language = current_language()
    pdf = result_pdf(
        assessment,
        language=language,
        audience="recruiter",
        show_free_text=True,
        branding=engagement.branding(),
    )
    return pdf_response(pdf, language)


def _invited(token: str) -> Engagement:
    engagement = Engagement.objects.by_token(token)
    if engagement is None:
        raise Http404
    return engagement


@require_http_methods(["GET", "POST"])
@ratelimit.starting
@private_form_page
def invite(request: HttpRequest, token: str) -> HttpResponse:
    """The CEO's way in from a recruiter: no account, and the CEO still owns the result."""
    engagement = _invited(token)
    if request.method == "GET":
        return render(request, "recruiters/invite.html", {"engagement": engagement})
    _assessment, resume_token = Assessment.start_from_live(
        business_unit=engagement.business_unit,
        language=current_language(),
        engagement=engagement,
    )
    return redirect("assessments-step", resume_token, 1)


@require_POST
@ratelimit.creating
@login_required
def start_plan(
    request: AuthenticatedHttpRequest, public_id: UUID, assessment_id: UUID
) -> HttpResponse:
    engagement = _own_engagement(request, public_id)
    _may_run_engagements(request)
    assessment = get_object_or_404(engagement.assessments.all(), public_id=assessment_id)
    return plans_views.start_plan(request, assessment)
