"""Send the webhooks that are due, for cron and tests; a long-running worker is
`rolefit db_worker --queue-name webhooks` (deploy/rolefit-webhooks.service)."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from integrations.delivery import sweep


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are due, through django-tasks' database worker. "
        "With --once it processes what is due and exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="process what is due, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        revived = sweep()
        if revived:
            self.stdout.write(f"re-queued {revived} delivery(ies) left by a stopped worker")
        worker = {"queue_name": "webhooks", "no_startup_delay": True, "verbosity": 0}
        call_command("db_worker", batch=bool(options["once"]), **worker)
