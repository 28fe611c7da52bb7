"""POST /api/v1/assessments: answers in, a submitted assessment and its links out."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from pydantic import ConfigDict, Field

from assessments.bank.answers import AnswersError, parse_answers
from assessments.models import Assessment, QuestionnaireVersion
from assessments.paths import owner_url, result_url
from assessments.scoring import RoleFit
from recruiters.models import Engagement
from rolefit import ratelimit
from rolefit.api_errors import Errors, TooManyRequests, errors
from rolefit.tokens import owner_token
from rolefit.validators import SingleLine

router = Router(tags=["assessments"])


class AssessmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    language: Literal["en", "es"] = "en"
    business_unit: SingleLine = Field(default="", max_length=120)
    invite: str | None = Field(
        default=None,
        max_length=100,
        description="The token at the end of an engagement's invite URL (…/i/<token>/): "
        "the assessment joins that engagement, as answering through the invite page does.",
    )


class AssessmentOut(Schema):
    result: RoleFit
    result_url: str
    owner_url: str


@router.post(
    "/assessments",
    response={201: AssessmentOut, 400: Errors, 413: Errors, 429: Errors, 503: Errors},
    summary="Submit answers and get the recommendation",
    by_alias=True,  # the result's "from" is a Python keyword, so its field has an alias
)
@decorate_view(ratelimit.calling_the_api)
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> JsonResponse:
    # Not start_from_live: the answers are checked against the live bank before anything
    # is stored. None published yet is a 503 (assessments/middleware.py).
    questionnaire = QuestionnaireVersion.live()
    try:
        answers = parse_answers(questionnaire.parsed(), payload.answers)
    except AnswersError as exc:
        return errors({f"answers.{key}": message for key, message in exc.errors.items()})
    engagement = _invited(request, payload.invite) if payload.invite else None
    if payload.invite and engagement is None:
        return errors({"invite": "no engagement has this invite link"})
    # Started submitted, in one write; what follows it (the engagement's status, the
    # webhooks queued) is in the same transaction, so a failure leaves nothing half-made.
    with transaction.atomic():
        assessment, resume_token = Assessment.start(
            questionnaire=questionnaire,
            business_unit=payload.business_unit or (engagement.business_unit if engagement else ""),
            language=payload.language,
            answers=answers,
            engagement=engagement,
            submit=True,
        )
    return JsonResponse(
        {
            "result": assessment.result_for(payload.language),
            "result_url": request.build_absolute_uri(result_url(owner_token(resume_token))),
            "owner_url": request.build_absolute_uri(owner_url(resume_token)),
        },
        status=201,
    )


def _invited(request: HttpRequest, token: str) -> Engagement | None:
    """The engagement of an invite token; a wrong one counts as a guess, like any link."""
    if ratelimit.token_lookups_blocked(request):
        raise TooManyRequests(settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    engagement = Engagement.objects.by_token(token.strip())
    if engagement is None and not ratelimit.record_token_miss(request):
        raise TooManyRequests(settings.RF_TOKEN_MISS_WINDOW_SECONDS)
    return engagement
