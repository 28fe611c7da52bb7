import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.rules import BankError, parse_bank
from assessments.versions import live_or_shipped_bank
from leaders.fit import LeaderProfile, RatingsError, parse_ratings, profile
from leaders.traits import LeaderBank, leader_bank
from rolefit.commands import clean_batch, read_json_file


class Command(BaseCommand):
    help = (
        "Profile a leader from ratings (one object keyed by trait, 1..5, or a list of them) "
        "and score their fit to a CRO or CSO role. Stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ratings", type=Path, required=True, help="JSON file of ratings")
        parser.add_argument("--role", choices=["CRO", "CSO"], required=True)
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--lang", choices=["en", "es"], default="en")
        parser.add_argument("--bank", type=Path, help="use this bank file's traits")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            source = (
                parse_bank(read_json_file(options["bank"]))
                if options["bank"]
                else live_or_shipped_bank()
            )
        except BankError as exc:
            raise CommandError(f"{options['bank']} is not a valid question bank:\n{exc}") from None
        bank = leader_bank(source)
        if bank is None:
            raise CommandError("this question bank has no leader traits")
        raw = read_json_file(options["ratings"])
        batch = raw if isinstance(raw, list) else [raw]
        profiles = [
            profile(bank=bank, ratings=ratings, role=options["role"], language=options["lang"])
            for ratings in _clean_all(bank, batch, many=isinstance(raw, list))
        ]
        if options["format"] == "text":
            self.stdout.write("\n\n".join(_as_text(found) for found in profiles))
            return
        payload = [found.as_json() for found in profiles]
        self.stdout.write(
            json.dumps(
                payload if isinstance(raw, list) else payload[0], indent=2, ensure_ascii=False
            )
        )


def _clean_all(bank: LeaderBank, batch: list[Any], *, many: bool) -> list[dict[str, int]]:
    return clean_batch(
        batch, lambda raw: parse_ratings(bank, raw), many=many, what="ratings", errors=RatingsError
    )


def _as_text(found: LeaderProfile) -> str:
    return "\n".join(
        [
            f"{found.archetype_label} · position {found.position:+.2f} · "
            f"fit to {found.role}: {found.fit:.0f}/100",
            *(f"  {t.rating or 0:.1f}  {t.statement}" for t in found.traits),
            *(f"  risk: {risk.title}" for risk in found.risks),
            *(f"  hire: {item.role}" for item in found.complement),
        ]
    )
