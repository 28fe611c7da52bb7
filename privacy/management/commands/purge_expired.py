from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from assessments.models import Assessment
from privacy.retention import purge


class Command(BaseCommand):
    help = (
        "Remove what is past its retention period, in small batches. Idempotent and safe "
        "to run every hour; --dry-run only counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, remove nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        report = purge(now=timezone.now(), dry_run=dry_run, warn=_warn_owner)
        verb = "would remove" if dry_run else "removed"
        for kind, count in report.removed.items():
            self.stdout.write(f"{verb} {count} {kind}")
        warned = "would warn" if dry_run else "warned"
        self.stdout.write(f"{warned} {report.warned} owner(s) of results nobody has opened")
        if not dry_run:
            self.stdout.write(f"longest transaction: {report.longest_transaction * 1000:.0f} ms")


def _warn_owner(assessment: Assessment) -> None:
    """In English and Spanish: where the result is, and when it will go."""
    address = (
        assessment.unit.owner_email
        if assessment.unit and assessment.unit.owner_email
        else assessment.engagement.recruiter.email
        if assessment.engagement and assessment.engagement.recruiter
        else ""
    )
    if not address:
        return
    days = settings.RF_RESULT_RETENTION_WARNING_DAYS
    name = " ".join((assessment.business_unit or "RoleFit").split())
    texts = []
    for language in ("en", "es"):
        with override(language):
            texts.append(
                (
                    _("RoleFit: a result nobody has opened will be deleted"),
                    _(
                        "Nobody has opened the RoleFit result for %(unit)s for a long time. "
                        "It will be deleted in %(days)s days. Opening it with your link "
                        "keeps it; otherwise nothing needs doing."
                    )
                    % {"unit": name, "days": days},
                )
            )
    send_mail(
        subject=" / ".join(subject for subject, _body in texts),
        message="\n\n---\n\n".join(body for _subject, body in texts),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
