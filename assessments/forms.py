import hashlib
import json
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.utils import render_crispy_form
from django import forms
from django.core.cache import caches
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from rolefit.validators import validate_single_line

from .bank.schema import AnswerValue, ChoiceQuestion, IntegerQuestion, Section, TextQuestion


class StartForm(forms.Form):
    business_unit = forms.CharField(
        label=_("Business unit (optional)"),
        max_length=120,
        validators=[validate_single_line],
        required=False,
        help_text=_("For example “EMEA enterprise” or “Online store”. Only you will see it."),
    )


def _bool_from_post(value: str) -> bool:
    return value == "true"


class SectionForm(forms.Form):
    """One questionnaire step, built from a section of the question bank."""

    def __init__(
        self,
        *args: Any,
        section: Section,
        language: str,
        answers: dict[str, AnswerValue],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.stored_answers = answers
        # The page draws the <form> and its CSRF token; crispy draws only the fields.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        for question in section.questions:
            field = _field_for(question, language)
            field.initial = _initial(question, answers.get(question.key))
            self.fields[question.key] = field

    def answers(self) -> dict[str, AnswerValue]:
        """The valid answers on this step; blank optional answers clear any earlier one."""
        return {key: (value if value != "" else None) for key, value in self.cleaned_data.items()}


def _field_for(question: IntegerQuestion | ChoiceQuestion | TextQuestion, language: str) -> Any:
    common: dict[str, Any] = {
        "label": question.text.get(language),
        "required": question.required,
        # Django renders help text as trusted HTML; bank texts come from admins, so escape.
        "help_text": escape(question.help.get(language)) if question.help else "",
    }
    if isinstance(question, IntegerQuestion):
        return forms.IntegerField(
            min_value=question.min,
            max_value=question.max,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if isinstance(question, TextQuestion):
        return forms.CharField(
            max_length=question.max_length,
            widget=forms.Textarea(attrs={"rows": 3}),
            **common,
        )
    if question.kind == "boolean":
        return forms.TypedChoiceField(
            choices=[(str(o.value).lower(), o.label.get(language)) for o in question.options],
            coerce=_bool_from_post,
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    return forms.TypedChoiceField(
        choices=[(o.value, o.label.get(language)) for o in question.options],
        empty_value=None,
        widget=forms.RadioSelect,
        **common,
    )


def _initial(question: IntegerQuestion | ChoiceQuestion | TextQuestion, value: AnswerValue) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    return value


def blank_form_digest(form: SectionForm) -> str | None:
    """What a blank form's HTML depends on besides its section and language: the stored
    choices it shows. None for a form that must never be kept: bound (what someone typed,
    its errors) or holding free text."""
    return None if form.is_bound else blank_step_digest(form.section, form.stored_answers)


def blank_step_digest(section: Section, answers: dict[str, AnswerValue]) -> str | None:
    """`blank_form_digest` of the blank form these stored answers would make, without
    making it: a step whose page is kept needs no form at all."""
    initial = {
        question.key: _initial(question, answers.get(question.key))
        for question in section.questions
    }
    if any(isinstance(q, TextQuestion) and initial[q.key] for q in section.questions):
        return None
    return hashlib.sha256(json.dumps(initial, sort_keys=True, default=str).encode()).hexdigest()


def rendered_step_form(form: SectionForm, *, cache_key_prefix: str) -> SafeString:
    """The form's HTML. A blank form depends only on the section, the language and the
    stored choices, so each process renders it once and reuses it. A form with errors,
    or with free text someone typed, is never kept: that text must go when it is deleted."""
    digest = blank_form_digest(form)
    if digest is None:
        return mark_safe(render_crispy_form(form))  # noqa: S308 (crispy escapes)
    key = f"step-form:{cache_key_prefix}:{digest}"
    local = caches["local"]
    html = local.get(key)
    if html is None:
        html = render_crispy_form(form)
        local.set(key, html, 3600)
    return mark_safe(html)  # noqa: S308
