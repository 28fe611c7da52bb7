"""The JSON API. Pydantic checks every body at the door; errors are 400s keyed by field."""

from typing import Any, Literal, TypeVar

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rolefit import ratelimit
from rolefit.tokens import owner_token
from rolefit.untrusted import UntrustedInputError, parse_json
from rolefit.validators import SingleLine

from .bank.answers import AnswersError, parse_answers
from .models import Assessment, QuestionnaireVersion
from .paths import owner_url, result_url

Body = TypeVar("Body", bound=BaseModel)


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any]
    language: Literal["en", "es"] = "en"
    business_unit: SingleLine = Field(default="", max_length=120)


def json_errors(errors: dict[str, str], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def parse_body(request: HttpRequest, model: type[Body]) -> Body | JsonResponse:
    """The body validated by `model`, or the 4xx response that says what is wrong with it."""
    try:
        return model.model_validate(parse_json(request.body))
    except RequestDataTooBig:
        return json_errors({"body": "the body is too large"}, status=413)
    except UntrustedInputError as exc:
        return json_errors({"body": f"the body {exc}"})
    except ValidationError as exc:
        return json_errors(
            {".".join(map(str, error["loc"])) or "body": error["msg"] for error in exc.errors()}
        )


@csrf_exempt  # No cookies authenticate this endpoint, so there is no session to forge.
@require_POST
@ratelimit.calling_the_api
def create_assessment(request: HttpRequest) -> JsonResponse:
    payload = parse_body(request, AssessmentIn)
    if isinstance(payload, JsonResponse):
        return payload
    # Not start_from_live: the answers are checked against the live bank before anything
    # is stored. None published yet is a 503 (assessments/middleware.py).
    questionnaire = QuestionnaireVersion.live()
    try:
        answers = parse_answers(questionnaire.parsed(), payload.answers)
    except AnswersError as exc:
        return json_errors({f"answers.{key}": message for key, message in exc.errors.items()})
    # Started and submitted together: a submit that fails leaves no half-made draft.
    with transaction.atomic():
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
