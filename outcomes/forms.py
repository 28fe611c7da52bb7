from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment

from .models import Outcome


class CheckInForm(forms.ModelForm):
    """One check-in. Refused field by field: dates before the assessment or out of order,
    a departure without its date, another title without its name."""

    submission = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Outcome
        fields = [
            "hired",
            "other_title",
            "started_on",
            "still_in_seat",
            "left_on",
            "left_because",
            "left_detail",
            "revenue",
            "fit_rating",
            "hindsight",
            "notes",
        ]
        widgets = {
            "hired": forms.RadioSelect,
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "fit_rating": forms.Select(choices=[("", "—"), *((n, n) for n in range(1, 6))]),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assessment = assessment

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, left = cleaned.get("started_on"), cleaned.get("left_on")
        began, today = self.assessment.created_at.date(), timezone.localdate()
        if started and started < began:
            self.add_error("started_on", _("The start date is before the assessment."))
        # A start agreed for the coming months is a fact worth recording; years ahead is a typo.
        if started and started > today + timedelta(days=366):
            self.add_error("started_on", _("The start date is more than a year away."))
        if left and left < began:
            self.add_error("left_on", _("The leave date is before the assessment."))
        elif left and started and left < started:
            self.add_error("left_on", _("The leave date is before the start date."))
        elif left and left > today:
            self.add_error("left_on", _("The leave date is in the future."))
        if cleaned.get("still_in_seat") is False and not left:
            self.add_error("left_on", _("Say when they left."))
        if cleaned.get("still_in_seat") and (left or cleaned.get("left_because")):
            self.add_error(
                "still_in_seat", _("They are still in the role: leave the departure empty.")
            )
        if cleaned.get("hired") == Outcome.Hired.OTHER and not cleaned.get("other_title"):
            self.add_error("other_title", _("Name the title hired."))
        return cleaned
