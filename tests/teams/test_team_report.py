"""assessments/reports.py with a team: a full team of thirteen, with long names and many
disagreements, in both languages, still fits the report's pages."""

import random

import pytest

from assessments.management.commands.seed_demo import demo_answers
from assessments.models import Assessment, QuestionnaireVersion
from assessments.reports import result_pdf
from teams.combined import team_view
from teams.models import MAX_INVITED, Team

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_full_team_with_long_names_fits_the_report(live_version, language):
    version = QuestionnaireVersion.live()
    bank = version.parsed()
    rng = random.Random(4)  # noqa: S311 (synthetic answers)
    notes = {"context_notes": "A long note. " * 150}
    assessment, _resume = Assessment.start(
        questionnaire=version, answers={**demo_answers(bank, rng), **notes}
    )
    assessment.submit()
    team = Team.of(assessment)
    for number in range(MAX_INVITED):
        colleague = team.invite(role_label=f"Chief Financial Officer and board observer {number}")
        colleague.answers = demo_answers(bank, rng)
        colleague.save()
        colleague.submit(name="Carmen Ortega Villanueva de la Fuente y Montalbán, Iberia")
    view = team_view(assessment, language)
    assert view is not None
    assert len(view["respondents"]) == MAX_INVITED + 1
    pdf = result_pdf(
        assessment, language=language, audience="owner", show_free_text=True, team=view
    )
    assert pdf.startswith(b"%PDF")
