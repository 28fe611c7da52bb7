"""`manage.py assess_leader`: good ratings print a profile; bad ones exit non-zero by key."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.leading import EXECUTOR, STRATEGIST

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path, payload):
    path = tmp_path / "ratings.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return str(path)


@pytest.mark.django_db
def test_one_set_of_ratings(tmp_path, capsys, live_version):
    call_command("assess_leader", "--ratings", _write(tmp_path, EXECUTOR), "--role", "CRO")
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"archetype", "position", "fit", "traits", "risks", "complement"}
    assert result["archetype"] == "CSO"
    assert result["risks"][0]["title"] == "An executor in a strategy seat"


@pytest.mark.django_db
def test_a_list_in_text_and_spanish(tmp_path, capsys, live_version):
    path = _write(tmp_path, [STRATEGIST, EXECUTOR])
    call_command(
        "assess_leader", "--ratings", path, "--role", "CSO", "--format", "text", "--lang", "es"
    )
    out = capsys.readouterr().out
    assert out.index("Estratega (perfil CRO)") < out.index("Ejecutor (perfil CSO)")


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({**STRATEGIST, "quota_drive": 6}, "quota_drive: must be from 1 to 5"),
        ({**STRATEGIST, "quota_drive": "high"}, "quota_drive: must be a whole number"),
        (
            {k: v for k, v in STRATEGIST.items() if k != "lifecycle_view"},
            "lifecycle_view: this rating is required",
        ),
        ({**STRATEGIST, "charisma": 5}, "charisma: unknown trait"),
        ([STRATEGIST, {**EXECUTOR, "territory_ops": 0}], "[1].territory_ops: must be from 1 to 5"),
    ],
)
@pytest.mark.django_db
def test_bad_ratings_are_named_by_key(tmp_path, live_version, ratings, expected):
    with pytest.raises(CommandError) as caught:
        call_command("assess_leader", "--ratings", _write(tmp_path, ratings), "--role", "CRO")
    assert expected in str(caught.value)


def test_the_real_command_fails_cleanly(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "assess_leader",
            "--ratings",
            _write(tmp_path, "{oops"),
            "--role",
            "CRO",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}"},
    )
    assert completed.returncode != 0
    assert "not valid JSON" in completed.stderr
    assert "Traceback" not in completed.stderr
    wrong_role = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "assess_leader",
            "--ratings",
            _write(tmp_path, STRATEGIST),
            "--role",
            "CEO",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}"},
    )
    assert wrong_role.returncode != 0
    assert "invalid choice: 'CEO'" in wrong_role.stderr
