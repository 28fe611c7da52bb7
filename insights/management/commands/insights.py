"""`rolefit insights`: the Insights figures from the command line, as JSON or as text."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import NoLiveQuestionnaire, QuestionnaireVersion
from insights.queries import CHANNELS, Filters, everything


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


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
        parser.add_argument("--since", type=_day, help="first day, YYYY-MM-DD (included)")
        parser.add_argument("--until", type=_day, help="last day, YYYY-MM-DD (included)")
        parser.add_argument("--language", choices=["en", "es"])
        parser.add_argument("--channel", choices=CHANNELS)
        parser.add_argument("--recruiter", help="a recruiter's user name")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        figures = everything(self._filters(options))
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_as_text(figures))

    def _filters(self, options: dict[str, Any]) -> Filters:
        named = options["bank_version"]
        try:
            version = (
                QuestionnaireVersion.objects.get(
                    version=named, status=QuestionnaireVersion.Status.PUBLISHED
                )
                if named
                else QuestionnaireVersion.live()
            )
        except QuestionnaireVersion.DoesNotExist:
            raise CommandError(f"no published questionnaire version {named!r}") from None
        except NoLiveQuestionnaire:
            raise CommandError("no questionnaire is live yet; name one with --version") from None
        since, until = options["since"], options["until"]
        if since and until and since > until:
            raise CommandError(f"--since {since} is after --until {until}")
        recruiter_id = None
        if options["recruiter"]:
            recruiter = User.objects.filter(username=options["recruiter"]).first()
            if recruiter is None:
                raise CommandError(f"no user {options['recruiter']!r}")
            recruiter_id = recruiter.pk
        return Filters(
            version,
            since=since,
            until=until,
            language=options["language"],
            channel=options["channel"],
            recruiter_id=recruiter_id,
        )


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
