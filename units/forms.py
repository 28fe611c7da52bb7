from django import forms

from .models import BusinessUnit, Organisation


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name"]


class UnitForm(forms.ModelForm[BusinessUnit]):
    class Meta:
        model = BusinessUnit
        fields = ["name", "owner_email", "cadence_days"]


class CadenceForm(forms.ModelForm[BusinessUnit]):
    class Meta:
        model = BusinessUnit
        fields = ["owner_email", "cadence_days"]
