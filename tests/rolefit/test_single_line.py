"""rolefit/validators.py: names and labels are one line of plain text."""

import pytest

from rolefit.validators import is_single_line


@pytest.mark.parametrize("name", ["Acme Iberia", "Ñandú · Sur", "Ventas 🇪🇸"])
def test_ordinary_names_are_single_lines(name):
    assert is_single_line(name)


@pytest.mark.parametrize(
    "name", ["two\nlines", "tab\there", "nul\x00", "para\u2029graph", "evil\u202egnp.exe"]
)
def test_breaks_controls_and_direction_overrides_are_not(name):
    assert not is_single_line(name)
