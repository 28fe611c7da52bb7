"""The hourly notices job: find units that became overdue, retry immediate notices that
could not be sent, and send each member's daily digest. Safe to run as often as you
like: every notice goes once, and every member gets one digest a day at most."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from notices import delivery, events
from units.models import BusinessUnit
from units.watch import next_due


class Command(BaseCommand):
    help = (
        "Send the firms' notices: overdue units, immediate notices not sent yet, and the "
        "daily digests. Run it hourly (deploy/rolefit-notices.timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.now().date()
        dry_run = options["dry_run"]
        overdue = 0
        units = BusinessUnit.objects.filter(organisation__firm__isnull=False)
        for unit in units.select_related("organisation"):
            due = next_due(unit.points(), unit.cadence_days, unit.created_on())
            if due < today:
                overdue += 1
                if not dry_run:
                    delivery.record(events.unit_overdue(unit, due))
        immediate = 0 if dry_run else delivery.send_immediate()
        digests = delivery.send_digests(today, dry_run=dry_run, say=self.stdout.write)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{overdue} overdue unit(s); {verb} {immediate} immediate notice(s) "
            f"and {digests} digest(s)"
        )
