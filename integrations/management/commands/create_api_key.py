"""For operators and scripts: a firm API key, printed once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from firms.models import Firm
from integrations.keys import create_key
from integrations.models import Scope
from rolefit.validators import is_single_line


class Command(BaseCommand):
    help = (
        "Create an API key for a firm and print it. It is shown this once; only its "
        "digest is kept. Scopes: " + ", ".join(Scope.values)
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--firm", required=True, help="the firm's short name (slug)")
        parser.add_argument("--name", required=True, help="what the key is for, one line")
        parser.add_argument("--scopes", required=True, help="comma-separated scopes")
        parser.add_argument("--expires-in-days", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        firm = Firm.objects.filter(slug=options["firm"]).first()
        if firm is None:
            raise CommandError(f"no firm has the short name {options['firm'][:60]!r}")
        name = options["name"].strip()
        if not name or len(name) > 80 or not is_single_line(name) or "\x00" in name:
            raise CommandError("the name must be one line of 1 to 80 characters")
        scopes = [scope.strip() for scope in options["scopes"].split(",") if scope.strip()]
        unknown = sorted(set(scopes) - set(Scope.values))
        if not scopes or unknown:
            raise CommandError(
                f"unknown scope(s) {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(Scope.values)}"
            )
        days = options["expires_in_days"]
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("--expires-in-days must be from 1 to 3650")
        _key, text = create_key(firm, name, scopes, by=None, expires_in_days=days)
        self.stdout.write(text)
