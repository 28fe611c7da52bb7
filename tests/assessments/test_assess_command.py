"""`manage.py assess`: good input prints results in order; bad input exits non-zero by key."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path, payload, name="answers.json"):
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return path


def _assess(capsys, *args):
    call_command("assess", *args)
    return capsys.readouterr().out


@pytest.mark.django_db
def test_one_answer_set_prints_one_result_and_stores_nothing(tmp_path, capsys, live_version):
    out = _assess(capsys, "--answers", str(_write(tmp_path, COMPLEX_ANSWERS)))
    result = json.loads(out)
    assert result["recommendation"] == "CRO"
    assert result["questionnaire_version"] == live_version.version
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_a_list_prints_results_in_the_same_order(tmp_path, capsys, live_version):
    path = _write(tmp_path, [SIMPLE_ANSWERS, COMPLEX_ANSWERS, SIMPLE_ANSWERS])
    results = json.loads(_assess(capsys, "--answers", str(path)))
    assert [r["recommendation"] for r in results] == ["CSO", "CRO", "CSO"]


@pytest.mark.django_db
def test_text_format_in_spanish(tmp_path, capsys, live_version):
    path = _write(tmp_path, SIMPLE_ANSWERS)
    out = _assess(capsys, "--answers", str(path), "--format", "text", "--lang", "es")
    assert out.startswith("CSO (Director de Ventas (CSO))")
    assert "umbral" in out


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({k: v for k, v in SIMPLE_ANSWERS.items() if k != "verticals"}, "verticals: this answer"),
        ({**SIMPLE_ANSWERS, "sales_channels": 21}, "sales_channels: must be from 1 to 20"),
        ({**SIMPLE_ANSWERS, "churn_trend": "wobbly"}, "churn_trend: must be one of"),
        ({**SIMPLE_ANSWERS, "lead_shortage": "yes"}, "lead_shortage: must be true or false"),
        ({**SIMPLE_ANSWERS, "competitors": "3"}, "competitors: must be a whole number"),
        ({**SIMPLE_ANSWERS, "colour": "blue"}, "colour: unknown question"),
    ],
)
@pytest.mark.django_db
def test_bad_answers_are_named_by_key(tmp_path, live_version, answers, expected):
    with pytest.raises(CommandError) as caught:
        call_command("assess", "--answers", str(_write(tmp_path, answers)))
    assert expected in str(caught.value)


@pytest.mark.django_db
def test_errors_in_a_list_name_the_item(tmp_path, live_version):
    path = _write(tmp_path, [SIMPLE_ANSWERS, {**SIMPLE_ANSWERS, "verticals": 0}])
    with pytest.raises(CommandError, match=r"\[1\]\.verticals: must be from 1 to 50"):
        call_command("assess", "--answers", str(path))


@pytest.mark.django_db
def test_malformed_json_is_refused(tmp_path, live_version):
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("assess", "--answers", str(_write(tmp_path, "{not json")))


def test_the_real_command_exits_non_zero_without_a_traceback(tmp_path):
    path = _write(tmp_path, {**SIMPLE_ANSWERS, "sales_channels": 0, "churn_trend": 3})
    completed = subprocess.run(
        [sys.executable, "manage.py", "assess", "--answers", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}"},
    )
    assert completed.returncode != 0
    assert "sales_channels: must be from 1 to 20" in completed.stderr
    assert "churn_trend: must be one of" in completed.stderr
    assert "Traceback" not in completed.stderr
