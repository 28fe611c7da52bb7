import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from outcomes.invitations import (
    CHECK_IN_AFTER_DAYS,
    addresses,
    due_invitations,
    invite,
    send_invitation,
)

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Invite owners (and, for an engagement, the recruiter) to record how the hire "
        "worked out, 6 and 12 months after the result. Safe to run from cron every hour: "
        "each assessment gets one invitation per check-in, ever."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print who would get what")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sent, failed = 0, []
        for check_in in CHECK_IN_AFTER_DAYS:
            # Each assessment on its own: one bad row is logged and reported, and never
            # stops the invitations after it.
            for assessment in due_invitations(now, check_in):
                if options["dry_run"]:
                    to = ", ".join(addresses(assessment))
                    self.stdout.write(f"would invite {to}: {check_in} check-in")
                    continue
                try:
                    sent += invite(assessment, check_in, send=send_invitation)
                except Exception:
                    logger.exception("check-in invitation for %s failed", assessment.public_id)
                    failed.append(str(assessment.public_id))
        if not options["dry_run"]:
            self.stdout.write(f"Sent {sent} check-in invitation(s).")
        if failed:
            raise CommandError(
                f"{len(failed)} invitation(s) failed and will be retried on the next run "
                f"(see the log): {', '.join(failed)}"
            )
