from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import NoLiveQuestionnaire, QuestionnaireVersion
from assessments.versions import bank_json


class Command(BaseCommand):
    help = "Write a questionnaire version (the live one by default) in the fixture format."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # Our --version names a questionnaire version, so it replaces Django's own
        # --version (which prints Django's).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--version", dest="bank_version", help="defaults to the live version")
        parser.add_argument("--output", type=Path, help="defaults to standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            version = (
                QuestionnaireVersion.objects.get(version=options["bank_version"])
                if options["bank_version"]
                else QuestionnaireVersion.live()
            )
        except (QuestionnaireVersion.DoesNotExist, NoLiveQuestionnaire):
            raise CommandError(
                f"no questionnaire version {options['bank_version'] or '(live)'}"
            ) from None
        text = bank_json(version)
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote version {version.version} to {options['output']}")
        else:
            self.stdout.write(text, ending="")
