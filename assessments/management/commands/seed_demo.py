import random
from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from assessments.bank.schema import ChoiceQuestion, IntegerQuestion, QuestionBank
from assessments.models import Assessment, NoLiveQuestionnaire, QuestionnaireVersion, StepTiming
from assessments.models.assessment import frozen_result
from assessments.scoring import score_many
from rolefit import tokens

BATCH = 2000
# How demo CEOs move through the questionnaire: the share who go on from each step to the
# next, and from the review to a result; a step takes 40 s or so, a few take minutes.
CARRY_ON = 0.88
SUBMIT_FROM_REVIEW = 0.93
STEP_MEDIAN_SECONDS, STEP_SPREAD = 40.0, 0.8
SPANISH_SHARE = 0.3
DAYS_BACK = 365


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
    # How far back the demo results go; an app that adds to them may reach further.
    days_back = DAYS_BACK
    help = (
        "Create N realistic submitted assessments for previews, Insights and benchmarks, "
        "with the drafts abandoned on the way that a real funnel has."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--assessments", type=int, required=True, help="submitted results")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force", action="store_true", help="add demo data beside real assessments"
        )
        parser.add_argument(
            "--without-texts",
            action="store_true",
            help="store the decision but not the explained result, for benchmarks at scale "
            "(Insights and previews read only answers and decisions)",
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
        rng = random.Random(options["seed"])  # noqa: S311 (demo data, not secrets)
        seeder = _Seeder(questionnaire, rng, options["without_texts"], self.days_back)
        made = drafts = 0
        while made < count:
            with transaction.atomic():
                batch_made, batch_drafts = seeder.batch(min(BATCH, count - made))
            made += batch_made
            drafts += batch_drafts
            self.stderr.write(f"\r{made}/{count}", ending="")
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count} demo assessments, and {drafts} drafts abandoned on the way."
            )
        )


class _Seeder:
    def __init__(
        self,
        questionnaire: QuestionnaireVersion,
        rng: random.Random,
        without_texts: bool,
        days_back: int,
    ) -> None:
        self.questionnaire, self.rng, self.without_texts = questionnaire, rng, without_texts
        self.days_back = days_back
        self.bank = questionnaire.parsed()
        self.now = timezone.now()
        self.number = 0

    def batch(self, results: int) -> tuple[int, int]:
        """Drafts until `results` of them are submitted; returns (results, abandoned)."""
        made: list[tuple[Assessment, list[StepTiming]]] = []
        submitted = 0
        while submitted < results:
            assessment, timings = self._draft()
            made.append((assessment, timings))
            submitted += assessment.status == Assessment.Status.SUBMITTED
        Assessment.objects.bulk_create([assessment for assessment, _timings in made])
        for assessment, timings in made:
            for timing in timings:
                timing.assessment = assessment
        StepTiming.objects.bulk_create([timing for _a, timings in made for timing in timings])
        return submitted, len(made) - submitted

    def _draft(self) -> tuple[Assessment, list[StepTiming]]:
        rng = self.rng
        self.number += 1
        started = self.now - timedelta(seconds=rng.uniform(3600, self.days_back * 86400))
        answers = demo_answers(self.bank, rng)
        timings: list[StepTiming] = []
        moment = started
        kept: dict[str, Any] = {}
        for number, section in enumerate(self.bank.sections, 1):
            shown = moment
            if rng.random() > CARRY_ON:
                timings.append(StepTiming(step=number, shown_at=shown))
                return self._abandoned(started, kept), timings
            moment = shown + self._step_time()
            timings.append(StepTiming(step=number, shown_at=shown, saved_at=moment))
            for question in section.questions:
                if question.key in answers:
                    kept[question.key] = answers[question.key]
        timings.append(StepTiming(step=len(self.bank.sections) + 1, shown_at=moment))
        if rng.random() > SUBMIT_FROM_REVIEW:
            return self._abandoned(started, kept), timings
        return self._result(started, answers, moment + self._step_time()), timings

    def _step_time(self) -> timedelta:
        return timedelta(seconds=self.rng.lognormvariate(0, STEP_SPREAD) * STEP_MEDIAN_SECONDS)

    def _common(self, started: datetime) -> dict[str, Any]:
        return {
            "questionnaire": self.questionnaire,
            "business_unit": f"Demo unit {self.number}",
            "language": "es" if self.rng.random() < SPANISH_SHARE else "en",
            "demo": True,
            "created_at": started,
            "resume_token_digest": tokens.token_digest(tokens.new_token()),
            "owner_token_digest": tokens.token_digest(tokens.new_token()),
            "result_token_digest": tokens.token_digest(tokens.new_token()),
        }

    def _abandoned(self, started: datetime, answers: dict[str, Any]) -> Assessment:
        return Assessment(**self._common(started), answers=answers)

    def _result(self, started: datetime, answers: dict[str, Any], at: datetime) -> Assessment:
        if self.without_texts:
            (verdict,) = score_many(bank=self.bank, answer_sets=[answers])
            fields: dict[str, Any] = {
                "status": Assessment.Status.SUBMITTED,
                "answers": answers,
                "recommendation": verdict.recommendation,
                "strength": verdict.strength,
                "complexity_score": verdict.complexity_score,
            }
        else:
            fields = frozen_result(self.bank, answers)
        fields["submitted_at"] = at
        return Assessment(**self._common(started), **fields)
