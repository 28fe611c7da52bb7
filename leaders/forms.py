from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leaders.traits import LeaderBank

from .models import Person


class PersonForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["name", "email", "kind"]
        help_texts = {"email": _("Optional. Used only so you remember who to send the link to.")}


class RatingForm(forms.Form):
    """One rater's 1..5 rating of every trait, each with its anchored descriptions."""

    def __init__(self, *args: Any, bank: LeaderBank, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for trait in bank.traits:
            anchors = {int(level): text.get(language) for level, text in trait.anchors.items()}
            self.fields[trait.key] = forms.TypedChoiceField(
                label=trait.statement.get(language),
                choices=[
                    (level, f"{level} — {anchors[level]}" if level in anchors else str(level))
                    for level in range(1, 6)
                ],
                coerce=int,
                required=trait.required,
                widget=forms.RadioSelect,
            )
