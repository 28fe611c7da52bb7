from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from firms.models import Language, Membership

from .models import Delivery, Kind, Preference


class PreferencesForm(forms.Form):
    """How a member hears of each kind of event, and in which language."""

    language = forms.ChoiceField(label=_("Language of notices"), choices=Language.choices)

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership
        chosen = dict(
            Preference.objects.filter(membership=membership).values_list("kind", "delivery")
        )
        self.fields["language"].initial = membership.language
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                # Blank is the default, kept as no preference at all (notices/recipients.py).
                choices=[("", _default_label(kind)), *Delivery.choices],
                initial=chosen.get(kind, ""),
                required=False,
            )

    def save(self) -> None:
        self.membership.language = self.cleaned_data["language"]
        self.membership.save(update_fields=["language"])
        for kind in Kind.values:
            if self.cleaned_data[kind]:
                Preference.objects.update_or_create(
                    membership=self.membership,
                    kind=kind,
                    defaults={"delivery": self.cleaned_data[kind]},
                )
            else:
                Preference.objects.filter(membership=self.membership, kind=kind).delete()


def _default_label(kind: str) -> str:
    if kind in (Kind.CLIENT_SUBMITTED, Kind.RATING_SUBMITTED):
        return str(_("Default: at once for engagements I lead, in the digest for the rest"))
    return str(_("Default: in the daily digest"))
