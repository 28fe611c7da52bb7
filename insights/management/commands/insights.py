"""`rolefit insights`: the Insights figures from the command line, as JSON or as text."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from insights.forms import FiltersForm, problems
from insights.queries import CHANNELS, Filters, everything
from insights.rollup import refresh

# Each filter's form field (and option name), by where argparse keeps it.
FILTER_OPTIONS = {
    "bank_version": "version",
    "since": "since",
    "until": "until",
    "language": "language",
    "channel": "channel",
    "recruiter": "recruiter",
}


class Command(BaseCommand):
    help = (
        "Print the questionnaire's funnel, per-question figures and score distribution "
        "for one version (the live one unless --version says otherwise)."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Our --version names a questionnaire version, so it replaces Django's own.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--version", dest="bank_version", help="questionnaire version (default: the live one)"
        )
        parser.add_argument("--since", help="first day, YYYY-MM-DD (included)")
        parser.add_argument("--until", help="last day, YYYY-MM-DD (included)")
        parser.add_argument("--language", help="en or es")
        parser.add_argument("--channel", help=", ".join(CHANNELS))
        parser.add_argument("--recruiter", help="a recruiter's user name")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="only tally the days that are over and need it (for a timer), then exit",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["refresh"]:
            chosen = [f"--{flag}" for name, flag in FILTER_OPTIONS.items() if options[name]]
            if chosen:
                raise CommandError(f"--refresh tallies every day; drop {', '.join(chosen)}")
            self.stdout.write(f"Tallied {refresh()} day(s).")
            return
        figures = everything(self._filters(options))
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(figures))

    def _filters(self, options: dict[str, Any]) -> Filters:
        form = FiltersForm(
            {field: options[option] for option, field in FILTER_OPTIONS.items() if options[option]}
        )
        if not form.is_valid():
            raise CommandError(problems(form, prefix="--"))
        return form.filters()


def _as_text(figures: dict[str, Any]) -> str:
    lines = [f"Questionnaire {figures['version']}", "", "Funnel"]
    for stage in figures["funnel"]:
        times = ""
        if stage.get("median_seconds") is not None:
            times = f"   median {stage['median_seconds']} s, p90 {stage['p90_seconds']} s"
        lines.append(
            f"  {stage['stage']:<12} {stage['count']:>8}  {stage['share']:>7.1%}"
            f"  -{stage['drop_off']}{times}"
        )
    done = figures["time_to_complete"]
    lines += [
        f"  to complete: median {done['median_seconds']} s, p90 {done['p90_seconds']} s",
        "",
        "Questions      answered  skipped  mean lean  lean share  flip if dropped  flags",
    ]
    for question in figures["questions"]:
        flags = ", ".join(flag for flag in ("uninformative", "decisive") if question[flag])
        lines.append(
            f"  {question['key']:<18} {question['answered']:>6} {question['skipped']:>8}"
            f"  {question['mean_lean']:>+9.2f}  {question['lean_share']:>10.1%}"
            f"  {question['flip_share_if_dropped']:>15.1%}  {flags}"
        )
    scores = figures["scores"]
    lines += [
        "",
        f"Scores (threshold {scores['threshold']}): CRO {scores['cro_share']:.1%},"
        f" borderline {scores['borderline_share']:.1%}",
    ]
    for row in scores["histogram"]:
        lines.append(f"  {row['from']:>3}-{row['to']:<3} {row['count']:>8}")
    return "\n".join(lines) + "\n"
