from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from assessments.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent copy of the database while the site keeps serving."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="defaults to backups/rolefit-<time>.db")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"] or Path("backups") / (
            f"rolefit-{timezone.now():%Y%m%d-%H%M%S}.db"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path}"))
