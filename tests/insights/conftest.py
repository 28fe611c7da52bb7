"""A known funnel for the Insights tests: ten drafts on the live version, losing some at
each step, with step times of 10 s x draft number x step number."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assessments.models import Assessment, QuestionnaireVersion, StepTiming
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS

# Of ten drafts: how many saved each step, reached the review, and submitted.
SAVED = {1: 8, 2: 6, 3: 5}
REVIEWED, SUBMITTED = 5, 4


@pytest.fixture
def funnel(live_version):
    version = QuestionnaireVersion.live()
    base = timezone.now() - timedelta(days=1)
    for number in range(10):
        answers = COMPLEX_ANSWERS if number < 3 else SIMPLE_ANSWERS
        assessment, _resume = Assessment.start(questionnaire=version, answers=answers)
        for step in (1, 2, 3):
            saved = number < SAVED[step]
            took = timedelta(seconds=10 * (number + 1) * step)
            StepTiming.objects.create(
                assessment=assessment,
                step=step,
                shown_at=base,
                saved_at=base + took if saved else None,
            )
            if not saved:
                break
        if number < REVIEWED:
            StepTiming.objects.create(assessment=assessment, step=4, shown_at=base)
        if number < SUBMITTED:
            assessment.submit()
    return version
