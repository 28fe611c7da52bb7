"""Validators shared by models, forms and the API, so each rule is written once."""

import unicodedata
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator

from .untrusted import UntrustedInputError, parse_json

# Line breaks, tabs, NUL and other control characters: none belongs in a name or a label,
# and a newline in a name would reach an email's subject line.
_NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}


# Bidirectional controls: they make a name display as other text than it is (U+202E).
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_single_line(value: str) -> bool:
    return not any(
        unicodedata.category(character) in _NOT_ON_ONE_LINE or character in _BIDI_CONTROLS
        for character in value
    )


def validate_single_line(value: str) -> None:
    if not is_single_line(value):
        raise ValidationError(
            _("Use one line, without line breaks or control characters."), code="single_line"
        )


def validate_plain_text(value: str) -> None:
    """Several lines are fine; control and direction-override characters are not."""
    if not is_single_line(value.replace("\r\n", "").replace("\n", "").replace("\t", "")):
        raise ValidationError(
            _("Use plain text, without control or direction-override characters."),
            code="plain_text",
        )


def check_single_line(value: str) -> str:
    """The same rule for pydantic models (the JSON API)."""
    if not is_single_line(value):
        raise ValueError("must be one line, without line breaks or control characters")
    return value


# A single-line text field of the JSON API.
SingleLine = Annotated[str, AfterValidator(check_single_line)]


class UntrustedJSONField(forms.JSONField):
    """A JSON form field that reads what is typed through `parse_json`: deep nesting,
    lone surrogates, NUL and huge numbers are a form error, not a server error."""

    def to_python(self, value: Any) -> Any:
        if self.disabled or not isinstance(value, str):
            return super().to_python(value)
        if not value.strip():
            return None
        try:
            return parse_json(value)
        except UntrustedInputError as exc:
            raise ValidationError(
                _("This is not JSON that can be stored: %(problem)s"),
                code="invalid",
                params={"problem": exc},
            ) from None

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Shown back as typed when it is wrong; Django's own reader would recurse here.
        if self.disabled or not isinstance(data, str):
            return super().bound_data(data, initial)
        try:
            return parse_json(data)
        except UntrustedInputError:
            return forms.fields.InvalidJSONInput(data)
