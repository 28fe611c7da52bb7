"""`manage.py backup` writes a consistent copy; `restore` brings it back."""

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment
from tests.flow import submitted


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_round_trip(client, tmp_path):
    call_command("load_question_bank")
    submitted(client)
    kept = Assessment.objects.get()
    path = tmp_path / "copy.db"
    call_command("backup", "--output", str(path))
    assert path.stat().st_size > 0
    Assessment.objects.all().delete()
    call_command("restore", str(path), "--yes")
    restored = Assessment.objects.get()
    assert restored.public_id == kept.public_id
    assert restored.result_snapshot == kept.result_snapshot


@pytest.mark.django_db
def test_restore_needs_confirmation_and_a_real_file(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x.db"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "x.db"), "--yes")
