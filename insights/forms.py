"""The Insights filters, read from the query string and checked like any form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from assessments.models import NoLiveQuestionnaire, QuestionnaireVersion

from .queries import Filters

# Dates an assessment can have: far enough apart for any use, near enough that a day
# after the last is still a date.
EARLIEST, LATEST = date(2000, 1, 1), date(2999, 12, 31)


class RecruiterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class FiltersForm(forms.Form):
    """One set of rules for the page's query string and the command's options."""

    version = forms.ModelChoiceField(
        label=_("Questionnaire version"),
        queryset=QuestionnaireVersion.objects.filter(
            status=QuestionnaireVersion.Status.PUBLISHED
        ).order_by("-pk"),
        to_field_name="version",
        required=False,
        empty_label=_("The live version"),
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any")), ("en", "English"), ("es", "Español")],
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[
            ("", _("Any")),
            ("direct", _("Direct")),
            ("engagement", _("A recruiter's engagement")),
            ("unit", _("A business unit over time")),
        ],
    )
    recruiter = RecruiterChoice(
        label=_("Recruiter"),
        queryset=User.objects.filter(engagements__isnull=False).distinct().order_by("username"),
        to_field_name="username",
        required=False,
        empty_label=_("Any"),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day is after the last."))
        if not cleaned.get("version"):
            try:
                cleaned["version"] = QuestionnaireVersion.live()
            except NoLiveQuestionnaire:
                raise forms.ValidationError(
                    _("No questionnaire is live yet: choose a version.")
                ) from None
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        recruiter = data.get("recruiter")
        return Filters(
            data["version"],
            since=data.get("since"),
            until=data.get("until"),
            language=data.get("language") or None,
            channel=data.get("channel") or None,
            recruiter_id=recruiter.pk if recruiter else None,
        )


def problems(form: forms.Form, prefix: str = "") -> str:
    """The form's errors on one line, each after the name of its field (`prefix` and the
    name: `--since` for the command)."""
    return "; ".join(
        " ".join(str(error) for error in errors)
        if field == "__all__"
        else f"{prefix}{field}: {' '.join(str(error) for error in errors)}"
        for field, errors in form.errors.items()
    )
