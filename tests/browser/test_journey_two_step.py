"""A recruiter turns on two-step sign-in from their account page, signs out, signs in
with a code from the test's own TOTP, then once more with a recovery code after losing
the phone, in English and in Spanish."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from .conftest import assert_accessible
from .two_step import enrol, totp

TEXT = {
    "en": {
        "account": "Account",
        "set_up": "Set up two-step sign-in",
        "turn_on": "Turn on",
        "saved": "I have saved them",
        "log_out": "Log out",
        "sign_in": "Sign in",
        "second": "Second step",
        "continue": "Continue",
        "engagements": "Engagements",
        "left": "You have 9 unused recovery codes.",
        "username": "Username",
        "password": "Password",
    },
    "es": {
        "account": "Cuenta",
        "set_up": "Activar el acceso en dos pasos",
        "turn_on": "Activar",
        "saved": "Ya los he guardado",
        "log_out": "Cerrar sesión",
        "sign_in": "Entrar",
        "second": "Segundo paso",
        "continue": "Continuar",
        "engagements": "Encargos",
        "left": "Tiene 9 códigos de recuperación sin usar.",
        "username": "Nombre de usuario",
        "password": "Contraseña",
    },
}


def _sign_in(page, text):
    page.goto("/accounts/login/")
    page.get_by_label(text["username"]).fill("rita")
    page.get_by_label(text["password"]).fill("rita-pass-4471")
    page.get_by_role("button", name=text["sign_in"]).click()


@pytest.mark.parametrize("language", ["en", "es"])
def test_enrol_sign_in_with_a_code_then_with_a_recovery_code(open_page, watcher, language):
    text = TEXT[language]
    User.objects.create_user("rita", "rita@example.com", "rita-pass-4471")
    page = open_page(language)

    _sign_in(page, text)
    page.get_by_role("link", name=text["account"]).click()
    page.get_by_role("link", name=text["set_up"]).click()
    assert_accessible(page)
    key, codes = enrol(page, text["turn_on"])
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name=text["saved"]).click()
    page.get_by_role("button", name=text["log_out"]).click()

    # Back with the password: nothing opens before the second step.
    _sign_in(page, text)
    expect(page.get_by_role("heading", level=1)).to_have_text(text["second"])
    page.goto("/recruiter/")
    expect(page.get_by_role("heading", level=1)).to_have_text(text["second"])
    assert_accessible(page)
    page.locator("#id_code").fill(totp(key, steps_ahead=1))
    page.get_by_role("button", name=text["continue"]).click()
    expect(page.get_by_role("link", name=text["engagements"])).to_be_visible()
    page.get_by_role("button", name=text["log_out"]).click()

    # The phone is lost: a recovery code works once.
    _sign_in(page, text)
    page.locator("#id_code").fill(codes[0])
    page.get_by_role("button", name=text["continue"]).click()
    page.get_by_role("link", name=text["account"]).click()
    expect(page.get_by_text(text["left"])).to_be_visible()
    page.get_by_role("button", name=text["log_out"]).click()
    _sign_in(page, text)
    watcher.expect("status of 400")  # the used code is refused
    page.locator("#id_code").fill(codes[0])
    page.get_by_role("button", name=text["continue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["second"])
