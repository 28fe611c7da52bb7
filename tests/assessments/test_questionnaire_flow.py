"""The CEO's whole journey through the test client: start, steps, back, resume, submit."""

import pytest

from assessments import views
from assessments.models import Assessment
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS
from tests.flow import STEP_KEYS, answer_all, result_path, start, step_post, submit

pytestmark = pytest.mark.django_db


def test_landing_says_what_the_tool_does_and_how_long_it_takes(client, live_version):
    response = client.get("/")
    assert response.status_code == 200
    assert b"five minutes" in response.content
    assert b'action="/start/"' in response.content


def test_start_creates_a_draft_named_for_the_unit(client, live_version):
    token = start(client, "Online store")
    assessment = Assessment.objects.get()
    assert assessment.business_unit == "Online store"
    assert assessment.status == Assessment.Status.IN_PROGRESS
    assert assessment.questionnaire == live_version
    assert token not in str(Assessment.objects.values().get())


def test_each_step_shows_progress_and_the_resume_link(client, live_version):
    token = start(client)
    response = client.get(f"/a/{token}/step/2/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Step 2 of 3" in body
    assert body.count("<form") == 1, "one form for the step, never nested"
    assert '<progress id="progress"' in body
    assert f"/a/{token}/" in body


def test_every_step_is_saved_when_posted(client, live_version):
    token = start(client)
    client.post(f"/a/{token}/step/1/", step_post(COMPLEX_ANSWERS, 1))
    saved = Assessment.objects.get().answers
    assert saved["sales_channels"] == 4
    assert saved["competitors"] == 20
    assert "revenue_model" not in saved


def test_invalid_answers_are_refused_beside_the_field_and_not_saved(client, live_version):
    token = start(client)
    data = {**step_post(SIMPLE_ANSWERS, 1), "sales_channels": "0", "verticals": "lots"}
    response = client.post(f"/a/{token}/step/1/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ensure this value is greater than or equal to 1." in body
    assert "Enter a whole number." in body
    assert 'id="error_1_id_sales_channels"' in body
    assert Assessment.objects.get().answers == {}


def test_an_empty_post_names_every_required_field(client, live_version):
    token = start(client)
    response = client.post(f"/a/{token}/step/1/")
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 4


def test_back_keeps_what_was_valid_and_goes_to_the_previous_step(client, live_version):
    token = start(client)
    client.post(f"/a/{token}/step/1/", step_post(SIMPLE_ANSWERS, 1))
    partial = {"action": "back", "revenue_model": "mixed", "growth_vs_plan": "sideways"}
    response = client.post(f"/a/{token}/step/2/", partial)
    assert response["Location"] == f"/a/{token}/step/1/"
    saved = Assessment.objects.get().answers
    assert saved["revenue_model"] == "mixed"
    assert "growth_vs_plan" not in saved
    assert 'value="1"' in client.get(f"/a/{token}/step/1/").content.decode()


def test_resume_link_returns_to_the_first_unfinished_step(client, live_version):
    token = start(client)
    client.post(f"/a/{token}/step/1/", step_post(SIMPLE_ANSWERS, 1))
    fresh_browser = type(client)()
    response = fresh_browser.get(f"/a/{token}/")
    assert response["Location"] == f"/a/{token}/step/2/"
    page = fresh_browser.get(response["Location"])
    assert 'value="transactional"' in page.content.decode()


def test_review_lists_answers_and_blocks_submit_when_incomplete(client, live_version):
    token = start(client)
    client.post(f"/a/{token}/step/1/", step_post(SIMPLE_ANSWERS, 1))
    response = client.post(f"/a/{token}/review/")
    assert response.status_code == 400
    assert b"Some required answers are missing" in response.content
    assert not Assessment.objects.get().is_submitted


def test_full_flow_ends_on_an_explained_recommendation(client, live_version):
    token = start(client)
    answer_all(client, token, COMPLEX_ANSWERS)
    assert client.get(f"/a/{token}/").get("Location") == f"/a/{token}/review/"
    owner_page = submit(client, token)
    assert owner_page.startswith("/o/")
    body = client.get(owner_page).content.decode()
    assert "Chief Revenue Officer" in body
    assert "What would change the answer" in body
    assert "VPs of Sales who are CSO-type executors" in body
    assert 'id="drivers-figure"' in body
    assessment = Assessment.objects.get()
    assert assessment.recommendation == "CRO"
    assert assessment.result_for("es")["role_title"] == "Director de Ingresos (CRO)"


def test_submitting_twice_makes_one_result(client, live_version):
    token = start(client)
    answer_all(client, token)
    first = submit(client, token)
    second = submit(client, token)
    assert first == second
    assert Assessment.objects.filter(status="submitted").count() == 1
    submitted_at = Assessment.objects.get().submitted_at
    client.post(f"/a/{token}/step/1/", step_post(COMPLEX_ANSWERS, 1))
    assessment = Assessment.objects.get()
    assert assessment.submitted_at == submitted_at
    assert assessment.answers["sales_channels"] == 1, "a submitted result is frozen"


def test_the_result_link_shows_the_result_read_only(client, live_version):
    token = start(client)
    answer_all(client, token)
    submit(client, token)
    response = type(client)().get(result_path(token))
    assert response.status_code == 200
    assert b"Chief Sales Officer" in response.content
    assert b"owner-link" not in response.content
    assert token.encode() not in response.content


def test_unknown_step_number_is_404(client, live_version):
    token = start(client)
    assert client.get(f"/a/{token}/step/{len(STEP_KEYS) + 1}/").status_code == 404
    assert client.get(f"/a/{token}/step/0/").status_code == 404


def test_start_without_a_loaded_questionnaire_says_so(client, db):
    response = client.post("/start/", {"business_unit": ""})
    assert response.status_code == 503
    assert b"load_question_bank" in response.content


def test_overlong_business_unit_is_a_clear_400(client, live_version):
    response = client.post("/start/", {"business_unit": "x" * 500})
    assert response.status_code == 400
    assert b"at most 120 characters" in response.content


def _read_then_gone(monkeypatch, token):
    """The draft as a request read it, deleted right after (an old draft, purged)."""
    stale = Assessment.objects.by_resume_token(token)
    assert stale is not None
    Assessment.objects.filter(pk=stale.pk).delete()
    monkeypatch.setattr(Assessment.objects, "by_resume_token", lambda _token: stale)


@pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit
def test_a_step_shown_as_its_draft_is_purged_is_a_404(client, live_version, monkeypatch):
    token = start(client)
    _read_then_gone(monkeypatch, token)
    assert client.get(f"/a/{token}/step/2/").status_code == 404


def test_a_step_saved_as_its_draft_goes_stores_nothing(client, live_version, monkeypatch):
    token = start(client)
    _read_then_gone(monkeypatch, token)
    response = client.post(f"/a/{token}/step/1/", step_post(SIMPLE_ANSWERS, 1))
    assert response.status_code == 302
    assert response["Location"] == f"/a/{token}/"
    assert not Assessment.objects.exists()


def test_a_step_saved_from_another_tab_after_the_submit_changes_nothing(client, live_version):
    # The submit froze the result with these answers; a late save must not alter them.
    token = start(client)
    answer_all(client, token, SIMPLE_ANSWERS)
    stale = Assessment.objects.by_resume_token(token)
    submit(client, token)
    frozen = Assessment.objects.get().answers
    first_key = STEP_KEYS[0][0]
    assert frozen[first_key] is not None
    assert stale is not None
    assert not stale.save_answers({first_key: None})
    assert Assessment.objects.get().answers == frozen


def test_two_tabs_saving_different_steps_at_once_both_keep_their_answers(client, live_version):
    # Each save merges its step into the answers as stored when the write lands (the
    # database does it), not into the copy its request read at the start.
    token = start(client)
    first_tab = Assessment.objects.by_resume_token(token)
    second_tab = Assessment.objects.by_resume_token(token)
    assert first_tab is not None
    assert second_tab is not None
    assert second_tab.save_answers({"revenue_model": "recurring", "lead_shortage": True})
    assert first_tab.save_answers({"sales_channels": 4, "geographies": None})
    stored = Assessment.objects.get().answers
    assert stored["revenue_model"] == "recurring"
    assert stored["lead_shortage"] is True
    assert stored["sales_channels"] == 4
    assert "geographies" in stored
    assert stored["geographies"] is None


def test_a_step_saved_from_another_tab_just_before_the_submit_is_in_the_result(
    client, live_version
):
    token = start(client)
    answer_all(client, token, SIMPLE_ANSWERS)
    review_read = Assessment.objects.by_resume_token(token)
    other_tab = Assessment.objects.by_resume_token(token)
    assert review_read is not None
    assert other_tab is not None
    assert other_tab.save_answers({"sales_channels": 19})
    assert review_read.submit()
    result = Assessment.objects.get()
    assert result.answers["sales_channels"] == 19
    assert result.result_snapshot["en"]["drivers"][0]["answer"] == 19


def test_an_answer_cleared_from_another_tab_during_the_submit_is_shown_missing(
    client, live_version, monkeypatch
):
    token = start(client)
    answer_all(client, token, SIMPLE_ANSWERS)
    checked = views.answer_problems

    def cleared_meanwhile(bank, answers):
        problems = checked(bank, answers)
        Assessment.objects.update(answers={**answers, "sales_channels": None})
        return problems

    monkeypatch.setattr(views, "answer_problems", cleared_meanwhile)
    response = client.post(f"/a/{token}/review/")
    assert response.status_code == 400
    assert Assessment.objects.get().status == Assessment.Status.IN_PROGRESS
