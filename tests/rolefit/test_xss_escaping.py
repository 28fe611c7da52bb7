"""Admin-edited bank texts and user answers are escaped on every page that shows them."""

import json

import pytest

from assessments.versions import load_bank_version
from tests.conftest import SIMPLE_ANSWERS, raw_bank
from tests.flow import owner_path, result_path, share_through_owner_page, start, submitted
from tests.recruiting import engagement_for, recruiter, signed_in

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def _planted_bank():
    bank = raw_bank()
    bank["version"] = "xss"
    question = bank["sections"][0]["questions"][0]
    question["text"]["en"] = f"Channels {PAYLOAD}"
    question["help"]["en"] = f"Help {PAYLOAD}"
    bank["sections"][1]["questions"][0]["options"][0]["label"]["en"] = f"One-off {PAYLOAD}"
    bank["sections"][0]["title"]["en"] = f"Structure {PAYLOAD}"
    for role in bank["roles"].values():
        role["summary"]["en"] = f"Summary {PAYLOAD}"
        role["complementary_hires"][0]["role"]["en"] = f"Hire {PAYLOAD}"
        role["risks"][0]["detail"]["en"] = f"Risk {PAYLOAD}"
    return bank


def _assert_escaped(body: str) -> None:
    assert PAYLOAD not in body
    assert "<script>alert" not in body


def test_admin_edited_texts_are_escaped(client):
    load_bank_version(_planted_bank())
    token = start(client, business_unit=PAYLOAD)
    step = client.get(f"/a/{token}/step/1/").content.decode()
    _assert_escaped(step)
    assert ESCAPED in step
    token = submitted(client, {**SIMPLE_ANSWERS, "context_notes": PAYLOAD})
    for path in (owner_path(token), result_path(token), f"/a/{token}/review/"):
        body = client.get(path, follow=True).content.decode()
        _assert_escaped(body)


def test_user_answers_and_labels_are_escaped(client, live_version):
    token = submitted(client, {**SIMPLE_ANSWERS, "context_notes": PAYLOAD})
    shared = share_through_owner_page(client, token, label=PAYLOAD, show_free_text="on")
    for path in (owner_path(token), shared):
        body = client.get(path).content.decode()
        _assert_escaped(body)
        assert ESCAPED in body
    export = client.get(f"{owner_path(token)}export.json")
    assert json.loads(export.content)["answers"]["context_notes"] == PAYLOAD
    assert export["Content-Type"].startswith("application/json")


def test_recruiter_pages_escape_client_names(live_version):
    alice = recruiter("alice")
    engagement = engagement_for(alice, client_company=PAYLOAD, business_unit=PAYLOAD)
    client = signed_in(alice)
    for path in ("/recruiter/", engagement.get_absolute_url(), f"/i/{engagement.token()}/"):
        _assert_escaped(client.get(path).content.decode())


def test_chart_labels_escape_plotly_markup():
    from leaders.charts import traits_comparison_figure

    class _Trait:
        rating, statement = 4, "<b>Designs</b> a go-to-market"

    class _Profile:
        traits = [_Trait()]

    name = '<a href="https://evil.example">Dana</a>'
    (trace,) = traits_comparison_figure([(name, _Profile())])["data"]
    assert trace["name"] == '&lt;a href="https://evil.example"&gt;Dana&lt;/a&gt;'
    assert "<" not in trace["y"][0]
    assert name not in trace["hovertemplate"]


@pytest.mark.django_db
def test_a_cached_result_page_never_repeats_another_visitors_query(client, live_version):
    from tests.flow import result_path, submitted

    path = result_path(submitted(client))
    client.get(f"{path}?utm_source=evil%22%3E")  # rendered for this visitor only
    page = client.get(path).content.decode()
    assert "utm_source" not in page
