from django import forms
from django.utils.translation import gettext_lazy as _

from rolefit.validators import validate_single_line

from .models import EXPIRY_CHOICES


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Who is this link for?"),
        max_length=120,
        validators=[validate_single_line],
        help_text=_("For example “Acme Search Partners”. Only you see the label."),
    )
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires"), choices=EXPIRY_CHOICES, coerce=int, initial=30
    )
    show_free_text = forms.BooleanField(
        label=_("Show my free-text answers"),
        required=False,
        help_text=_("Off by default: the reader sees the result, not your notes."),
    )
    allow_pdf = forms.BooleanField(
        label=_("Let them download the PDF report"),
        required=False,
        help_text=_("A file can be forwarded further than a link, and cannot be revoked."),
    )
    show_outcomes = forms.BooleanField(
        label=_("Show how the hire worked out"),
        required=False,
        help_text=_("Your check-ins after the decision; your notes only if free text is shown."),
    )
    show_team = forms.BooleanField(
        label=_("Show the leadership team’s combined view"),
        required=False,
        help_text=_("Each colleague’s recommendation, with their role, and where you disagree."),
    )


class EmailOwnerLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email this page’s link to"),
        help_text=_("We send the link once and do not keep the address."),
    )


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the result, the answers and every link will be erased."),
    )
