"""Spanish follows Accept-Language and the switcher, and the pages really are in Spanish."""

from typing import Any

import pytest

from tests.conftest import COMPLEX_ANSWERS
from tests.flow import answer_all, share_through_owner_page, start, submit

pytestmark = pytest.mark.django_db
SPANISH: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


def test_landing_follows_accept_language(client, live_version):
    body = client.get("/", **SPANISH).content.decode()
    assert '<html lang="es">' in body
    assert "Empezar una evaluación" in body
    assert "Start an assessment" not in body


def test_questionnaire_step_is_in_spanish(client, live_version):
    token = start(client)
    body = client.get(f"/a/{token}/step/1/", **SPANISH).content.decode()
    assert "Paso 1 de 3" in body
    assert "¿Por cuántos canales de venta distintos vende la unidad?" in body
    assert "Siguiente" in body


def test_field_errors_are_in_spanish(client, live_version):
    token = start(client)
    response = client.post(f"/a/{token}/step/1/", {"sales_channels": "0"}, **SPANISH)
    body = response.content.decode()
    assert "Este campo es obligatorio." in body
    assert "Corrija las respuestas señaladas más abajo." in body


def test_result_is_in_spanish(client, live_version):
    token = start(client)
    answer_all(client, token, COMPLEX_ANSWERS)
    body = client.get(submit(client, token), **SPANISH).content.decode()
    assert "Director de Ingresos (CRO)" in body
    assert "Qué cambiaría la respuesta" in body
    assert "Riesgos que vigilar" in body
    assert "What would change the answer" not in body
    # Each driver row's labels for phones, translated once for the whole table.
    assert body.count('data-label="Respuesta"') == body.count('data-label="Puntos"') >= 5


def test_the_switcher_sets_the_language(client, live_version):
    response = client.get("/language/es/", {"next": "/"})
    assert response.status_code == 302
    assert "Empezar una evaluación" in client.get("/").content.decode()
    client.get("/language/en/", {"next": "/"})
    assert "Start an assessment" in client.get("/", **SPANISH).content.decode()
    assert client.get("/language/en/", {"next": "https://evil.example/"})["Location"] == "/"
    assert client.get("/language/fr/").status_code == 404


def test_manage_and_shared_pages_are_in_spanish(client, live_version):
    from tests.flow import owner_path, submitted

    token = submitted(client)
    body = client.get(owner_path(token), **SPANISH).content.decode()
    assert "Compartir el resultado" in body
    assert "Borrarlo todo" in body
    path = share_through_owner_page(client, token)
    # Each share link's row labels for phones, translated once for the whole table.
    assert 'data-label="Estado"' in client.get(owner_path(token), **SPANISH).content.decode()
    shared = client.get(path, **SPANISH).content.decode()
    assert "Compartido con usted" in shared
    assert "Director de Ventas (CSO)" in shared


def test_recruiter_pages_are_in_spanish(client, live_version):
    from tests.recruiting import recruiter, signed_in

    alice = signed_in(recruiter("alice"))
    assert "Encargos de Alice Search" in alice.get("/recruiter/", **SPANISH).content.decode()
    assert (
        "Acceso para firmas de selección"
        in client.get("/accounts/login/", **SPANISH).content.decode()
    )
