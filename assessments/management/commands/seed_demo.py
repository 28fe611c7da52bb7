import random
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from assessments.bank.schema import ChoiceQuestion, IntegerQuestion, QuestionBank
from assessments.models import Assessment, NoLiveQuestionnaire, QuestionnaireVersion
from assessments.models.assessment import frozen_result
from rolefit import tokens

BATCH = 2000


def demo_answers(bank: QuestionBank, rng: random.Random) -> dict[str, Any]:
    """Answers spread over the whole answer space, leaning toward what businesses report:
    small counts are common and large ones rare, so integers are drawn log-uniformly."""
    answers: dict[str, Any] = {}
    for question in bank.questions():
        if not question.required and rng.random() < 0.5:
            continue
        if isinstance(question, IntegerQuestion):
            low = max(question.min, 1)
            value = round(low * (question.max / low) ** (rng.random() ** 1.5))
            answers[question.key] = min(max(value, question.min), question.max)
        elif isinstance(question, ChoiceQuestion):
            answers[question.key] = rng.choice(question.values())
    return answers


class Command(BaseCommand):
    help = "Create N realistic submitted assessments for previews and benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--assessments", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force", action="store_true", help="add demo data beside real assessments"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["assessments"]
        if not 1 <= count <= 1_000_000:
            raise CommandError("--assessments must be from 1 to 1,000,000")
        real = Assessment.objects.filter(demo=False).count()
        if real and not options["force"]:
            raise CommandError(
                f"this database holds {real} real assessments; demo data would mix with "
                "them. Use an empty database, or --force if you really mean it."
            )
        try:
            questionnaire = QuestionnaireVersion.live()
        except NoLiveQuestionnaire:
            raise CommandError("no questionnaire is live: run load_question_bank first") from None
        bank = questionnaire.parsed()
        rng = random.Random(options["seed"])  # noqa: S311 (demo data, not secrets)
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            with transaction.atomic():
                Assessment.objects.bulk_create(
                    [self._one(questionnaire, bank, rng, made + i) for i in range(size)]
                )
            made += size
            self.stderr.write(f"\r{made}/{count}", ending="")
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Created {count} demo assessments."))

    def _one(
        self, questionnaire: QuestionnaireVersion, bank: QuestionBank, rng: random.Random, n: int
    ) -> Assessment:
        return Assessment(
            questionnaire=questionnaire,
            business_unit=f"Demo unit {n + 1}",
            demo=True,
            **frozen_result(bank, demo_answers(bank, rng)),
            resume_token_digest=tokens.token_digest(tokens.new_token()),
            owner_token_digest=tokens.token_digest(tokens.new_token()),
            result_token_digest=tokens.token_digest(tokens.new_token()),
        )
