"""Validators shared by models, forms and the API, so each rule is written once."""

import unicodedata
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator

# Line breaks, tabs, NUL and other control characters: none belongs in a name or a label,
# and a newline in a name would reach an email's subject line.
_NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}


def is_single_line(value: str) -> bool:
    return not any(unicodedata.category(character) in _NOT_ON_ONE_LINE for character in value)


def validate_single_line(value: str) -> None:
    if not is_single_line(value):
        raise ValidationError(
            _("Use one line, without line breaks or control characters."), code="single_line"
        )


def check_single_line(value: str) -> str:
    """The same rule for pydantic models (the JSON API)."""
    if not is_single_line(value):
        raise ValueError("must be one line, without line breaks or control characters")
    return value


# A single-line text field of the JSON API.
SingleLine = Annotated[str, AfterValidator(check_single_line)]
