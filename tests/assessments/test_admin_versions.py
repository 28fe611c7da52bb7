"""The admin side of versioning: read-only published versions, clone, publish refusal,
impact preview, JSON download and upload."""

import io
import json

import pytest

from assessments.models import QuestionnaireVersion
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS, raw_bank
from tests.flow import submitted

pytestmark = pytest.mark.django_db
URL = "/admin/assessments/questionnaireversion/"


def _action(admin_client, action, *versions):
    return admin_client.post(
        URL, {"action": action, "_selected_action": [v.pk for v in versions]}, follow=True
    )


def test_a_published_version_is_read_only_in_the_admin(admin_client, live_version):
    page = admin_client.get(f"{URL}{live_version.pk}/change/").content.decode()
    assert 'name="bank"' not in page
    assert "Preview impact" in page


def _inline_data(draft) -> dict[str, str]:
    """The change form as the browser would post it, every text row unchanged."""
    data = {
        "texts-TOTAL_FORMS": str(draft.texts.count()),
        "texts-INITIAL_FORMS": str(draft.texts.count()),
        "_continue": "1",
    }
    for i, row in enumerate(draft.texts.all()):
        data.update(
            {
                f"texts-{i}-id": str(row.pk),
                f"texts-{i}-version": str(draft.pk),
                f"texts-{i}-en": row.en,
                f"texts-{i}-es": row.es,
            }
        )
    return data


def test_clone_then_edit_a_draft_text_field_by_field(admin_client, live_version, admin_user):
    # Numbers are changed in the weights editor (test_weights_editor.py); texts here.
    _action(admin_client, "clone_to_draft", live_version)
    draft = QuestionnaireVersion.objects.get(status="draft")
    assert draft.version.startswith("2026.1-draft-")
    page = admin_client.get(f"{URL}{draft.pk}/change/").content.decode()
    assert "Texts, English and Spanish side by side" in page
    churn = draft.texts.get(en="How has customer churn moved?")
    data = _inline_data(draft)
    index = list(draft.texts.values_list("pk", flat=True)).index(churn.pk)
    data[f"texts-{index}-en"] = "How has churn changed this year?"
    response = admin_client.post(f"{URL}{draft.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    question = draft.bank["sections"][1]["questions"][2]
    assert question["text"]["en"] == "How has churn changed this year?"
    record = churn.history.first()
    assert record.history_user == admin_user
    assert record.prev_record.en == "How has customer churn moved?"


def test_publishing_an_invalid_draft_is_refused_with_its_problems(admin_client, live_version):
    draft = live_version.clone_to_draft("bad")
    draft.bank["threshold"] = 0
    draft.save()
    body = _action(admin_client, "publish", draft).content.decode()
    assert "Bad was not published: threshold: Input should be greater than 0" in body
    assert QuestionnaireVersion.live() == live_version


def test_publishing_a_valid_draft_makes_it_live(admin_client, live_version):
    draft = live_version.clone_to_draft("good")
    body = _action(admin_client, "publish", draft).content.decode()
    assert "Good is live." in body
    assert QuestionnaireVersion.live().version == "good"


def test_preview_shows_flips_and_a_histogram(admin_client, client, live_version):
    submitted(client, SIMPLE_ANSWERS)
    submitted(client, COMPLEX_ANSWERS)
    draft = live_version.clone_to_draft("strict")
    draft.bank["threshold"] = 99
    draft.save()
    response = admin_client.get(f"{URL}{draft.pk}/preview/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Recommendations that flip: 1" in body
    assert 'id="impact-figure"' in body
    assert "/admin/assessments/assessment/" in body


def test_download_and_upload(admin_client, live_version):
    download = _action(admin_client, "download_json", live_version)
    assert json.loads(download.content)["version"] == "2026.1"
    bank = raw_bank()
    bank["version"] = "uploaded"
    upload = io.BytesIO(json.dumps(bank).encode())
    upload.name = "bank.json"
    response = admin_client.post(f"{URL}upload/", {"file": upload})
    assert response.status_code == 302
    assert QuestionnaireVersion.objects.get(version="uploaded").is_draft


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "valid dictionary"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[" * 30_000 + b"]" * 30_000, "nests deeper than"),
        (b'{"version": "x\\udfff"}', "lone surrogate"),
    ],
)
def test_a_bad_upload_shows_its_problems(admin_client, live_version, content, expected):
    upload = io.BytesIO(content)
    upload.name = "bank.json"
    response = admin_client.post(f"{URL}upload/", {"file": upload})
    assert response.status_code == 400
    assert expected in response.content.decode()
