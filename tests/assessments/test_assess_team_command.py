"""`manage.py assess_team`: a team's answers in, the team's call and its disagreements out;
bad input exits non-zero, naming each problem by respondent and key."""

import json

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Assessment
from tests.conftest import BANK_PATH, COMPLEX_ANSWERS, SIMPLE_ANSWERS

# A CSO at 26.0, four points short of the threshold (see test_consensus.py).
NEAR_THRESHOLD = {
    **SIMPLE_ANSWERS,
    "sales_channels": 3,
    "growth_vs_plan": "below",
    "lifecycle_scope": "sales_and_marketing",
}
SPLIT_TEAM = [
    {"role": "CEO", "answers": {**NEAR_THRESHOLD, "lifecycle_scope": "full_lifecycle"}},
    {"role": "CFO", "name": "Ana Ruiz", "answers": NEAR_THRESHOLD},
    {"answers": {**NEAR_THRESHOLD, "lifecycle_scope": "sales_only"}},
]


def _write(tmp_path, payload):
    path = tmp_path / "team.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return path


def _run(capsys, tmp_path, payload, *args):
    call_command("assess_team", "--answers", str(_write(tmp_path, payload)), *args)
    return capsys.readouterr().out


def _problems(tmp_path, payload):
    """The CommandError's message, read with the shipped bank: no database needed."""
    path = _write(tmp_path, payload)
    with pytest.raises(CommandError) as caught:
        call_command("assess_team", "--answers", str(path), "--bank", str(BANK_PATH))
    return str(caught.value)


@pytest.mark.django_db
def test_json_has_the_team_each_respondent_and_the_disagreements(tmp_path, capsys, live_version):
    result = json.loads(_run(capsys, tmp_path, SPLIT_TEAM))
    assert list(result) == ["team", "respondents", "disagreements", "talk_first"]
    assert result["team"]["recommendation"] == "CSO"
    assert result["team"]["questionnaire_version"] == live_version.version
    assert [(r["role"], r["name"], r["recommendation"]) for r in result["respondents"]] == [
        ("CEO", "", "CRO"),
        ("CFO", "Ana Ruiz", "CSO"),
        ("", "", "CSO"),
    ]
    (scope,) = result["disagreements"]
    assert (scope["question"], scope["spread"], scope["could_flip"]) == (
        "lifecycle_scope",
        9.2,
        True,
    )
    assert [talk["question"] for talk in result["talk_first"]] == ["lifecycle_scope"]
    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_a_team_that_answers_alike_gets_what_assess_prints(tmp_path, capsys, live_version):
    answers = {**COMPLEX_ANSWERS, "context_notes": "Two units are merging"}
    single = tmp_path / "single.json"
    single.write_text(json.dumps(answers))
    call_command("assess", "--answers", str(single))
    expected = json.loads(capsys.readouterr().out)
    team = [{"role": "CEO", "answers": answers}, {"role": "CFO", "answers": answers}]
    assert json.loads(_run(capsys, tmp_path, team))["team"] == expected


@pytest.mark.django_db
def test_text_lists_respondents_disagreements_and_what_to_talk_over_first(
    tmp_path, capsys, live_version
):
    out = _run(capsys, tmp_path, SPLIT_TEAM, "--format", "text")
    assert out.startswith("CSO (Chief Sales Officer) · Borderline")
    assert "2. CSO   26.0  Borderline     CFO · Ana Ruiz" in out
    assert "9.20  Which functions should the new leader own?" in out
    assert "could flip: CSO → CRO" in out
    assert "• Settle ‘Scope of the role’ before anything else." in out


@pytest.mark.django_db
def test_text_in_spanish(tmp_path, capsys, live_version):
    out = _run(capsys, tmp_path, SPLIT_TEAM, "--format", "text", "--lang", "es")
    assert out.startswith("CSO (Director de Ventas (CSO)) · En el límite")
    assert "Solo ventas ×1" in out
    assert "• Pónganse de acuerdo primero en «Alcance del puesto»." in out


def test_a_team_that_agrees_has_nothing_to_talk_over(tmp_path, capsys):
    team = [{"answers": SIMPLE_ANSWERS}, {"answers": SIMPLE_ANSWERS}]
    out = _run(capsys, tmp_path, team, "--format", "text", "--bank", str(BANK_PATH))
    assert "none: every respondent gave the same answers" in out
    assert "nothing: no single disagreement changes the call" in out


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"answers": SIMPLE_ANSWERS}, "the file must hold a list"),
        ([], "the list of respondents is empty"),
        ([{"answers": SIMPLE_ANSWERS}] * 14, "14 respondents: at most 13"),
        ([{"answers": SIMPLE_ANSWERS}, "CFO"], "respondent 2: must be an object"),
        (
            [{"role": "CFO", "answers": SIMPLE_ANSWERS, "email": "a@b.c"}],
            "respondent 1 (CFO): 'email': unknown key",
        ),
        ([{"role": 7, "answers": SIMPLE_ANSWERS}], "respondent 1: role: must be text"),
        (
            [{"role": "CFO", "name": "x" * 81, "answers": SIMPLE_ANSWERS}],
            "respondent 1 (CFO): name: must be at most 80 characters, not 81",
        ),
        (
            [{"role": "CFO\u202e", "answers": SIMPLE_ANSWERS}],
            "respondent 1: role: must be one line",
        ),
        ([{"role": "CFO"}], "respondent 1 (CFO): answers: must be an object keyed by question"),
        (
            [{"answers": SIMPLE_ANSWERS}, {"role": "CFO", "answers": {"sales_channels": "3"}}],
            "respondent 2 (CFO): sales_channels: must be a whole number",
        ),
        (
            [{"role": "CFO", "answers": {**SIMPLE_ANSWERS, "verticals": None}}],
            "respondent 1 (CFO): verticals: this answer is required",
        ),
        (
            [{"role": 7, "answers": {**SIMPLE_ANSWERS, "role": "CFO"}}],
            "respondent 1: answers.role: unknown question",
        ),
    ],
)
def test_bad_input_is_named_by_respondent_and_key(tmp_path, payload, expected):
    assert expected in _problems(tmp_path, payload)


def test_every_problem_of_every_respondent_is_named(tmp_path):
    team = [
        {"role": "CEO", "answers": {**SIMPLE_ANSWERS, "churn_trend": "wobbly"}},
        {"answers": SIMPLE_ANSWERS},
        {"role": "CFO", "answers": {**SIMPLE_ANSWERS, "sales_channels": 0, "colour": "blue"}},
    ]
    message = _problems(tmp_path, team)
    assert message.splitlines() == [
        "the respondents are not valid:",
        "  respondent 1 (CEO): churn_trend: must be one of: falling, stable, rising",
        "  respondent 3 (CFO): colour: unknown question",
        "  respondent 3 (CFO): sales_channels: must be from 1 to 20, not 0",
    ]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('[{"role": "CFO\\u0000", "answers": {}}]', "0.role: contains a NUL character"),
        ('[{"role": "\\ud800", "answers": {}}]', "0.role: contains a lone surrogate"),
        ('[{"answers": ' + "[" * 100 + "]" * 100 + "}]", "nests deeper than 32 levels"),
        ("[{not json", "is not valid JSON"),
    ],
)
def test_hostile_json_is_refused_before_it_is_read(tmp_path, raw, expected):
    assert expected in _problems(tmp_path, raw)
