"""For operators and scripts: a firm and its first owner, from the command line."""

from smtplib import SMTPException
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from firms.membership import MembershipError, create_firm, send_set_password_email
from rolefit.untrusted import text_problem
from rolefit.validators import is_single_line


class Command(BaseCommand):
    help = (
        "Create a recruiting firm with its first owner: the account with that email, or a "
        "new one that is emailed a link to set its password. Prints the firm's slug."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="the firm's name, one line")
        parser.add_argument("--owner-email", required=True, help="the first owner's email")

    def handle(self, *args: Any, **options: Any) -> None:
        name, email = options["name"].strip(), options["owner_email"].strip()
        _check(name, email)
        with transaction.atomic():
            owner, created = _owner(email)
            try:
                firm = create_firm(name, owner)
            except MembershipError as exc:
                raise CommandError(str(exc)) from None
        if created:
            try:
                send_set_password_email(owner)
            except (SMTPException, OSError) as exc:
                self.stderr.write(
                    f"the firm was created, but the set-password email to {email} failed "
                    f"({exc}); send it again from the admin's user list"
                )
        self.stdout.write(firm.slug)


def _check(name: str, email: str) -> None:
    problem = text_problem(name) or text_problem(email)
    if problem:
        raise CommandError(f"the name or email {problem}")
    if not name or len(name) > 120 or not is_single_line(name):
        raise CommandError("the name must be one line of 1 to 120 characters")
    try:
        validate_email(email)
    except ValidationError:
        raise CommandError(f"{email[:80]!r} is not an email address") from None


def _owner(email: str) -> tuple[User, bool]:
    """The one account with this email, or a new one without a usable password."""
    found = list(User.objects.filter(email__iexact=email)[:2])
    if len(found) > 1:
        raise CommandError(f"several accounts use {email}; make the firm in the admin")
    if found:
        return found[0], False
    username = _free_username(email.split("@")[0])
    user = User.objects.create_user(username, email)  # no password: they set their own
    return user, True


def _free_username(stem: str) -> str:
    stem = "".join(c for c in stem if c.isalnum() or c in "._-")[:140] or "owner"
    username, n = stem, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{stem}{n}"
    return username
