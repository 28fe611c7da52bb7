"""Every kind of bad bank is refused, with a message naming the question and the problem."""

import pytest

from assessments.bank.rules import BankError, parse_bank
from tests.conftest import raw_bank


def _question(bank, key):
    for section in bank["sections"]:
        for question in section["questions"]:
            if question["key"] == key:
                return question
    raise KeyError(key)


def _problems(bank):
    with pytest.raises(BankError) as caught:
        parse_bank(bank)
    return caught.value.problems


def test_the_shipped_bank_is_valid():
    assert parse_bank(raw_bank()).version


def test_duplicate_question_key_is_refused():
    bank = raw_bank()
    _question(bank, "verticals")["key"] = "sales_channels"
    problems = _problems(bank)
    assert "question 'sales_channels': the key is used more than once" in problems
    assert "question 'verticals': this core signal is missing" in problems


def test_missing_core_signal_is_refused():
    bank = raw_bank()
    bank["sections"][1]["questions"] = [
        q for q in bank["sections"][1]["questions"] if q["key"] != "churn_trend"
    ]
    assert "question 'churn_trend': this core signal is missing" in _problems(bank)


def test_weight_out_of_bounds_is_refused():
    bank = raw_bank()
    _question(bank, "churn_trend")["options"][2]["weight"] = 400
    problems = _problems(bank)
    assert any(p.startswith("question 'churn_trend' (options.2.weight)") for p in problems)


def test_negative_weight_is_refused():
    bank = raw_bank()
    _question(bank, "churn_trend")["options"][0]["weight"] = -3
    assert any("churn_trend" in p and "greater than or equal" in p for p in _problems(bank))


def test_non_monotonic_options_are_refused():
    bank = raw_bank()
    _question(bank, "churn_trend")["options"][2]["weight"] = 0
    problems = _problems(bank)
    assert any(p.startswith("question 'churn_trend': the weight falls") for p in problems)


def test_non_monotonic_bands_are_refused():
    bank = raw_bank()
    _question(bank, "competitors")["scoring"]["bands"][3]["weight"] = 1
    assert any(p.startswith("question 'competitors': the weight falls") for p in _problems(bank))


def test_missing_translation_is_refused():
    bank = raw_bank()
    del _question(bank, "lead_shortage")["text"]["es"]
    assert "question 'lead_shortage' (text.es): Field required" in _problems(bank)


def test_empty_translation_is_refused():
    bank = raw_bank()
    bank["roles"]["CRO"]["risks"][0]["title"]["en"] = ""
    assert any(p.startswith("roles.CRO.risks.0.title.en") for p in _problems(bank))


def test_wrong_value_domain_for_a_core_signal_is_refused():
    bank = raw_bank()
    _question(bank, "sales_channels")["max"] = 10
    assert "question 'sales_channels': must range from 1 to 20, not 1 to 10" in _problems(bank)


def test_renamed_choice_is_refused():
    bank = raw_bank()
    _question(bank, "growth_vs_plan")["options"][1]["value"] = "as_planned"
    assert any(p.startswith("question 'growth_vs_plan': options must be") for p in _problems(bank))


def test_required_extra_question_is_refused():
    bank = raw_bank()
    _question(bank, "geographies")["required"] = True
    assert "question 'geographies': extra questions must be optional" in _problems(bank)


def test_unknown_placeholder_is_refused():
    bank = raw_bank()
    bank["roles"]["CSO"]["summary"]["es"] = "Con {canales} canales"
    assert any("unknown placeholder {canales}" in p for p in _problems(bank))


def test_threshold_no_answer_can_reach_is_refused():
    bank = raw_bank()
    bank["threshold"] = 3
    for option in _question(bank, "revenue_model")["options"]:
        option["weight"] = 6  # even the simplest business now scores above 3
    assert any(p.startswith("bank: threshold 3 must lie above") for p in _problems(bank))


def test_unknown_field_is_refused():
    bank = raw_bank()
    _question(bank, "verticals")["wieght"] = 3
    assert any("verticals" in p and "Extra inputs" in p for p in _problems(bank))


def test_every_problem_is_reported_at_once():
    bank = raw_bank()
    _question(bank, "churn_trend")["options"][2]["weight"] = 0
    _question(bank, "geographies")["required"] = True
    assert len(_problems(bank)) >= 2


def test_a_missing_core_trait_is_refused():
    bank = raw_bank()
    bank["leader"]["traits"] = [t for t in bank["leader"]["traits"] if t["key"] != "quota_drive"]
    assert any("trait 'quota_drive': this core trait is missing" in p for p in _problems(bank))


def test_a_trait_leaning_the_wrong_way_is_refused():
    bank = raw_bank()
    bank["leader"]["traits"][0]["leans"] = "CSO"
    assert any("trait 'channel_strategy': must lean CRO" in p for p in _problems(bank))


def test_a_trait_without_its_anchors_is_refused():
    bank = raw_bank()
    del bank["leader"]["traits"][1]["anchors"]["3"]
    assert any(
        "trait 'cross_functional': needs anchors for 1, 3 and 5" in p for p in _problems(bank)
    )


def test_a_trait_missing_a_translation_is_refused():
    bank = raw_bank()
    del bank["leader"]["traits"][2]["statement"]["es"]
    assert any("leader.traits.2.statement.es" in p for p in _problems(bank))


def test_weights_too_small_to_scale_are_refused():
    # Found by a hostile tester: with every weight 0 and each saturating question's most
    # points at 1e-310, scaling to 100 overflows and every score is NaN.
    bank = raw_bank()
    for section in bank["sections"]:
        for question in section["questions"]:
            scoring = question.get("scoring", {})
            for option in question.get("options", []) + scoring.get("bands", []):
                option["weight"] = 0
            if scoring.get("type") == "saturating":
                scoring["max_points"] = 1e-310
    assert any("too little to scale to 100" in p for p in _problems(bank))
