import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.answers import AnswersError, parse_answers
from assessments.bank.rules import BankError, parse_bank
from assessments.bank.schema import QuestionBank
from assessments.scoring import RoleFit, score
from assessments.versions import live_or_shipped_bank
from rolefit.commands import clean_batch, read_json_file


class Command(BaseCommand):
    help = (
        "Score answers from a JSON file (one object keyed by signal, or a list of them) "
        "and print the recommendation. Stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--answers", type=Path, required=True, help="JSON file of answers")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--lang", choices=["en", "es"], default="en")
        parser.add_argument(
            "--bank", type=Path, help="score with this bank file instead of the live questionnaire"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bank = self._bank(options["bank"])
        raw = read_json_file(options["answers"])
        batch = raw if isinstance(raw, list) else [raw]
        results = [
            score(bank=bank, answers=answers, language=options["lang"])
            for answers in self._clean_all(bank, batch, many=isinstance(raw, list))
        ]
        if options["format"] == "text":
            self.stdout.write("\n\n".join(_as_text(result) for result in results))
            return
        payload = [result.as_json() for result in results]
        output = payload if isinstance(raw, list) else payload[0]
        self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))

    def _bank(self, path: Path | None) -> QuestionBank:
        if path is not None:
            try:
                return parse_bank(read_json_file(path))
            except BankError as exc:
                raise CommandError(f"{path} is not a valid question bank:\n{exc}") from None
        return live_or_shipped_bank()

    def _clean_all(self, bank: QuestionBank, batch: list[Any], *, many: bool) -> list[Any]:
        return clean_batch(
            batch,
            lambda raw: parse_answers(bank, raw),
            many=many,
            what="answers",
            errors=AnswersError,
        )


def _as_text(result: RoleFit) -> str:
    lines = [
        f"{result.recommendation} ({result.role_title}) · {result.strength_label}",
        f"complexity {result.complexity_score:.1f} / threshold {result.threshold:g} "
        f"(margin {result.margin:+.1f}) · questionnaire {result.questionnaire_version}",
        "",
        result.summary,
        "",
        *(f"  {d.points:6.1f}  {d.label} → {d.answer_label}" for d in result.drivers),
        "",
        *(f"  flip: {c.label}: {c.from_label} → {c.to_label}" for c in result.what_would_flip),
        *(f"  hire: {h.role}" for h in result.complementary_hires),
        *(f"  line: {r.function} → {r.reports_to}" for r in result.reporting_lines),
        *(f"  risk: {r.title}" for r in result.risks),
    ]
    return "\n".join(lines)
