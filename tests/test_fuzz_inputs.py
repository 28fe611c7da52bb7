"""Hypothesis throws malformed, oversized, wrongly typed and Unicode-edge input at every
form and API endpoint. The answer is always a 4xx or a success, never a 5xx, and a
refused request stores nothing."""

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Assessment
from recruiters.models import Engagement
from rolefit import tokens
from sharing.models import ShareLink

from .conftest import SIMPLE_ANSWERS
from .flow import owner_path, start, submitted
from .recruiting import recruiter, signed_in

pytestmark = pytest.mark.django_db

TRIED: Counter[str] = Counter()

# Text that breaks naive code: controls, surrogates-as-escapes, RTL marks, NULs, emoji,
# combining marks, very long strings, markup and SQL-looking fragments.
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=50),
    st.sampled_from(
        [
            "\x00",
            "\u202e\u202d",
            "𝓡𝓸𝓵𝓮",
            "e\u0301" * 40,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "%s%n%x",
            "{sales_channels}",
            "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        ]
    ),
    st.builds(lambda n: "x" * n, st.integers(1000, 70_000)),
)
# What only JSON can carry: lone surrogates (a form's bytes are decoded with
# replacement, so they never reach a form) and NULs spelt as escapes.
json_only_text = st.sampled_from(["\udfff", "a\ud800b", "\u0000", "x\x00y", "\udbff\udfff"])
huge_numbers = st.one_of(
    st.integers(-(10**30), 10**30),
    st.sampled_from([10**400, -(10**400), 2**63, 2**64 + 1, -(2**63) - 1]),
)
json_values = st.recursive(
    st.none() | st.booleans() | huge_numbers | st.floats() | nasty_text | json_only_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_text, inner, max_size=4),
    max_leaves=12,
)
answer_like = st.dictionaries(
    st.sampled_from([*SIMPLE_ANSWERS, "colour", ""]) | nasty_text, json_values, max_size=12
)
fuzz = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # Hundreds of requests from one client in a second: the limits have their own tests.
    settings.RF_START_LIMIT_PER_HOUR = settings.RF_SUBMIT_LIMIT_PER_HOUR = 10**9
    settings.RF_API_LIMIT_PER_MINUTE = settings.RF_TOKEN_MISS_LIMIT = 10**9


def _no_server_error(response):
    assert response.status_code < 500, response.content[:500]


def _raw_body(value):
    if isinstance(value, bytes):
        return value
    return json.dumps(value, allow_nan=True, default=str)


def _nested(depth: int, kind: str) -> bytes:
    if kind == "list":
        return b"[" * depth + b"]" * depth
    if kind == "object":
        return b'{"a":' * depth + b"1" + b"}" * depth
    return b'{"answers": ' + b'{"x":' * depth + b"1" + b"}" * depth + b"}"


# Bodies no JSON library should be trusted with: nesting tens of thousands deep, numbers
# with thousands of digits, and NaN or Infinity.
hostile_bodies = st.one_of(
    st.builds(_nested, st.integers(20, 60_000), st.sampled_from(["list", "object", "answers"])),
    st.builds(
        lambda n: b'{"answers": {"sales_channels": ' + b"9" * n + b"}}", st.integers(1, 9000)
    ),
    st.sampled_from([b"NaN", b'{"answers": {"competitors": Infinity}}', b"1e99999"]),
)
huge_form_numbers = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from(
        ["9" * 5000, "1e999", "-0", "0x10", "١٢", "2147483648", "18446744073709551616"]
    ),
)


@fuzz
@given(
    body=st.one_of(
        st.binary(max_size=300),
        json_values,
        hostile_bodies,
        st.fixed_dictionaries(
            {"answers": answer_like},
            optional={"language": json_values, "business_unit": json_values},
        ),
    )
)
def test_submit_api(client, live_version, body):
    TRIED["POST /api/v1/assessments"] += 1
    before = Assessment.objects.count()
    response = client.post("/api/v1/assessments", _raw_body(body), content_type="application/json")
    _no_server_error(response)
    if response.status_code != 201:
        assert Assessment.objects.count() == before
        assert response.json()["errors"]


@fuzz
@given(
    body=st.one_of(st.binary(max_size=200), json_values, hostile_bodies),
    header=st.one_of(st.just("own"), nasty_text),
)
def test_share_link_api(client, live_version, body, header):
    TRIED["POST /api/v1/share-links"] += 1
    token = submitted(client) if header == "own" else None
    authorization = f"Owner {tokens.owner_token(token)}" if token else header
    before = ShareLink.objects.count()
    try:
        response = client.post(
            "/api/v1/share-links",
            _raw_body(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=authorization,
        )
    except ValueError:
        return  # the test client itself refuses headers with newlines; no server saw it
    _no_server_error(response)
    if response.status_code != 201:
        assert ShareLink.objects.count() == before


@fuzz
@given(link_id=nasty_text)
def test_share_link_delete(client, live_version, link_id):
    TRIED["DELETE /api/v1/share-links/<id>"] += 1
    response = client.delete(f"/api/v1/share-links/{link_id.replace('/', '')}")
    _no_server_error(response)


@fuzz
@given(
    data=st.dictionaries(
        st.sampled_from([*SIMPLE_ANSWERS, "action", "x"]),
        nasty_text | huge_form_numbers,
        max_size=8,
    ),
    number=st.integers(1, 3),
)
def test_questionnaire_step(client, live_version, data, number):
    TRIED["POST /a/<token>/step/<n>/"] += 1
    token = start(client)
    response = client.post(f"/a/{token}/step/{number}/", {**data, "action": "next"})
    _no_server_error(response)
    if response.status_code != 302:
        assert Assessment.objects.get(resume_token_digest=tokens.token_digest(token)).answers == {}


@fuzz
@given(business_unit=nasty_text)
def test_start_form(client, live_version, business_unit):
    TRIED["POST /start/"] += 1
    before = Assessment.objects.count()
    response = client.post("/start/", {"business_unit": business_unit})
    _no_server_error(response)
    if response.status_code != 302:
        assert Assessment.objects.count() == before


@fuzz
@given(
    form=st.sampled_from(["share-links/", "email/", "delete/", "retake/"]),
    data=st.dictionaries(
        st.sampled_from(["label", "expires_in_days", "show_free_text", "email", "confirm"]),
        nasty_text,
        max_size=5,
    ),
)
def test_owner_forms(client, live_version, form, data):
    TRIED[f"POST /o/<token>/{form}"] += 1
    token = submitted(client)
    response = client.post(f"{owner_path(token)}{form}", data)
    _no_server_error(response)


@fuzz
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["client_company", "business_unit", "q", "status", "recommendation", "sort"]
        ),
        nasty_text,
        max_size=6,
    )
)
def test_recruiter_forms(live_version, data):
    TRIED["recruiter forms"] += 1
    client = signed_in(recruiter(f"r{TRIED['recruiter forms']}"))
    before = Engagement.objects.count()
    created = client.post("/recruiter/engagements/", data)
    _no_server_error(created)
    if created.status_code != 302:
        assert Engagement.objects.count() == before
    _no_server_error(client.get("/recruiter/", data))


@fuzz
@given(path=nasty_text)
def test_token_urls(client, live_version, path):
    TRIED["GET token URLs"] += 1
    cleaned = path.replace("/", "").replace("?", "").replace("#", "")
    for prefix in ("a", "o", "r", "s", "i"):
        _no_server_error(client.get(f"/{prefix}/{cleaned}/"))


counters = st.one_of(st.integers(-(10**12), 10**12).map(str), huge_form_numbers, nasty_text)


@fuzz
@given(
    total=counters,
    initial=counters,
    extra_fields=st.dictionaries(
        st.sampled_from(["form-0-id", "form-0-status", "form-0-due_on", "form-40-due_on"]),
        nasty_text | huge_form_numbers,
        max_size=4,
    ),
)
def test_plan_formset_counters(client, live_version, total, initial, extra_fields):
    from plans.models import PlanTask

    TRIED["POST /plan/<token>/ (formset counters)"] += 1
    token = submitted(client)
    location = client.post(f"{owner_path(token)}plan/")["Location"]
    before = list(PlanTask.objects.order_by("pk").values_list("pk", "position", "plan_id"))
    data = {"form-TOTAL_FORMS": total, "form-INITIAL_FORMS": initial, **extra_fields}
    response = client.post(location, data)
    _no_server_error(response)
    after = list(PlanTask.objects.order_by("pk").values_list("pk", "position", "plan_id"))
    assert after == before, "no task is ever created, moved or deleted"


@fuzz
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "name": nasty_text,
            "owner_email": nasty_text,
            "cadence_days": huge_form_numbers | nasty_text,
        },
    )
)
def test_unit_and_people_forms(client, live_version, fields):
    from leaders.models import Person
    from units.models import BusinessUnit

    TRIED["POST /org/<token>/ and /o/<token>/people/"] += 1
    org_url = client.post("/org/new/", {"name": "Acme"})["Location"]
    units = BusinessUnit.objects.count()
    response = client.post(org_url, fields)
    _no_server_error(response)
    if response.status_code != 302:
        assert BusinessUnit.objects.count() == units
    _no_server_error(client.get(org_url))
    people = Person.objects.count()
    token = submitted(client)
    added = client.post(f"{owner_path(token)}people/", {**fields, "kind": "candidate"})
    _no_server_error(added)
    if added.status_code != 302:
        assert Person.objects.count() == people


@fuzz
@given(body=st.one_of(hostile_bodies, st.binary(max_size=300), json_values.map(_raw_body)))
def test_admin_bank_upload(admin_client, live_version, body):
    import io

    from assessments.models import QuestionnaireVersion

    TRIED["POST admin bank upload"] += 1
    upload = io.BytesIO(body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass"))
    upload.name = "bank.json"
    versions = QuestionnaireVersion.objects.count()
    response = admin_client.post(
        "/admin/assessments/questionnaireversion/upload/", {"file": upload}
    )
    _no_server_error(response)
    assert QuestionnaireVersion.objects.count() == versions


def test_report_how_many_inputs_were_tried(capsys):
    # Runs last in this file: the total goes into the test log for the closing note.
    with capsys.disabled():
        print(f"\nfuzz inputs tried: {sum(TRIED.values())} ({dict(TRIED)})")
