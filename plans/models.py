from __future__ import annotations

import json
import uuid
from datetime import timedelta
from functools import cache
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from rolefit import FIXTURES_DIR
from rolefit.links import RevealableLink, RevealableLinkQuerySet
from rolefit.validators import validate_single_line

from .template import SearchPlanTemplate, tasks_for


@cache
def search_plan_template() -> SearchPlanTemplate:
    path = FIXTURES_DIR / "search_plan.json"
    return SearchPlanTemplate.model_validate(json.loads(path.read_text(encoding="utf-8")))


class HiringPlan(RevealableLink):
    """The search for the recommended role, reached through its own private link."""

    TOKEN_NAMESPACE = "rolefit.plan"  # noqa: S105 (an HMAC namespace, not a secret)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plans")
    role = models.CharField(max_length=3)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RevealableLinkQuerySet["HiringPlan"].as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hiring plan")
        verbose_name_plural = _("hiring plans")

    def __str__(self) -> str:
        return f"{self.role} search · {self.assessment}"

    @classmethod
    def start(cls, assessment: Assessment) -> HiringPlan:
        """A plan for the role the assessment recommended, its tasks dated from today."""
        role = assessment.recommendation
        start = timezone.now().date()
        with transaction.atomic():
            plan = cls.objects.create(assessment=assessment, role=role)
            PlanTask.objects.bulk_create(
                PlanTask(
                    plan=plan,
                    position=n,
                    key=task.key,
                    phase=task.phase,
                    title_en=task.title_en,
                    title_es=task.title_es,
                    due_on=start + timedelta(days=task.due_after_days),
                )
                for n, task in enumerate(
                    tasks_for(search_plan_template(), role, assessment.result_snapshot)  # type: ignore[arg-type]
                )
            )
        return plan


class PlanTask(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        DOING = "doing", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(HiringPlan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=50)
    phase = models.CharField(max_length=20)
    title_en = models.CharField(max_length=300)
    title_es = models.CharField(max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TODO
    )
    assignee = models.CharField(
        _("assignee"), max_length=120, blank=True, validators=[validate_single_line]
    )
    due_on = models.DateField(_("due"))
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["position"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title_en

    def title(self, language: str) -> str:
        return self.title_es if language == "es" else self.title_en

    def is_overdue(self, today: Any) -> bool:
        return self.status != self.Status.DONE and self.due_on < today
