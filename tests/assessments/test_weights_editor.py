"""The weights editor in the admin (assessments/weights_editor.py): who may open it, what
it shows, saving with history, reverting, the unsaved preview, and publishing."""

import json
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission, User

from assessments.models import DraftNumber, QuestionnaireVersion, ReferenceUnit
from tests.conftest import SIMPLE_ANSWERS
from tests.flow import submitted
from tests.recruiting import signed_in

pytestmark = pytest.mark.django_db
URL = "/admin/assessments/questionnaireversion/"
CHURN_RISING = '["sections", 1, "questions", 2, "options", 2, "weight"]'
BORDERLINE_UNIT = "Field and partners, three verticals"


@pytest.fixture
def draft(live_version):
    return live_version.clone_to_draft("2026.2-draft")


def _form(draft, **changed: str) -> dict[str, str]:
    """Every number of the draft as the page posts it, with some changed by path."""
    data = {f"n-{row.pk}": repr(row.value) for row in draft.numbers.all()}
    for path, value in changed.items():
        data[f"n-{draft.numbers.get(path=path).pk}"] = value
    return data


def _churn_rising(draft) -> DraftNumber:
    return draft.numbers.get(path=CHURN_RISING)


def test_the_editor_shows_a_card_per_question_the_model_card_and_the_reference_units(
    admin_client, draft
):
    response = admin_client.get(f"{URL}{draft.pk}/weights/")
    page = response.content.decode()
    assert response.status_code == 200
    for card in ["churn_trend", "sales_channels", "model"]:
        assert f'id="card-{card}"' in page
    assert "How is customer churn changing?" in page or "churn" in page.lower()
    assert 'data-figure="figure-sales_channels"' in page
    assert 'id="figure-sales_channels"' in page  # the curve's data, for a static script
    assert BORDERLINE_UNIT in page
    assert "None yet: every number is as it is live." in page
    assert "<script>" not in page.replace('type="application/json"', "")
    assert 'id="publish"' in page
    assert 'id="publish" class="rf-publish" disabled' not in page


def test_the_editor_speaks_spanish(admin_client, draft):
    page = admin_client.get(f"{URL}{draft.pk}/weights/", HTTP_ACCEPT_LANGUAGE="es").content
    assert "Cambios respecto a la versión publicada" in page.decode()


def test_saving_stores_the_number_with_its_history_and_shows_it_against_live(
    admin_client, admin_user, draft
):
    response = admin_client.post(f"{URL}{draft.pk}/weights/", _form(draft, **{CHURN_RISING: "14"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.bank["sections"][1]["questions"][2]["options"][2]["weight"] == 14
    number = _churn_rising(draft)
    assert number.value == 14
    assert number.history.first().history_user == admin_user
    assert number.history.first().prev_record.value == 7
    assert draft.history.first().history_user == admin_user
    page = admin_client.get(response.url).content.decode()
    assert "Saved: 1 number changed." in page
    assert "7 → <strong>14</strong>" in page
    assert 'class="rf-flipped"' in page
    assert f'name="revert" value="{number.pk}"' in page


def test_revert_puts_one_number_back_to_live(admin_client, draft):
    admin_client.post(f"{URL}{draft.pk}/weights/", _form(draft, **{CHURN_RISING: "14"}))
    number = _churn_rising(draft)
    data = {**_form(draft), "revert": str(number.pk)}
    assert admin_client.post(f"{URL}{draft.pk}/weights/", data).status_code == 302
    number.refresh_from_db()
    assert number.value == 7
    page = admin_client.get(f"{URL}{draft.pk}/weights/").content.decode()
    assert "None yet: every number is as it is live." in page


def test_the_preview_scores_unsaved_numbers_and_saves_nothing(admin_client, client, draft):
    submitted(client, SIMPLE_ANSWERS)
    response = admin_client.post(
        f"{URL}{draft.pk}/weights/preview/", _form(draft, **{CHURN_RISING: "14"})
    )
    assert response.status_code == 200
    state = response.json()
    (flip,) = [call for call in state["calls"] if call["flipped"]]
    assert (flip["label"], flip["live"], flip["draft"]) == (BORDERLINE_UNIT, "CRO", "CSO")
    assert state["changed"] == [f"n-{_churn_rising(draft).pk}"]
    assert state["changes"][0]["live"] == 7
    assert state["changes"][0]["draft"] == 14
    assert state["stored"]["assessed"] == 1
    assert state["can_publish"] is True
    assert "figure-sales_channels" in state["figures"]
    assert _churn_rising(draft).value == 7
    assert _churn_rising(draft).history.count() == 1  # its first value only


def test_a_problem_shows_on_its_card_and_publishing_waits(admin_client, draft):
    data = _form(draft, **{CHURN_RISING: "0"})
    state = admin_client.post(f"{URL}{draft.pk}/weights/preview/", data).json()
    assert list(state["problems"]) == ["churn_trend"]
    assert state["can_publish"] is False
    admin_client.post(f"{URL}{draft.pk}/weights/", data)
    page = admin_client.get(f"{URL}{draft.pk}/weights/").content.decode()
    assert 'class="rf-card rf-has-problems" id="card-churn_trend"' in page
    assert 'data-problems="true" disabled' in page
    response = admin_client.post(f"{URL}{draft.pk}/weights/publish/", follow=True)
    assert "was not published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_publishing_from_the_editor_makes_the_draft_live(admin_client, draft):
    admin_client.post(f"{URL}{draft.pk}/weights/", _form(draft, **{CHURN_RISING: "14"}))
    response = admin_client.post(f"{URL}{draft.pk}/weights/publish/")
    assert response.status_code == 302
    live = QuestionnaireVersion.live()
    assert live.pk == draft.pk
    assert live.bank["sections"][1]["questions"][2]["options"][2]["weight"] == 14
    # Published means frozen: the editor is for drafts only.
    assert admin_client.get(f"{URL}{draft.pk}/weights/").status_code == 404


@pytest.mark.parametrize(
    "value", ["", "abc", "nan", "inf", "1e309", "1e7", "1%00", "%ED%A0%80", "9" * 5000]
)
def test_a_bad_number_is_named_and_nothing_is_saved(admin_client, draft, value):
    before = draft.bank
    # Sent as the raw body, so NUL and a lone surrogate arrive escaped, as a browser's would.
    data = urlencode(_form(draft, **{'["threshold"]': "31"}))
    data += (
        f"&n-{_churn_rising(draft).pk}={value.replace('%', '%25') if '%E' not in value else value}"
    )
    form = "application/x-www-form-urlencoded"
    response = admin_client.post(f"{URL}{draft.pk}/weights/", data, content_type=form)
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    preview = admin_client.post(f"{URL}{draft.pk}/weights/preview/", data, content_type=form)
    assert preview.status_code == 400
    assert list(preview.json()["errors"]) == [f"n-{_churn_rising(draft).pk}"]
    draft.refresh_from_db()
    assert draft.bank == before


def test_a_missing_number_is_an_error_not_a_zero(admin_client, draft):
    data = _form(draft)
    del data[f"n-{_churn_rising(draft).pk}"]
    assert admin_client.post(f"{URL}{draft.pk}/weights/", data).status_code == 400


def test_the_preview_and_publish_take_only_post(admin_client, draft):
    assert admin_client.get(f"{URL}{draft.pk}/weights/preview/").status_code == 405
    assert admin_client.get(f"{URL}{draft.pk}/weights/publish/").status_code == 405


def test_only_staff_who_may_change_versions_get_in(client, draft):
    for path in ["weights/", "weights/preview/", "weights/publish/", "preview/"]:
        assert client.post(f"{URL}{draft.pk}/{path}").status_code == 302  # to sign in
    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_questionnaireversion"))
    viewer = signed_in(staff)
    for path in ["weights/", "weights/preview/", "weights/publish/", "preview/"]:
        assert viewer.post(f"{URL}{draft.pk}/{path}").status_code == 403, path
    assert viewer.post(f"{URL}upload/").status_code == 403
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_draft_page_links_the_editor_and_folds_the_json_away(admin_client, draft):
    page = admin_client.get(f"{URL}{draft.pk}/change/").content.decode()
    assert f"{URL}{draft.pk}/weights/" in page
    assert "<details" in page
    assert page.index("<details") > page.index("Problems that block publishing")
    assert "numbers-TOTAL_FORMS" not in page  # numbers are changed in the editor only
    assert "texts-TOTAL_FORMS" in page


def test_the_reference_units_have_an_admin_that_checks_their_answers(admin_client, live_version):
    url = "/admin/assessments/referenceunit/add/"
    labels = {"label_en": "Mine", "label_es": "Mía", "position": "9"}
    response = admin_client.post(url, {**labels, "answers": json.dumps(SIMPLE_ANSWERS)})
    assert response.status_code == 302
    assert ReferenceUnit.objects.get(label_en="Mine").answers["revenue_model"] == "transactional"
    wrong = json.dumps({**SIMPLE_ANSWERS, "sales_channels": "many", "no_such_question": 1})
    body = admin_client.post(url, {**labels, "answers": wrong}).content.decode()
    assert "no_such_question: unknown question" in body
    assert "sales_channels:" in body


@pytest.mark.parametrize(
    ("answers", "problem"),
    [("[" * 5000 + "]" * 5000, "nests deeper"), ('{"a": "\\u0000"}', "NUL"), ("{", "JSON")],
)
def test_hostile_reference_answers_are_a_form_error(admin_client, live_version, answers, problem):
    url = "/admin/assessments/referenceunit/add/"
    labels = {"label_en": "Mine", "label_es": "Mía", "position": "9"}
    response = admin_client.post(url, {**labels, "answers": answers})
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not ReferenceUnit.objects.filter(label_en="Mine").exists()


def test_a_clone_of_a_clone_can_be_published_and_names_never_collide(draft):
    from django.utils import timezone

    now = timezone.now()
    second = draft.clone_to_draft(draft.draft_name(now))
    third = second.clone_to_draft(second.draft_name(now))
    assert len(third.version) <= 40
    assert third.version.startswith("2026.2-draft-")
    assert draft.draft_name(now) != draft.draft_name(now)
    third.publish()
    assert QuestionnaireVersion.live().pk == third.pk


def test_publish_takes_the_draft_as_stored_not_as_read(draft):
    # Found by a hostile tester: a save that landed after the publish request read the
    # draft was silently left out of what went live.
    stale = QuestionnaireVersion.objects.get(pk=draft.pk)
    draft.bank["threshold"] = 33
    draft.save()
    stale.publish()
    assert QuestionnaireVersion.live().bank["threshold"] == 33


def test_weights_too_small_to_score_hold_publish_and_the_preview_stays_json(admin_client, draft):
    tiny = {
        str(json.loads(row.path)): "0" if row.path.endswith('"weight"]') else "1e-310"
        for row in draft.numbers.all()
        if row.path.endswith(('"weight"]', '"max_points"]'))
    }
    data = {f"n-{row.pk}": repr(row.value) for row in draft.numbers.all()}
    for row in draft.numbers.all():
        if str(json.loads(row.path)) in tiny:
            data[f"n-{row.pk}"] = tiny[str(json.loads(row.path))]
    response = admin_client.post(f"{URL}{draft.pk}/weights/preview/", data)
    assert response.status_code == 200
    state = json.loads(response.content)  # strict: NaN or Infinity would not parse
    assert state["can_publish"] is False
    assert any("too little to scale" in p for p in state["problems"]["model"])


def test_staff_who_may_only_view_cannot_publish_clone_or_change_rows(draft):
    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    for codename in ("view_questionnaireversion", "view_draftnumber", "view_drafttext"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    viewer = signed_in(staff)
    for action in ("publish", "clone_to_draft"):
        viewer.post(URL, {"action": action, "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_draft
    assert QuestionnaireVersion.objects.count() == 2  # live and this draft, no clone
    number = draft.numbers.get(path='["threshold"]')
    response = viewer.post(f"/admin/assessments/draftnumber/{number.pk}/change/", {"value": "33"})
    assert response.status_code == 403
    number.refresh_from_db()
    assert number.value == 30


def test_a_tampered_text_formset_is_a_form_error_not_a_500(admin_client, draft):
    data = {
        "texts-TOTAL_FORMS": str(draft.texts.count() + 1),
        "texts-INITIAL_FORMS": str(draft.texts.count()),
        "_continue": "1",
    }
    for i, row in enumerate(draft.texts.all()):
        data.update(
            {f"texts-{i}-id": str(row.pk), f"texts-{i}-en": row.en, f"texts-{i}-es": row.es}
        )
    extra = draft.texts.count()
    data.update({f"texts-{extra}-en": "new", f"texts-{extra}-es": "nuevo"})
    response = admin_client.post(f"{URL}{draft.pk}/change/", data)
    assert response.status_code == 200
    assert "This page was out of date" in response.content.decode()
    data["texts-INITIAL_FORMS"] = "-1"
    assert admin_client.post(f"{URL}{draft.pk}/change/", data).status_code == 200
    assert not draft.texts.filter(en="new").exists()
