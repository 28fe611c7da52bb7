"""Builders for business units over time: an organisation made through its page, and
units re-assessed as if quarters had passed."""

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from assessments.models import Assessment
from units.models import BusinessUnit, Organisation

from .conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from .flow import answer_all, submit

# One unit's answers over four quarters, drifting from a CSO business to a CRO one.
DRIFT = [
    SIMPLE_ANSWERS,
    {**SIMPLE_ANSWERS, "sales_channels": 2, "competitors": 8},
    {**SIMPLE_ANSWERS, "sales_channels": 2, "verticals": 2, "competitors": 10},
    COMPLEX_ANSWERS,
]


def new_organisation(client: Client) -> tuple[Organisation, str]:
    response = client.post("/org/new/", {"name": "Acme Group"})
    assert response.status_code == 302
    return Organisation.objects.get(), response["Location"]


def reassess_quarters_ago(
    client: Client, org_url: str, unit: BusinessUnit, answers: Any, quarters_ago: int
) -> Assessment:
    response = client.post(f"{org_url}units/{unit.public_id}/assess/")
    token = response["Location"].split("/")[2]
    answer_all(client, token, answers)
    submit(client, token)
    assessment = Assessment.objects.filter(unit=unit).latest("created_at")
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - timedelta(days=91 * quarters_ago)
    )
    return assessment
