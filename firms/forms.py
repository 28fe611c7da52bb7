from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from rolefit.validators import validate_single_line

from .logos import MAX_LOGO_BYTES, LogoError, checked_logo
from .models import Membership, Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.RECRUITER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class NoticeLanguageForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["language"]


class JoinForm(UserCreationForm[User]):
    """A new account for someone invited: the email is the invitation's. Names are
    printed on reports a client reads: one line of plain text each."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].validators.append(validate_single_line)


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo for PDF reports"),
        help_text=_("A PNG, or an SVG of plain drawing; at most 200 KB."),
    )

    def clean_logo(self) -> tuple[bytes, str]:
        upload = self.cleaned_data["logo"]
        if upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("A logo may be at most 200 KB."))
        try:
            return checked_logo(upload.read())
        except LogoError as exc:
            raise forms.ValidationError(str(exc)) from None
