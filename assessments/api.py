"""The JSON API. Pydantic checks every body at the door; errors are 400s keyed by field."""

import json
from typing import Any, Literal

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bank import AnswersError, parse_answers
from .models import Assessment, QuestionnaireVersion, owner_url, result_url
from .tokens import owner_token


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    language: Literal["en", "es"] = "en"
    business_unit: str = Field(default="", max_length=120)


def _errors(errors: dict[str, str], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def _json_body(request: HttpRequest) -> Any:
    """The parsed body, or raise ValueError saying what is wrong with it."""
    try:
        return json.loads(request.body)
    except RequestDataTooBig:
        raise
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"the body is not valid JSON: {exc}") from None


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    # The bare-Django baseline for benchmarks: no database, no templates.
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt  # No cookies authenticate this endpoint, so there is no session to forge.
@require_POST
def create_assessment(request: HttpRequest) -> JsonResponse:
    try:
        payload = AssessmentIn.model_validate(_json_body(request))
    except RequestDataTooBig:
        return _errors({"body": "the body is too large"}, status=413)
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            return _errors({".".join(map(str, e["loc"])) or "body": e["msg"] for e in exc.errors()})
        return _errors({"body": str(exc)})
    try:
        questionnaire = QuestionnaireVersion.live()
    except QuestionnaireVersion.DoesNotExist:
        return _errors({"questionnaire": "no questionnaire is loaded yet"}, status=503)
    try:
        answers = parse_answers(questionnaire.parsed(), payload.answers)
    except AnswersError as exc:
        return _errors({f"answers.{key}": message for key, message in exc.errors.items()})
    assessment, resume_token = Assessment.start(
        questionnaire=questionnaire,
        business_unit=payload.business_unit,
        language=payload.language,
        answers=answers,
    )
    assessment.submit()
    return JsonResponse(
        {
            "result": assessment.result_for(payload.language),
            "result_url": request.build_absolute_uri(result_url(owner_token(resume_token))),
            "owner_url": request.build_absolute_uri(owner_url(resume_token)),
        },
        status=201,
    )
