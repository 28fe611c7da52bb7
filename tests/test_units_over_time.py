"""Business units over time: three units, four quarters, one drifting from CSO to CRO."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments.models import Assessment
from units.models import BusinessUnit, Organisation

from .conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from .flow import answer_all, submit
from .recruiting import recruiter, signed_in

pytestmark = pytest.mark.django_db

DRIFT = [
    SIMPLE_ANSWERS,
    {**SIMPLE_ANSWERS, "sales_channels": 2, "competitors": 8},
    {**SIMPLE_ANSWERS, "sales_channels": 2, "verticals": 2, "competitors": 10},
    COMPLEX_ANSWERS,
]


def _organisation(client: Client) -> tuple[Organisation, str]:
    response = client.post("/org/new/", {"name": "Acme Group"})
    assert response.status_code == 302
    return Organisation.objects.get(), response["Location"]


def _assess(
    client: Client, org_url: str, unit: BusinessUnit, answers, quarters_ago: int
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


def test_a_drifting_unit_reaches_the_watch_list_with_its_reason(client, live_version):
    organisation, org_url = _organisation(client)
    for name in ("Iberia", "Nordics", "Online"):
        client.post(org_url, {"name": name, "owner_email": "", "cadence_days": "91"})
    units = {unit.name: unit for unit in organisation.units.all()}
    for quarter, answers in enumerate(DRIFT):
        _assess(client, org_url, units["Iberia"], answers, quarters_ago=3 - quarter)
        _assess(client, org_url, units["Nordics"], SIMPLE_ANSWERS, quarters_ago=3 - quarter)
        _assess(client, org_url, units["Online"], COMPLEX_ANSWERS, quarters_ago=3 - quarter)
    page = client.get(org_url).content.decode()
    watch = page.split('id="watch-heading"')[1].split("</section>")[0]
    assert "Iberia" in watch
    assert "The recommendation flipped from CSO to CRO" in watch
    assert "Nordics" not in watch
    assert "Online" not in watch

    unit_page = client.get(f"{org_url}units/{units['Iberia'].public_id}/").content.decode()
    assert 'id="history-figure"' in unit_page
    assert "What changed" in unit_page
    assert "How many distinct sales channels does the unit sell through?" in unit_page


def test_re_assessing_pre_fills_the_last_answers(client, live_version):
    organisation, org_url = _organisation(client)
    client.post(org_url, {"name": "Iberia", "owner_email": "", "cadence_days": "91"})
    unit = organisation.units.get()
    _assess(client, org_url, unit, COMPLEX_ANSWERS, quarters_ago=1)
    client.post(f"{org_url}units/{unit.public_id}/assess/")
    draft = Assessment.objects.get(status="in_progress")
    assert draft.unit == unit
    assert draft.answers == COMPLEX_ANSWERS


def test_a_version_change_is_noted_not_hidden(client, live_version):
    from assessments.versions import load_bank_version

    from .conftest import raw_bank

    organisation, org_url = _organisation(client)
    client.post(org_url, {"name": "Iberia", "owner_email": "", "cadence_days": "91"})
    unit = organisation.units.get()
    _assess(client, org_url, unit, SIMPLE_ANSWERS, quarters_ago=1)
    bank = raw_bank()
    bank["version"] = "2026.2"
    load_bank_version(bank)
    _assess(client, org_url, unit, SIMPLE_ANSWERS, quarters_ago=0)
    page = client.get(f"{org_url}units/{unit.public_id}/").content.decode()
    assert "changed from version 2026.1 to 2026.2" in page
    assert "v2026.2" in page


def test_only_the_link_holder_or_the_owning_recruiter_gets_in(client, live_version):
    _, org_url = _organisation(client)
    assert Client().get(org_url).status_code == 200, "the link itself is the key"
    assert Client().get("/org/" + "x" * 43 + "/").status_code == 404
    alice, bob = recruiter("alice"), recruiter("bob")
    response = signed_in(alice).post("/recruiter/organisations/", {"name": "Globex"})
    assert response.status_code == 302
    assert signed_in(alice).get(response["Location"]).status_code == 200
    assert signed_in(bob).get(response["Location"]).status_code == 404


def test_bad_unit_forms_are_a_400(client, live_version):
    _, org_url = _organisation(client)
    response = client.post(org_url, {"name": "", "cadence_days": "-3"})
    assert response.status_code == 400
    assert not BusinessUnit.objects.exists()
    assert client.post("/org/new/", {"name": ""}).status_code == 400


def test_the_organisation_pages_are_in_spanish(client, live_version):
    _, org_url = _organisation(client)
    body = client.get(org_url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Lista de vigilancia" in body
    assert "Añadir una unidad de negocio" in body


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": "EMEA", "cadence_days": "5000000"}, "less than or equal to 730"),
        ({"name": "EMEA", "cadence_days": "0"}, "greater than or equal to 7"),
        ({"name": "EMEA\nBcc: x@example.com", "cadence_days": "91"}, "without line breaks"),
        ({"name": "EMEA\u2028West", "cadence_days": "91"}, "without line breaks"),
    ],
)
def test_a_unit_out_of_bounds_is_refused_and_nothing_is_stored(
    client, live_version, fields, problem
):
    _org, org_url = _organisation(client)
    response = client.post(org_url, {"owner_email": "", **fields})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not BusinessUnit.objects.exists()
