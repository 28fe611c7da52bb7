"""Versioned questionnaires: drafts, publishing, immutability, history, import and export."""

import json

import pytest
from django.core.management import CommandError, call_command

from assessments.bank.rules import BankError
from assessments.models import Assessment, ImmutableVersionError, QuestionnaireVersion
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS, raw_bank
from tests.flow import submitted

pytestmark = pytest.mark.django_db


def _question(bank, key):
    return next(q for s in bank["sections"] for q in s["questions"] if q["key"] == key)


def test_a_published_version_refuses_every_change(live_version):
    live_version.bank = {**live_version.bank, "threshold": 50}
    with pytest.raises(ImmutableVersionError, match="clone it to a draft"):
        live_version.save()
    live_version.refresh_from_db()
    assert live_version.bank["threshold"] == 30


def test_clone_edit_publish(live_version):
    draft = live_version.clone_to_draft("2026.2")
    assert draft.is_draft
    assert not draft.is_live
    _question(draft.bank, "churn_trend")["options"][2]["weight"] = 14
    draft.save()  # drafts can change
    draft.publish()
    assert QuestionnaireVersion.live() == draft
    live_version.refresh_from_db()
    assert not live_version.is_live
    assert live_version.bank["version"] == "2026.1", "the old version stays as it was"


def test_an_invalid_draft_saves_but_cannot_publish(live_version):
    unordered = live_version.clone_to_draft("unordered")
    _question(unordered.bank, "churn_trend")["options"][2]["weight"] = 0
    unordered.save()
    untranslated = live_version.clone_to_draft("untranslated")
    del _question(untranslated.bank, "lead_shortage")["text"]["es"]
    untranslated.save()
    assert any("question 'churn_trend': the weight falls" in p for p in unordered.problems())
    assert any("question 'lead_shortage' (text.es)" in p for p in untranslated.problems())
    for draft in (unordered, untranslated):
        with pytest.raises(BankError):
            draft.publish()
        assert QuestionnaireVersion.objects.get(pk=draft.pk).is_draft
    assert QuestionnaireVersion.live() == live_version


def test_every_change_is_in_the_history(live_version, admin_user):
    draft = live_version.clone_to_draft("2026.2")
    _question(draft.bank, "churn_trend")["options"][2]["weight"] = 9
    draft._history_user = admin_user  # what the middleware sets for admin edits
    draft.save()
    draft.publish()
    records = list(draft.history.order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~", "~"]
    before, after = records[0], records[1]
    delta = after.diff_against(before)
    assert "bank" in delta.changed_fields
    change = next(c for c in delta.changes if c.field == "bank")
    assert _question(change.old, "churn_trend")["options"][2]["weight"] == 7
    assert _question(change.new, "churn_trend")["options"][2]["weight"] == 9
    assert records[1].history_user == admin_user
    assert records[2].status == "published"


def test_export_load_export_round_trip(tmp_path, live_version, capsys):
    first = tmp_path / "first.json"
    call_command("export_question_bank", "--output", str(first))
    bank = json.loads(first.read_text())
    bank["version"] = "round-trip"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(bank))
    call_command("load_question_bank", str(changed), "--draft")
    second = tmp_path / "second.json"
    call_command("export_question_bank", "--version", "round-trip", "--output", str(second))
    again = json.loads(second.read_text())
    again["version"] = "2026.1"
    assert json.dumps(again, sort_keys=True) == json.dumps(
        json.loads(first.read_text()), sort_keys=True
    )


def test_a_draft_with_problems_is_refused_on_the_way_in(tmp_path, live_version):
    # Validated on upload with the publishing rules, so every stored draft is one the
    # editor can open and preview; the edits made there are checked again at publish.
    bank = raw_bank()
    bank["version"] = "wip"
    _question(bank, "churn_trend")["options"][2]["weight"] = 0
    path = tmp_path / "wip.json"
    path.write_text(json.dumps(bank))
    with pytest.raises(CommandError, match="question 'churn_trend'"):
        call_command("load_question_bank", str(path), "--draft")
    assert not QuestionnaireVersion.objects.filter(version="wip").exists()


def _everything_stored():
    return (
        list(QuestionnaireVersion.objects.order_by("pk").values()),
        list(Assessment.objects.order_by("pk").values()),
    )


def test_preview_impact_writes_nothing(client, live_version, tmp_path, capsys):
    for _ in range(3):
        submitted(client, COMPLEX_ANSWERS)
    before = (
        list(QuestionnaireVersion.objects.values()),
        sorted(
            __import__("assessments.models").models.Assessment.objects.values_list(
                "recommendation", "result_snapshot"
            ),
            key=str,
        ),
    )
    bank = raw_bank()
    bank["version"] = "strict"
    bank["threshold"] = 99
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(bank))
    call_command("preview_impact", "--bank", str(path), "--format", "json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["assessed"] == 3
    assert summary["flipped"] == summary["to_cso"] == 3
    after = (
        list(QuestionnaireVersion.objects.values()),
        sorted(
            __import__("assessments.models").models.Assessment.objects.values_list(
                "recommendation", "result_snapshot"
            ),
            key=str,
        ),
    )
    assert before == after


def test_seed_demo_refuses_real_data_unless_forced(client, live_version):
    call_command("seed_demo", "--assessments", "10")
    assert Assessment.objects.filter(demo=True, status="submitted").count() == 10
    submitted(client)
    with pytest.raises(CommandError, match="real assessments"):
        call_command("seed_demo", "--assessments", "5")
    call_command("seed_demo", "--assessments", "5", "--force")
    assert Assessment.objects.filter(demo=True, status="submitted").count() == 15


def test_a_published_versions_field_rows_refuse_changes(live_version):
    draft = live_version.clone_to_draft("2026.2")
    row = draft.numbers.get(label="threshold")
    row.value = 31
    row.save()
    draft.apply_fields()
    assert draft.bank["threshold"] == 31
    draft.publish()
    row.refresh_from_db()
    row.value = 5
    with pytest.raises(ImmutableVersionError):
        row.save()


def test_an_untouched_draft_writes_back_the_same_bank(live_version):
    draft = live_version.clone_to_draft("same")
    before = json.dumps(draft.bank, sort_keys=True)
    draft.apply_fields()
    assert json.dumps(draft.bank, sort_keys=True) == before


@pytest.mark.django_db
def test_before_any_questionnaire_is_published_starting_is_a_clear_503(client):
    assert client.post("/start/", {"business_unit": ""}).status_code == 503
    body = json.dumps({"answers": SIMPLE_ANSWERS})
    api = client.post("/api/v1/assessments", body, content_type="application/json")
    assert api.status_code == 503
    assert api.json()["errors"]["questionnaire"]
    organisation = client.post("/org/new/", {"name": "Acme"})["Location"]
    assert client.get(organisation).status_code == 503
