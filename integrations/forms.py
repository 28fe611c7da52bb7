from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from firms.models import Firm
from rolefit.validators import validate_single_line

from .endpoints import firm_problem, url_problem
from .models import Event, Scope

EXPIRY_CHOICES = [
    ("", _("Never")),
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
]


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"), max_length=80, validators=[validate_single_line]
    )
    scopes = forms.MultipleChoiceField(
        label=_("It may"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires"), choices=EXPIRY_CHOICES, coerce=int, empty_value=None, required=False
    )


class WebhookForm(forms.Form):
    url = forms.URLField(label=_("Endpoint URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, firm: Firm, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.firm = firm

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        problem = url_problem(url) or firm_problem(self.firm, url)
        if problem:
            raise forms.ValidationError(_("The address %(problem)s.") % {"problem": _(problem)})
        return url
