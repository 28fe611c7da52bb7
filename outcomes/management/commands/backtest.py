"""`rolefit backtest`: a questionnaire version, or a bank file, held against the recorded
outcomes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.rules import BankError, parse_bank
from assessments.bank.schema import QuestionBank
from assessments.models import NoLiveQuestionnaire, QuestionnaireVersion
from outcomes.backtest import backtest
from outcomes.evidence import cases, success_rule
from outcomes.models import Outcome
from rolefit.commands import read_json_file


class Command(BaseCommand):
    help = (
        "Score every assessment that has a recorded outcome with a bank (the live version "
        "unless --version or --bank says otherwise) and report how its recommendations fared."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> Any:
        # Our --version names a questionnaire version, so it replaces Django's own.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--version", dest="bank_version", help="a published version")
        which.add_argument("--bank", type=Path, help="a question bank file (a draft, say)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = backtest(self._bank(options), cases(), success_rule())
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(_as_text(figures))
        demo = Outcome.objects.filter(demo=True).count()
        if demo:
            self.stdout.write(f"Includes {demo} demo check-ins: synthetic, not evidence.\n")

    def _bank(self, options: dict[str, Any]) -> QuestionBank:
        if options["bank"]:
            try:
                return parse_bank(read_json_file(options["bank"]))
            except BankError as exc:
                raise CommandError(f"{options['bank']}: " + "; ".join(exc.problems)) from None
        try:
            if options["bank_version"]:
                return QuestionnaireVersion.objects.get(
                    version=options["bank_version"], status=QuestionnaireVersion.Status.PUBLISHED
                ).parsed()
            return QuestionnaireVersion.live().parsed()
        except QuestionnaireVersion.DoesNotExist:
            raise CommandError(f"no published version {options['bank_version']!r}") from None
        except NoLiveQuestionnaire:
            raise CommandError("no questionnaire is live; name one with --version") from None


def _as_text(figures: dict[str, Any]) -> str:
    if not figures["sufficient"]:
        return (
            f"Not enough evidence yet: {figures['n']} usable outcomes, and the backtest needs "
            f"{figures['minimum']}.\n"
        )
    lines = [f"{figures['n']} usable outcomes"]
    for group in ("followed", "not_followed"):
        found = figures[group]
        rate = "–" if found["success_rate"] is None else f"{found['success_rate']:.0%}"
        interval = "" if found["low"] is None else f" ({found['low']:.0%}–{found['high']:.0%})"
        lines.append(
            f"  {group.replace('_', ' '):<13} {found['count']:>6}  success {rate}{interval}"
        )
    agreement = figures["hindsight_agreement"]
    if agreement:
        lines.append(f"  hindsight agrees {agreement['share']:.0%} of {agreement['judged']}")
    return "\n".join(lines) + "\n"
