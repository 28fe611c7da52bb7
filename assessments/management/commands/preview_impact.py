import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.rules import BankError, parse_bank
from assessments.impact import preview_impact
from rolefit.commands import read_json_file


class Command(BaseCommand):
    help = (
        "Re-score every submitted assessment with a bank; report what would change. Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bank", type=Path, required=True)
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            bank = parse_bank(read_json_file(options["bank"]))
        except BankError as exc:
            problems = "\n".join(f"  - {problem}" for problem in exc.problems)
            raise CommandError(
                f"{options['bank']} is not a valid question bank:\n{problems}"
            ) from None
        summary = preview_impact(bank).summary()
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary))
            return
        self.stdout.write(
            "{assessed} assessed in {seconds} s: {flipped} would flip ({to_cro} to CRO, "
            "{to_cso} to CSO), {band_changes} would change strength band".format(**summary)
        )
