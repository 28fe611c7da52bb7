import random
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from assessments.management.commands import seed_demo
from assessments.models import Assessment
from outcomes.demo import demo_outcome
from outcomes.models import Outcome

# With outcomes, results go back two years, so that some have had their 12-month check-in.
DAYS_BACK_WITH_OUTCOMES = 730


class Command(seed_demo.Command):
    """The demo seeder, which this app extends with synthetic check-ins (outcomes/demo.py).

    Django runs the command of the app listed first in INSTALLED_APPS, and outcomes comes
    before assessments there (tests/outcomes/test_seed_demo_outcomes.py fails otherwise)."""

    help = seed_demo.Command.help + (
        " With --outcomes, results go back two years and each one older than six months "
        "gets a synthetic check-in, marked as demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--outcomes",
            action="store_true",
            help="add synthetic check-ins on how each hire worked out (outcomes/demo.py)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["outcomes"]:
            self.days_back = DAYS_BACK_WITH_OUTCOMES
        super().handle(*args, **options)
        if options["outcomes"]:
            made = _seed_outcomes(random.Random(options["seed"]))  # noqa: S311 (demo data)
            self.stdout.write(self.style.SUCCESS(f"Recorded {made} demo check-ins."))


def _seed_outcomes(rng: random.Random) -> int:
    now = timezone.now()
    rows = (
        Assessment.objects.submitted()
        .filter(demo=True, outcomes=None)
        .order_by("pk")
        .values_list("pk", "submitted_at", "recommendation", "strength")
    )
    made = [
        outcome
        for pk, submitted_at, recommendation, strength in rows.iterator(chunk_size=2000)
        if submitted_at is not None  # always, for a submitted result
        and (
            outcome := demo_outcome(
                assessment_id=pk,
                submitted_at=submitted_at,
                recommendation=recommendation,
                strength=strength,
                rng=rng,
                now=now,
            )
        )
    ]
    Outcome.objects.bulk_create(made, batch_size=2000)
    return len(made)
