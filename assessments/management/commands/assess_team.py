import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.bank.answers import AnswersError, parse_answers
from assessments.bank.rules import BankError, parse_bank
from assessments.bank.schema import AnswerValue, QuestionBank
from assessments.consensus import MAX_RESPONDENTS, Respondent, TeamResult, assess_team
from assessments.management.commands.assess import _as_text as _team_as_text
from assessments.versions import live_or_shipped_bank
from rolefit.commands import clean_batch, read_json_file
from rolefit.validators import is_single_line

RESPONDENT_KEYS = ("role", "name", "answers")
# As long as the team pages keep them: a role label, and a name given.
MAX_LABEL_LENGTH = {"role": 60, "name": 80}


class Command(BaseCommand):
    help = (
        "Score several respondents' answers for one unit (a JSON list of "
        '{"role", "name", "answers"}): the team\'s median answers, each respondent\'s call, '
        "and the disagreements that could change it. Stores nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--answers", type=Path, required=True, help="JSON file: a list of respondents"
        )
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--lang", choices=["en", "es"], default="en")
        parser.add_argument(
            "--bank", type=Path, help="score with this bank file instead of the live questionnaire"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bank = self._bank(options["bank"])
        respondents = _clean_team(bank, read_json_file(options["answers"]))
        result = assess_team(bank=bank, respondents=respondents, language=options["lang"])
        if options["format"] == "text":
            self.stdout.write(_as_text(result))
            return
        self.stdout.write(json.dumps(result.as_json(), indent=2, ensure_ascii=False))

    def _bank(self, path: Path | None) -> QuestionBank:
        if path is not None:
            try:
                return parse_bank(read_json_file(path))
            except BankError as exc:
                raise CommandError(f"{path} is not a valid question bank:\n{exc}") from None
        return live_or_shipped_bank()


def _clean_team(bank: QuestionBank, raw: Any) -> list[Respondent]:
    if not isinstance(raw, list):
        raise CommandError('the file must hold a list of {"role", "name", "answers"} objects')
    if not raw:
        raise CommandError("the list of respondents is empty")
    if len(raw) > MAX_RESPONDENTS:
        raise CommandError(
            f"{len(raw)} respondents: at most {MAX_RESPONDENTS}, the owner and "
            f"{MAX_RESPONDENTS - 1} colleagues"
        )
    return clean_batch(
        list(enumerate(raw, start=1)),
        lambda item: _respondent(bank, *item),
        many=False,
        what="respondents",
        errors=AnswersError,
    )


def _respondent(bank: QuestionBank, number: int, raw: Any) -> Respondent:
    """One cleaned respondent, or AnswersError naming each problem by respondent and key."""
    if not isinstance(raw, dict):
        raise AnswersError({f"respondent {number}": "must be an object with role, name, answers"})
    problems: dict[str, str] = {}
    labels: dict[str, str] = {}
    for key in ("role", "name"):
        try:
            labels[key] = _clean_label(raw.get(key, ""), MAX_LABEL_LENGTH[key])
        except ValueError as exc:
            problems[key] = str(exc)
    for key in raw:
        if key not in RESPONDENT_KEYS:
            problems[repr(key)] = "unknown key; a respondent has only role, name and answers"
    answers: dict[str, AnswerValue] = {}
    try:
        answers = parse_answers(bank, raw.get("answers"))
    except AnswersError as exc:
        # An unknown question may be called "role" too: keep both, and say which is which.
        for key, message in exc.errors.items():
            problems[f"answers.{key}" if key in problems else key] = message
    who = f"respondent {number}" + (f" ({labels['role']})" if labels.get("role") else "")
    if problems:
        raise AnswersError({f"{who}: {key}": message for key, message in problems.items()})
    return Respondent(answers=answers, role=labels["role"], name=labels["name"])


def _clean_label(value: object, longest: int) -> str:
    # Roles and names are printed in reports and error messages: one short line each.
    # NUL and lone surrogates never get this far: read_json_file refuses them.
    if not isinstance(value, str):
        raise ValueError("must be text")
    if len(value) > longest:
        raise ValueError(f"must be at most {longest} characters, not {len(value)}")
    if not is_single_line(value):
        raise ValueError("must be one line, without line breaks or control characters")
    return value.strip()


def _as_text(result: TeamResult) -> str:
    lines = [_team_as_text(result.team), "", f"respondents ({len(result.respondents)})"]
    for number, r in enumerate(result.respondents, start=1):
        who = " · ".join(label for label in (r.role, r.name) if label) or "—"
        lines.append(
            f"  {number:2}. {r.recommendation}  {r.complexity_score:5.1f}  "
            f"{r.strength_label:<14} {who}"
        )
    lines += ["", "disagreements (largest spread first)"]
    for d in result.disagreements:
        given = ", ".join(f"{a.label} ×{a.count}" for a in d.answers)
        flip = f"  could flip: {d.role_if_lowest} → {d.role_if_highest}" if d.could_flip else ""
        lines.append(f"  {d.spread:6.2f}  {d.label}  {given}{flip}")
    if not result.disagreements:
        lines.append("  none: every respondent gave the same answers")
    lines += ["", "talk first"]
    lines += [f"  • {talk.prompt}" for talk in result.talk_first] or [
        "  nothing: no single disagreement changes the call"
    ]
    return "\n".join(lines)
