"""The engine's sensible defaults, on the shipped bank."""

import pytest

from assessments.bank.schema import CORE_SIGNALS, TextQuestion
from assessments.scoring import score
from tests.conftest import COMPLEX_ANSWERS, SIMPLE_ANSWERS, shipped_bank


def test_simple_single_channel_business_gets_a_cso(bank):
    result = score(bank=bank, answers=SIMPLE_ANSWERS)
    assert result.recommendation == "CSO"
    assert result.strength == "clear"
    assert result.margin < 0


def test_complex_business_gets_a_cro(bank):
    result = score(bank=bank, answers=COMPLEX_ANSWERS)
    assert result.recommendation == "CRO"
    assert result.strength == "clear"


def test_structural_complexity_alone_gets_a_cro(bank):
    several = {**SIMPLE_ANSWERS, "sales_channels": 4, "verticals": 4, "product_lines": 4}
    assert score(bank=bank, answers={**several, "competitors": 15}).recommendation == "CRO"


def _most_complex(key):
    question = shipped_bank().question(key)
    assert not isinstance(question, TextQuestion)
    return list(question.values())[-1]


@pytest.mark.parametrize("key", CORE_SIGNALS)
def test_one_bad_signal_alone_does_not_flip_a_simple_business(bank, key):
    answers = {**SIMPLE_ANSWERS, key: _most_complex(key)}
    assert score(bank=bank, answers=answers).recommendation == "CSO"


def test_result_has_the_contract_shape(bank):
    data = score(bank=bank, answers=COMPLEX_ANSWERS).as_json()
    for field in (
        "recommendation",
        "strength",
        "margin",
        "complexity_score",
        "drivers",
        "what_would_flip",
        "complementary_hires",
        "reporting_lines",
        "risks",
        "questionnaire_version",
    ):
        assert field in data
    assert data["questionnaire_version"] == bank.version
    assert set(data["drivers"][0]) >= {"question", "answer", "points", "reason"}
    assert set(data["what_would_flip"][0]) >= {"question", "from", "to"}
    assert set(data["complementary_hires"][0]) == {"role", "why"}
    assert set(data["reporting_lines"][0]) == {"function", "reports_to", "why"}
    assert set(data["risks"][0]) == {"title", "detail"}


def test_every_core_signal_has_a_driver_and_points_add_up(bank):
    result = score(bank=bank, answers=COMPLEX_ANSWERS)
    assert {driver.question for driver in result.drivers} >= set(CORE_SIGNALS)
    assert abs(sum(d.points for d in result.drivers) - result.complexity_score) <= 0.5


def test_leans_add_up_to_the_margin(bank):
    result = score(bank=bank, answers=SIMPLE_ANSWERS)
    assert abs(sum(d.lean for d in result.drivers) - result.margin) <= 0.5


def test_cro_advice_names_cso_type_vps_and_marketing_reporting_to_the_cro(bank):
    result = score(bank=bank, answers=COMPLEX_ANSWERS)
    assert any("CSO-type" in hire.role for hire in result.complementary_hires)
    lines = {line.function: line.reports_to for line in result.reporting_lines}
    assert lines["Marketing"] == "CRO"
    assert lines["Customer Success"] == "CRO"
    assert "CSO-type" in result.risks[0].title


def test_cso_advice_names_a_head_of_sales_strategy_and_peer_functions(bank):
    result = score(bank=bank, answers=SIMPLE_ANSWERS)
    assert result.complementary_hires[0].role == "Head of Sales Strategy"
    lines = {line.function: line.reports_to for line in result.reporting_lines}
    assert "peer" in lines["Marketing"]
    assert "CRO-type" in result.risks[0].title


def test_advice_is_written_for_this_result(bank):
    result = score(bank=bank, answers={**COMPLEX_ANSWERS, "sales_channels": 7})
    assert "7 sales channel" in result.summary
    without_leads = score(bank=bank, answers={**COMPLEX_ANSWERS, "lead_shortage": False})
    roles = [hire.role for hire in without_leads.complementary_hires]
    assert "Demand generation lead" not in roles
    roles = [hire.role for hire in score(bank=bank, answers=COMPLEX_ANSWERS).complementary_hires]
    assert "Demand generation lead" in roles


def test_borderline_results_carry_the_close_call_risk(bank):
    answers = {**SIMPLE_ANSWERS, "sales_channels": 3, "verticals": 3, "competitors": 6}
    result = score(bank=bank, answers=answers)
    assert result.strength == "borderline"
    assert any(risk.title == "A close call" for risk in result.risks)


def test_skipped_optional_question_is_neutral(bank):
    with_skip = score(bank=bank, answers=SIMPLE_ANSWERS)
    lowest = score(bank=bank, answers={**SIMPLE_ANSWERS, "geographies": "one_country"})
    assert with_skip.complexity_score == lowest.complexity_score
    skipped = next(d for d in with_skip.drivers if d.question == "geographies")
    assert (skipped.points, skipped.lean) == (0, 0)
    assert abs(sum(d.lean for d in with_skip.drivers) - with_skip.margin) <= 0.5


def test_spanish_result_is_in_spanish(bank):
    result = score(bank=bank, answers=SIMPLE_ANSWERS, language="es")
    assert result.role_title == "Director de Ventas (CSO)"
    assert "umbral" in result.summary
