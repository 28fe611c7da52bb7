"""deploy/: each systemd unit runs a command that exists, and each timer starts a unit
that is shipped (the topology suite runs rolefit.service's command line itself)."""

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("unit", sorted(DEPLOY.glob("*.service")), ids=lambda path: path.name)
def test_a_service_runs_real_commands(unit):
    lines = re.findall(r"^ExecStart=(.+)$", unit.read_text(), re.MULTILINE)
    assert lines
    for line in lines:
        program, *args = shlex.split(line)
        if Path(program).name == "rolefit":
            assert args[0] in get_commands(), f"{unit.name}: no command {args[0]}"
        else:
            assert Path(program).name == "gunicorn"
            assert "python:rolefit.gunicorn_conf" in args


@pytest.mark.parametrize("timer", sorted(DEPLOY.glob("*.timer")), ids=lambda path: path.name)
def test_a_timer_starts_a_shipped_service(timer):
    assert (DEPLOY / timer.name.replace(".timer", ".service")).is_file()
    assert "OnCalendar=hourly" in timer.read_text()
