from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.rules import BankError
from assessments.versions import load_bank_version
from rolefit import SHIPPED_BANK, security_log
from rolefit.commands import read_json_file


class Command(BaseCommand):
    help = (
        "Validate a question bank and make it the live questionnaire (safe to run again), "
        "or with --draft load it as a draft to edit, preview and publish later."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="defaults to the shipped bank")
        parser.add_argument("--draft", action="store_true", help="load as a draft; publish later")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"] or SHIPPED_BANK
        try:
            version, changed = load_bank_version(read_json_file(path), draft=options["draft"])
        except BankError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(f"{path} is not a valid question bank:\n{problems}") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if options["draft"]:
            self.stdout.write(self.style.SUCCESS(f"Draft {version.version} created."))
        elif changed:
            security_log.record("bank_published", version=version.version, by="command")
            self.stdout.write(self.style.SUCCESS(f"Version {version.version} is now live."))
        else:
            self.stdout.write(f"Version {version.version} is already live; nothing changed.")
