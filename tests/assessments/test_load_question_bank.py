"""`manage.py load_question_bank`: idempotent, versioned, and refuses bad banks by name."""

import json

import pytest
from django.core.management import CommandError, call_command

from assessments.models import QuestionnaireVersion
from tests.conftest import raw_bank

pytestmark = pytest.mark.django_db


def test_loads_the_shipped_bank_once(capsys):
    call_command("load_question_bank")
    call_command("load_question_bank")
    out = capsys.readouterr().out
    assert "is now live" in out
    assert "already live; nothing changed" in out
    assert QuestionnaireVersion.objects.count() == 1
    assert QuestionnaireVersion.live().version == raw_bank()["version"]


def test_a_new_version_becomes_live_and_the_old_one_stays(tmp_path):
    call_command("load_question_bank")
    bank = raw_bank()
    bank["version"] = "2027.1"
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank))
    call_command("load_question_bank", str(path))
    assert QuestionnaireVersion.live().version == "2027.1"
    assert QuestionnaireVersion.objects.count() == 2


def test_changed_content_under_the_same_version_is_refused(tmp_path):
    call_command("load_question_bank")
    bank = raw_bank()
    bank["threshold"] = 31
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank))
    with pytest.raises(CommandError, match="already loaded with different content"):
        call_command("load_question_bank", str(path))


def test_a_bad_bank_is_refused_naming_the_question(tmp_path):
    bank = raw_bank()
    bank["sections"][1]["questions"][2]["options"][2]["weight"] = 0
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank))
    with pytest.raises(CommandError, match="question 'churn_trend': the weight falls"):
        call_command("load_question_bank", str(path))
    assert not QuestionnaireVersion.objects.exists()


def test_missing_and_malformed_files_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_question_bank", str(tmp_path / "absent.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_question_bank", str(broken))
