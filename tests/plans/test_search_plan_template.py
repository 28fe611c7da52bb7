"""The search-plan template: 30+ tasks a role, CRO and CSO searches differ where they should."""

import json

import pytest
from django.core.management import call_command
from pydantic import ValidationError

from plans.template import SearchPlanTemplate, tasks_for
from rolefit import FIXTURES_DIR

PATH = FIXTURES_DIR / "search_plan.json"


def _template(data=None):
    return SearchPlanTemplate.model_validate(data or json.loads(PATH.read_text()))


def test_each_search_has_at_least_thirty_tasks_in_six_phases():
    template = _template()
    assert len(template.phases) == 6
    for role in ("CRO", "CSO"):
        tasks = tasks_for(template, role)
        assert len(tasks) >= 30
        assert {task.phase for task in tasks} == {phase.key for phase in template.phases}


def test_cro_and_cso_searches_differ_where_they_should():
    template = _template()
    cro = {task.key for task in tasks_for(template, "CRO")}
    cso = {task.key for task in tasks_for(template, "CSO")}
    assert "strategy_head" in cso - cro
    assert "strategy_case" in cro - cso
    assert "deal_review" in cso - cro


def test_a_cro_search_takes_the_hires_and_reporting_lines_from_the_result(bank):
    from assessments.scoring import score
    from tests.conftest import COMPLEX_ANSWERS

    result = {
        lang: score(bank=bank, answers=COMPLEX_ANSWERS, language=lang).as_json()
        for lang in ("en", "es")
    }
    titles = [task.title_en for task in tasks_for(_template(), "CRO", result)]
    assert "Plan the hire: VPs of Sales who are CSO-type executors" in titles
    assert "Make Marketing report to CRO" in titles
    spanish = [task.title_es for task in tasks_for(_template(), "CRO", result)]
    assert "Hacer que Marketing dependa de CRO" in spanish


def test_a_bad_template_is_refused():
    data = json.loads(PATH.read_text())
    data["tasks"] = data["tasks"][:10]
    with pytest.raises(ValidationError, match="it needs 30"):
        _template(data)
    data = json.loads(PATH.read_text())
    data["tasks"][0]["phase"] = "celebrate"
    with pytest.raises(ValidationError, match="unknown phase 'celebrate'"):
        _template(data)
    data = json.loads(PATH.read_text())
    del data["tasks"][0]["title"]["es"]
    with pytest.raises(ValidationError):
        _template(data)


def test_export_search_plan_command(capsys):
    call_command("export_search_plan", "--role", "CSO", "--lang", "es", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 30
    assert any("Estrategia de Ventas" in row["task"] for row in rows)
    call_command("export_search_plan", "--role", "CRO")
    out = capsys.readouterr().out
    assert out.startswith('"phase","task","due_after_days"')
