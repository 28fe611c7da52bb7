from django import forms
from django.utils.translation import gettext_lazy as _

from rolefit.validators import validate_single_line


class InviteForm(forms.Form):
    role_label = forms.CharField(
        label=_("Their role (optional)"),
        max_length=60,
        required=False,
        validators=[validate_single_line],
        help_text=_("For example “CFO” or “Board”. It shows beside their answers."),
    )


class SubmitAnswersForm(forms.Form):
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=80,
        required=False,
        validators=[validate_single_line],
        help_text=_(
            "Shown with your answers to whoever invited you, and to the colleagues and "
            "readers they share the team’s view with. Leave it empty to appear only by "
            "your role."
        ),
    )


class ShowTeamForm(forms.Form):
    shown_to_respondents = forms.BooleanField(
        label=_("Show the combined view to the colleagues who answered"), required=False
    )
