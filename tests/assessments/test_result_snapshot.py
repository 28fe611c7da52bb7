"""Stored results never change behind the user's back, whatever happens to the bank."""

import re

import pytest

from assessments.models import Assessment, QuestionnaireVersion
from assessments.versions import load_bank_version
from tests.conftest import raw_bank
from tests.flow import answer_all, result_path, start, submit, submitted

pytestmark = pytest.mark.django_db


def _question(bank, key):
    return next(q for s in bank["sections"] for q in s["questions"] if q["key"] == key)


def _without_csrf(body: bytes) -> bytes:
    # The CSRF token is masked afresh on every response; everything else must match.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


def test_a_new_live_version_leaves_old_results_alone(client, live_version):
    token = submitted(client)
    before = _without_csrf(client.get(result_path(token)).content)

    bank = raw_bank()
    bank["version"] = "2026.2"
    bank["threshold"] = 3
    load_bank_version(bank)

    assert QuestionnaireVersion.live().version == "2026.2"
    assert _without_csrf(client.get(result_path(token)).content) == before
    assessment = Assessment.objects.get()
    assert assessment.result_for("en")["questionnaire_version"] == "2026.1"
    assert assessment.recommendation == "CSO"

    new_token = start(client)
    answer_all(client, new_token)
    client.get(submit(client, new_token))
    newest = Assessment.objects.latest("created_at")
    assert newest.recommendation == "CRO"
    assert newest.result_for("en")["questionnaire_version"] == "2026.2"


def test_a_draft_finishes_on_the_version_it_started_with(client, live_version):
    token = start(client)
    bank = raw_bank()
    bank["version"] = "2026.2"
    _question(bank, "sales_channels")["text"]["en"] = "Channels, reworded"
    load_bank_version(bank)
    assert "Channels, reworded" not in client.get(f"/a/{token}/step/1/").content.decode()
