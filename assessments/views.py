from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rolefit import ratelimit
from rolefit.capabilities import (
    Kept,
    kept_private_page,
    private_form_page,
    private_page,
    same_for_everyone,
)
from rolefit.i18n import current_language
from rolefit.types import View

from . import result_cache, step_pages
from .bank.answers import answer_problems
from .forms import SectionForm, StartForm, blank_step_digest, rendered_step_form
from .models import Assessment, QuestionnaireVersion, StepTiming
from .paths import owner_url, resume_url
from .rendering import result_context, review_context


def draft_page(view: View) -> View:
    """Load the draft a resume link points to; once submitted, every draft page leads to the
    result, which makes a replayed submit or a late Back click harmless."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        # Its (published, immutable) questionnaire is kept in memory by each process, so
        # this is one small query: a draft has no result snapshot yet.
        assessment = Assessment.objects.by_resume_token(token)
        if assessment is None:
            raise Http404
        assessment.questionnaire = QuestionnaireVersion.published(assessment.questionnaire_id)
        if assessment.is_submitted:
            return redirect(owner_url(token))
        return view(request, assessment, token, *args, **kwargs)

    return wrapper


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/landing.html", {"form": StartForm()})


@require_POST
@ratelimit.starting
def start(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return render(request, "assessments/landing.html", {"form": form}, status=400)
    _assessment, resume_token = Assessment.start_from_live(
        business_unit=form.cleaned_data["business_unit"], language=current_language()
    )
    return redirect("assessments-step", resume_token, 1)


@require_GET
@private_page
@draft_page
def resume(request: HttpRequest, assessment: Assessment, token: str) -> HttpResponse:
    number = assessment.first_unfinished_step()
    if number is None:
        return redirect("assessments-review", token)
    return redirect("assessments-step", token, number)


@require_http_methods(["GET", "POST"])
@private_form_page
@draft_page
def step(request: HttpRequest, assessment: Assessment, token: str, number: int) -> HttpResponse:
    sections = assessment.questionnaire.parsed().sections
    if not 1 <= number <= len(sections):
        raise Http404
    section = sections[number - 1]
    language = current_language()

    def section_form(data: Any = None) -> SectionForm:
        return SectionForm(data, section=section, language=language, answers=assessment.answers)

    is_post = request.method == "POST"
    form = section_form(request.POST) if is_post else None
    if form is not None:
        going_back = request.POST.get("action") == "back"
        if form.is_valid() or going_back:
            # Going back keeps whatever was valid on this step, so nothing typed is lost.
            if going_back:
                stored = assessment.save_answers(form.answers())
            else:
                stored = StepTiming.objects.save_step(assessment, form.answers(), number)
            if not stored:
                # Submitted from another tab meanwhile (the resume link leads to the
                # result), or deleted (it leads to a 404).
                return redirect(resume_url(token))
            return _after_saving(token, number, len(sections), going_back=going_back)
    else:
        _shown(assessment, number)
    version = assessment.questionnaire.content_sha256

    def context(marks: dict[str, Any]) -> dict[str, Any]:
        shown_token = marks.get("token", token)
        shown_form = form if form is not None else section_form()
        return {
            "form": shown_form,
            "form_html": rendered_step_form(
                shown_form, cache_key_prefix=f"{version}:{number}:{language}"
            ),
            "business_unit": assessment.business_unit,
            "section_title": section.title.get(language),
            "section_intro": section.intro.get(language) if section.intro else "",
            "number": number,
            "total": len(sections),
            "resume_link": request.build_absolute_uri(resume_url(shown_token)),
            **marks,
        }

    # A blank step (a GET) needs no form at all when its page is kept.
    digest = None if is_post else blank_step_digest(section, assessment.answers)
    if digest is not None and same_for_everyone(request):
        # The static parts of a blank step are rendered once per version, step, language
        # and stored choices; this visitor's token, CSRF token and unit are filled in.
        return HttpResponse(
            step_pages.page(
                request,
                token=token,
                business_unit=assessment.business_unit,
                key_parts=(version, str(number), language, digest),
                render=lambda marks: render_to_string(
                    "assessments/step.html", context(marks), request
                ),
            )
        )
    return render(
        request,
        "assessments/step.html",
        context({"token": token}),
        status=400 if is_post else 200,
    )


def _shown(assessment: Assessment, number: int) -> None:
    try:
        StepTiming.objects.shown(assessment, number)
    except IntegrityError:
        raise Http404 from None  # the draft was deleted (an old one, purged) since it was read


def _after_saving(token: str, number: int, total: int, *, going_back: bool) -> HttpResponse:
    if going_back:
        return redirect("assessments-step", token, max(number - 1, 1))
    if number < total:
        return redirect("assessments-step", token, number + 1)
    return redirect("assessments-review", token)


@require_http_methods(["GET", "POST"])
@ratelimit.limited("submit", setting="RF_SUBMIT_LIMIT_PER_HOUR", window_seconds=3600)
@private_form_page
@draft_page
def review(request: HttpRequest, assessment: Assessment, token: str) -> HttpResponse:
    bank = assessment.questionnaire.parsed()
    missing = answer_problems(bank, assessment.answers)
    if request.method == "GET":
        _shown(assessment, len(bank.sections) + 1)
    if request.method == "POST" and not missing:
        if assessment.submit():
            messages.success(
                request,
                gettext("Your result is ready. Save this page’s link: it is your only way back."),
            )
            return redirect(owner_url(token))
        # Another tab cleared an answer since this request read them: shown as missing.
        missing = answer_problems(bank, assessment.answers)
    return render(
        request,
        "assessments/review.html",
        {
            "assessment": assessment,
            **review_context(
                bank,
                assessment.answers,
                missing,
                step_url=lambda number: reverse("assessments-step", args=[token, number]),
                resume_link=request.build_absolute_uri(resume_url(token)),
            ),
            "token": token,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@kept_private_page(result_cache.page_key)
def result(request: HttpRequest, token: str, kept: Kept) -> HttpResponse:
    # The read-only result page is the same bytes for every anonymous visitor in a
    # language, and a result never changes, so the whole page is kept in the shared cache
    # under its link, and goes out from there with no other check: deleting the
    # assessment, however it is done, forgets it everywhere (assessments/receivers.py).
    # It is kept no longer than an opening needs no noting for retention.
    if kept.page is not None:
        return HttpResponse(kept.page)
    assessment = Assessment.objects.result_by_token(token)
    if assessment is None:
        raise Http404
    next_noted = Assessment.objects.note_opened(assessment.pk, assessment.last_opened_at)
    # A page kept whole needs no copy of its body besides.
    context = result_context(
        assessment,
        language=current_language(),
        show_free_text=True,
        keep_body=kept.key is None,
    )
    response = render(request, "assessments/result.html", context)
    if kept.key is not None:
        result_cache.keep(
            kept.key, response.content, still_there=assessment.is_still_stored, until=next_noted
        )
    return response
