"""rolefit/commands.py read_json_file: every command's input file is refused plainly when
it is missing, too big, or endless, before it can fill memory."""

from pathlib import Path

import pytest
from django.core.management.base import CommandError

from rolefit import commands


def test_an_endless_device_is_refused_at_the_limit(monkeypatch):
    monkeypatch.setattr(commands, "MAX_INPUT_BYTES", 1024)
    with pytest.raises(CommandError, match="larger than"):
        commands.read_json_file(Path("/dev/zero"))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        commands.read_json_file(tmp_path / "absent.json")


def test_a_file_at_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(commands, "MAX_INPUT_BYTES", 10)
    path = tmp_path / "ok.json"
    path.write_text("[1, 2, 33]")
    assert commands.read_json_file(path) == [1, 2, 33]


def test_a_file_full_of_problems_lists_the_first_fifty():
    class Bad(ValueError):
        errors = {f"key{n}": "unknown question" for n in range(120)}

    def clean(raw):
        raise Bad

    with pytest.raises(CommandError) as raised:
        commands.clean_batch([{}], clean, many=False, what="answers", errors=Bad)
    message = str(raised.value)
    assert "key49: unknown question" in message
    assert "key50" not in message
    assert message.endswith("… and 70 more")
