import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rolefit.i18n import mail_in_both_languages
from units.models import BusinessUnit, ReminderSent
from units.watch import next_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Email the owners of business units that are due for re-assessment. Safe to run "
        "from cron every hour: each due date gets one reminder, ever."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print who would get what")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.now().date()
        sent, failed = 0, []
        units = BusinessUnit.objects.exclude(owner_email="").select_related("organisation")
        # Each unit on its own: one bad row is logged and reported, and never stops the
        # reminders of the units after it.
        for unit in units.order_by("pk"):
            try:
                sent += self._remind(unit, today, dry_run=options["dry_run"])
            except Exception:
                logger.exception("reminder for business unit %s failed", unit.public_id)
                failed.append(str(unit.public_id))
        if not options["dry_run"]:
            self.stdout.write(f"Sent {sent} reminder(s).")
        if failed:
            raise CommandError(
                f"{len(failed)} unit(s) failed and will be retried on the next run "
                f"(see the log): {', '.join(failed)}"
            )

    def _remind(self, unit: BusinessUnit, today: date, *, dry_run: bool) -> int:
        points = unit.points()
        if not points:
            return 0  # never assessed: the first assessment is the CEO's to start
        due = next_due(points, unit.cadence_days, unit.created_on())
        if due > today or ReminderSent.objects.filter(unit=unit, due_on=due).exists():
            return 0
        link = settings.RF_BASE_URL.rstrip("/") + reverse(
            "units-owner-unit", args=[unit.organisation.token(), unit.public_id]
        )
        if dry_run:
            self.stdout.write(f"would email {unit.owner_email}: {unit} was due on {due} — {link}")
            return 0
        try:
            # Claim the reminder and send it in one transaction: two overlapping runs
            # cannot both send it, and a failed send leaves it to the next run.
            with transaction.atomic():
                ReminderSent.objects.create(unit=unit, due_on=due)
                _send_reminder(unit, due, link)
        except IntegrityError:
            return 0
        return 1


def _send_reminder(unit: BusinessUnit, due: date, link: str) -> None:
    # Names are single lines by validation; this holds for rows from before that too.
    name = " ".join(unit.name.split())

    def subject() -> str:
        return _("RoleFit: time to re-assess %(unit)s") % {"unit": name}

    def body() -> str:
        return (
            _(
                "%(unit)s (%(organisation)s) was due for its regular RoleFit re-assessment "
                "on %(due)s. It takes about five minutes, starting from the last answers:"
            )
            % {"unit": unit, "organisation": unit.organisation, "due": due}
            + f"\n\n{link}\n"
        )

    mail_in_both_languages(subject=subject, body=body, to=[unit.owner_email])
