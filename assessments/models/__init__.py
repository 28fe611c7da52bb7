"""The assessments app's models, one module each: questionnaire versions, the rows of a
draft being edited, assessments, and the timings of their steps."""

from .assessment import Assessment, AssessmentQuerySet, MergedAnswers
from .draft_fields import DraftField, DraftNumber, DraftText
from .errors import ImmutableVersionError, NoLiveQuestionnaire
from .funnel import StepTiming
from .questionnaire import QuestionnaireVersion, content_digest
from .reference_unit import ReferenceUnit

__all__ = [
    "Assessment",
    "AssessmentQuerySet",
    "DraftField",
    "DraftNumber",
    "DraftText",
    "ImmutableVersionError",
    "MergedAnswers",
    "NoLiveQuestionnaire",
    "QuestionnaireVersion",
    "ReferenceUnit",
    "StepTiming",
    "content_digest",
]
