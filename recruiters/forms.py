from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Engagement


class EngagementForm(forms.ModelForm[Engagement]):
    class Meta:
        model = Engagement
        fields = ["client_company", "business_unit"]
        help_texts = {"business_unit": _("Optional: the unit the CEO should assess.")}


class DashboardFilterForm(forms.Form):
    SORTS = [
        ("-created_at", _("Newest first")),
        ("created_at", _("Oldest first")),
        ("client_company", _("Client A–Z")),
        ("status", _("Status")),
        ("recommendation", _("Recommendation")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=120)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Engagement.Status.choices],
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=[("", _("Any")), ("CRO", "CRO"), ("CSO", "CSO")],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)


class ReportNoteForm(forms.ModelForm[Engagement]):
    class Meta:
        model = Engagement
        fields = ["report_note"]
        widgets = {"report_note": forms.Textarea(attrs={"rows": 3})}
