"""The page chrome of rolefit/templates/base.html (head links, header, footer), rendered
once a worker per language and script prefix and kept in the worker's own memory."""

import pytest
from django.test import Client
from django.urls import set_script_prefix

pytestmark = pytest.mark.django_db


def test_each_language_gets_its_own_chrome(live_version):
    english = Client().get("/", HTTP_ACCEPT_LANGUAGE="en")
    spanish = Client().get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert b"Skip to content" in english.content
    assert b"Saltar al contenido" in spanish.content
    assert b"Skip to content" not in spanish.content


def test_a_page_under_a_script_prefix_gets_the_chrome_with_its_prefix_and_only_it(
    live_version,
):
    assert Client().get("/").status_code == 200  # the plain chrome, rendered and kept
    # Django's test client leaves the prefix for links to the caller; gunicorn's handler
    # sets it from SCRIPT_NAME.
    set_script_prefix("/elsewhere/")
    try:
        prefixed = Client().get("/", SCRIPT_NAME="/elsewhere").content
    finally:
        set_script_prefix("/")
    assert b'class="rf-brand text-decoration-none" href="/elsewhere/"' in prefixed
    assert b'href="/elsewhere/privacy/"' in prefixed
    assert b"/elsewhere/" not in Client().get("/").content
