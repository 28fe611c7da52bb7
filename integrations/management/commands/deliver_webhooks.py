"""Send the webhooks that are due. `--once` is for cron and tests; without it this is the
long-running worker of deploy/rolefit-webhooks.service."""

import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connection

from integrations.delivery import LEASE, sweep


def _sweep_forever(stop: threading.Event) -> None:
    """Every half lease, re-queue what a killed worker left: django-tasks' worker does
    not reclaim a task whose process died, so without this a restart would strand it."""
    while not stop.wait(LEASE.total_seconds() / 2):
        close_old_connections()
        sweep()
    connection.close()


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are due, through django-tasks' database worker, "
        "re-queuing any that a stopped worker left. With --once it sends what is due and "
        "exits; without it, it keeps running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="process what is due, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        revived = sweep()
        if revived:
            self.stdout.write(f"re-queued {revived} delivery(ies) left by a stopped worker")
        worker = {"queue_name": "webhooks", "no_startup_delay": True, "verbosity": 0}
        if options["once"]:
            call_command("db_worker", batch=True, **worker)
            return
        stop = threading.Event()
        sweeper = threading.Thread(target=_sweep_forever, args=(stop,), daemon=True)
        sweeper.start()
        try:
            call_command("db_worker", **worker)
        finally:
            stop.set()
