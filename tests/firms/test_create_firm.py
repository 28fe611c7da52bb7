"""firms/management/commands/create_firm.py: a firm and its first owner, for operators."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from firms.models import Firm, Membership, Role

pytestmark = pytest.mark.django_db


def _create(capsys, name: str, email: str) -> str:
    call_command("create_firm", name=name, owner_email=email)
    return capsys.readouterr().out.strip()


def test_an_existing_account_becomes_the_owner(capsys, mailoutbox):
    rita = User.objects.create_user("rita", "rita@example.com", "x")
    assert _create(capsys, "Ruiz Executive Search", "RITA@example.com") == "ruiz-executive-search"
    membership = Membership.objects.get(user=rita)
    assert (membership.firm.name, membership.role) == ("Ruiz Executive Search", Role.OWNER)
    assert mailoutbox == []  # they have a password already


def test_a_new_owner_gets_an_account_and_a_set_password_email(capsys, mailoutbox, settings):
    settings.RF_BASE_URL = "https://rolefit.example.com"
    assert _create(capsys, "Nueva Búsqueda", "lea@example.com") == "nueva-búsqueda"
    lea = User.objects.get(email="lea@example.com")
    assert not lea.has_usable_password()
    assert Membership.objects.get(user=lea).role == Role.OWNER
    (email,) = mailoutbox
    assert email.to == ["lea@example.com"]
    assert "https://rolefit.example.com/accounts/reset/" in email.body


@pytest.mark.parametrize(
    ("name", "email", "problem"),
    [
        ("Acme Search", "not-an-email", "is not an email address"),
        ("Two\nlines", "a@example.com", "one line"),
        ("Nul\x00", "a@example.com", "NUL"),
        ("x" * 121, "a@example.com", "1 to 120"),
        ("!!!", "a@example.com", "at least one letter"),
        ("Zero\u202eWidth", "a@example.com", "one line"),
    ],
)
def test_bad_input_is_refused_with_its_reason(name, email, problem):
    with pytest.raises(CommandError, match=problem):
        call_command("create_firm", name=name, owner_email=email)
    assert not Firm.objects.exists()
    assert not User.objects.exists()


def test_a_duplicate_is_refused_and_nothing_is_half_made(capsys):
    _create(capsys, "Acme Search", "one@example.com")
    with pytest.raises(CommandError, match="A firm named Acme Search already exists"):
        call_command("create_firm", name="Acme Search", owner_email="two@example.com")
    assert not User.objects.filter(email="two@example.com").exists()
    with pytest.raises(CommandError, match="already belongs to a firm"):
        call_command("create_firm", name="Other Search", owner_email="one@example.com")
    assert Firm.objects.count() == 1


def test_a_name_in_any_script_makes_a_firm(capsys):
    assert _create(capsys, "日本の会社", "jp@example.com") == "日本の会社"
