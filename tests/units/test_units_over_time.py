"""Business units over time: three units, four quarters, one drifting from CSO to CRO."""

import pytest
from django.test import Client

from assessments.models import Assessment
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from tests.recruiting import recruiter, signed_in
from tests.units_flow import DRIFT, new_organisation, reassess_quarters_ago
from units.models import BusinessUnit

pytestmark = pytest.mark.django_db


def test_a_drifting_unit_reaches_the_watch_list_with_its_reason(client, live_version):
    organisation, org_url = new_organisation(client)
    for name in ("Iberia", "Nordics", "Online"):
        client.post(org_url, {"name": name, "owner_email": "", "cadence_days": "91"})
    units = {unit.name: unit for unit in organisation.units.all()}
    for quarter, answers in enumerate(DRIFT):
        reassess_quarters_ago(client, org_url, units["Iberia"], answers, quarters_ago=3 - quarter)
        reassess_quarters_ago(
            client, org_url, units["Nordics"], SIMPLE_ANSWERS, quarters_ago=3 - quarter
        )
        reassess_quarters_ago(
            client, org_url, units["Online"], COMPLEX_ANSWERS, quarters_ago=3 - quarter
        )
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
    organisation, org_url = new_organisation(client)
    client.post(org_url, {"name": "Iberia", "owner_email": "", "cadence_days": "91"})
    unit = organisation.units.get()
    reassess_quarters_ago(client, org_url, unit, COMPLEX_ANSWERS, quarters_ago=1)
    client.post(f"{org_url}units/{unit.public_id}/assess/")
    draft = Assessment.objects.get(status="in_progress")
    assert draft.unit == unit
    assert draft.answers == COMPLEX_ANSWERS


def test_a_version_change_is_noted_not_hidden(client, live_version):
    from assessments.versions import load_bank_version
    from tests.conftest import raw_bank

    organisation, org_url = new_organisation(client)
    client.post(org_url, {"name": "Iberia", "owner_email": "", "cadence_days": "91"})
    unit = organisation.units.get()
    reassess_quarters_ago(client, org_url, unit, SIMPLE_ANSWERS, quarters_ago=1)
    bank = raw_bank()
    bank["version"] = "2026.2"
    load_bank_version(bank)
    reassess_quarters_ago(client, org_url, unit, SIMPLE_ANSWERS, quarters_ago=0)
    page = client.get(f"{org_url}units/{unit.public_id}/").content.decode()
    assert "changed from version 2026.1 to 2026.2" in page
    assert "v2026.2" in page


def test_only_the_link_holder_or_the_owning_recruiter_gets_in(client, live_version):
    _, org_url = new_organisation(client)
    assert Client().get(org_url).status_code == 200, "the link itself is the key"
    assert Client().get("/org/" + "x" * 43 + "/").status_code == 404
    alice, bob = recruiter("alice"), recruiter("bob")
    response = signed_in(alice).post("/recruiter/organisations/", {"name": "Globex"})
    assert response.status_code == 302
    assert signed_in(alice).get(response["Location"]).status_code == 200
    assert signed_in(bob).get(response["Location"]).status_code == 404


def test_bad_unit_forms_are_a_400(client, live_version):
    _, org_url = new_organisation(client)
    response = client.post(org_url, {"name": "", "cadence_days": "-3"})
    assert response.status_code == 400
    assert not BusinessUnit.objects.exists()
    assert client.post("/org/new/", {"name": ""}).status_code == 400


def test_the_organisation_pages_are_in_spanish(client, live_version):
    _, org_url = new_organisation(client)
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
    _org, org_url = new_organisation(client)
    response = client.post(org_url, {"owner_email": "", **fields})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not BusinessUnit.objects.exists()
