"""Formsets that edit rows as they are stored, and never add, drop or reorder them."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class EditsStoredRowsOnly:
    """Mixed into a model formset: the form counts a browser sends back must match the
    rows stored, and each row must be named exactly once, so no client can add, drop or
    reorder rows by changing the counters (which would otherwise reach the database as
    an IntegrityError)."""

    def clean(self: Any) -> None:
        super().clean()  # type: ignore[misc]
        rows = self.get_queryset().count()
        counts_match = self.initial_form_count() == self.total_form_count() == rows
        # A row naming one outside this set finds no instance here.
        named = [form.instance.pk for form in self.forms]
        if not counts_match or None in named or len(set(named)) != rows:
            raise forms.ValidationError(
                _("This page was out of date. Reload it and make your changes again."),
                code="stale",
            )
