"""Every Insights figure from additive tallies. Pure Python.

A tally is a JSON-ready dict of counts and sums for some assessments of one questionnaire
version: the funnel, step times in buckets (`bucket`), answers per question and
recommendation, the decision sums of insights/figures.py, and the score distribution.
Tallies of disjoint sets add up (`merge`), so a day's tally is kept once it is complete
(insights/rollup.py) and a figure over a year adds a few hundred of them instead of
reading a million rows. `summarise` turns a tally into the figures the page, the command
and the CSV downloads show.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assessments.bank.schema import AnswerValue, IntegerQuestion, QuestionBank

from . import figures

SCORE_BIN = 5
NEAR_THRESHOLD = 5.0


@dataclass
class Row:
    """What a tally needs of one assessment."""

    started: datetime
    submitted: bool
    answers: Mapping[str, AnswerValue]
    recommendation: str = ""
    strength: str = ""
    score: float | None = None
    submitted_at: datetime | None = None
    # step → (first shown, first saved or None)
    steps: dict[int, tuple[datetime, datetime | None]] = field(default_factory=dict)


def new() -> dict[str, Any]:
    return {
        "walked": 0,
        "saved": {},
        "reviewed": 0,
        "walked_submitted": 0,
        "step_seconds": {},
        "complete_seconds": {},
        "results": 0,
        "cro": 0,
        "answers": {},
        "decisions": {},
        "score_bins": {},
        "strengths": {},
        "months": {},
    }


def _bump(counts: dict[str, Any], key: str, by: int = 1) -> None:
    counts[key] = counts.get(key, 0) + by


def bucket(seconds: float) -> int:
    """Durations to the second under 100 s, then to two significant figures (140, 1,200,
    36,000): about 5 % apart, so a day's tally holds a few dozen of them, not hundreds."""
    whole = max(0, int(seconds))
    if whole < 100:
        return whole
    step = 10 ** (len(str(whole)) - 2)
    return whole - whole % step


def answer_key(question: Any, value: AnswerValue) -> str:
    """How an answer is counted: an integer by the first value of its histogram range,
    anything else as its JSON."""
    if isinstance(question, IntegerQuestion) and isinstance(value, int):
        for low, high in figures.integer_bins(question):
            if low <= value <= high:
                return str(low)
    return json.dumps(value)


def add(tally: dict[str, Any], bank: QuestionBank, row: Row) -> None:
    steps = len(bank.sections)
    walked = 1 in row.steps
    if walked:
        tally["walked"] += 1
        # A stage counts a draft that reached every stage before it, so the funnel never
        # widens: a step posted straight, or the review opened early, is not progress. A
        # submitted draft had every answer, so it passed them all.
        reached = True
        for step in range(1, steps + 1):
            shown, saved = row.steps.get(step, (None, None))
            if shown is not None and saved is not None:
                seconds = tally["step_seconds"].setdefault(str(step), {})
                _bump(seconds, str(bucket((saved - shown).total_seconds())))
            reached = reached and saved is not None
            if reached or row.submitted:
                _bump(tally["saved"], str(step))
        if (reached and steps + 1 in row.steps) or row.submitted:
            tally["reviewed"] += 1
    month = row.started.strftime("%Y-%m")
    if not row.submitted:
        return
    if walked:
        tally["walked_submitted"] += 1
        if row.submitted_at is not None:
            took = (row.submitted_at - row.started).total_seconds()
            _bump(tally["complete_seconds"], str(bucket(took)))
    tally["results"] += 1
    is_cro = row.recommendation == "CRO"
    tally["cro"] += is_cro
    index = bank.question_index()
    for question in bank.scored_questions():
        value = row.answers.get(question.key)
        if value is None:
            continue
        counts = tally["answers"].setdefault(question.key, {})
        pair = counts.setdefault(answer_key(index[question.key], value), [0, 0])
        pair[0 if is_cro else 1] += 1
    figures.add_decision(bank, row.answers, tally["decisions"])
    score = row.score or 0.0
    last = 100 // SCORE_BIN - 1
    _bump(tally["score_bins"], str(min(int(score // SCORE_BIN), last)))
    _bump(tally["strengths"], row.strength)
    near = abs(score - bank.threshold) <= NEAR_THRESHOLD
    entry = tally["months"].setdefault(month, [0, 0, 0])
    entry[0] += 1
    entry[1] += near
    entry[2] += is_cro


def merge(tallies: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    total = new()
    for tally in tallies:
        _add_into(total, tally)
    return total


def _add_into(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    # Exact type checks: a tally is plain JSON, and isinstance against Mapping costs more
    # than the additions themselves over a year of tallies.
    for key, value in other.items():
        kind = type(value)
        if kind is dict:
            _add_into(into.setdefault(key, {}), value)
        elif kind is list:
            mine = into.setdefault(key, [0] * len(value))
            for position, number in enumerate(value):
                mine[position] += number
        else:
            into[key] = into.get(key, 0) + value


def quantiles(counts: Mapping[str, int]) -> dict[str, float | None]:
    """The median and 90th percentile (nearest rank) of bucketed durations."""
    ordered = sorted((int(seconds), count) for seconds, count in counts.items())
    total = sum(count for _seconds, count in ordered)

    def at(share: float) -> float | None:
        if not total:
            return None
        rank, seen = max(1, math.ceil(share * total)), 0
        for seconds, count in ordered:
            seen += count
            if seen >= rank:
                return float(seconds)
        return None  # not reached: the ranks fall within the total

    return {"median_seconds": at(0.5), "p90_seconds": at(0.9)}


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def summarise(bank: QuestionBank, tally: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "funnel": _funnel(bank, tally),
        "time_to_complete": quantiles(tally["complete_seconds"]),
        "questions": _questions(bank, tally),
        "scores": _scores(bank, tally),
    }


def _funnel(bank: QuestionBank, tally: Mapping[str, Any]) -> list[dict[str, Any]]:
    steps = len(bank.sections)
    stages: list[tuple[str, int, Mapping[str, int] | None]] = [
        ("started", tally["walked"], None),
        *(
            (f"step_{n}", tally["saved"].get(str(n), 0), tally["step_seconds"].get(str(n), {}))
            for n in range(1, steps + 1)
        ),
        ("reviewed", tally["reviewed"], None),
        ("submitted", tally["walked_submitted"], None),
    ]
    started, previous, found = stages[0][1], stages[0][1], []
    for stage, count, seconds in stages:
        entry: dict[str, Any] = {
            "stage": stage,
            "count": count,
            "share": _share(count, started),
            "drop_off": previous - count,
        }
        if seconds is not None:
            entry.update(quantiles(seconds))
        found.append(entry)
        previous = count
    return found


def _questions(bank: QuestionBank, tally: Mapping[str, Any]) -> list[dict[str, Any]]:
    results = tally["results"]
    decided = {
        decision.key: decision
        for decision in figures.finish_decisions(
            tally["decisions"], results, tally["cro"]
        ).questions
    }
    found = []
    for question in bank.scored_questions():
        counts = tally["answers"].get(question.key, {})
        rows = _distribution(question, counts)
        answered = sum(row["count"] for row in rows)
        decision = decided.get(question.key)
        found.append(
            {
                "key": question.key,
                "answered": answered,
                "skipped": results - answered,
                "distribution": rows,
                "by_recommendation": {
                    role: [{**row, "count": row[role]} for row in rows] for role in ("CRO", "CSO")
                },
                "mean_lean": decision.mean_lean if decision else 0.0,
                "lean_share": decision.lean_share if decision else 0.0,
                "correlation": decision.correlation if decision else None,
                "flip_share_if_dropped": decision.flip_share_if_dropped if decision else 0.0,
                "uninformative": figures.uninformative(
                    {key: sum(pair) for key, pair in counts.items()}
                )
                if counts
                else False,
                "decisive": decision.decisive if decision else False,
            }
        )
    for figure in found:
        for rows in (figure["distribution"], *figure["by_recommendation"].values()):
            for row in rows:
                row.pop("CRO", None)
                row.pop("CSO", None)
                row["share"] = _share(row["count"], sum(r["count"] for r in rows))
    return found


def _distribution(question: Any, counts: Mapping[str, list[int]]) -> list[dict[str, Any]]:
    def row(key: str) -> dict[str, Any]:
        cro, cso = counts.get(key, [0, 0])
        return {"count": cro + cso, "CRO": cro, "CSO": cso}

    if isinstance(question, IntegerQuestion):
        return [
            {"from": low, "to": high, **row(str(low))}
            for low, high in figures.integer_bins(question)
        ]
    return [{"value": value, **row(json.dumps(value))} for value in question.values()]


def _scores(bank: QuestionBank, tally: Mapping[str, Any]) -> dict[str, Any]:
    results = tally["results"]
    bins = tally["score_bins"]
    strengths = tally["strengths"]
    return {
        "threshold": bank.threshold,
        "histogram": [
            {
                "from": start * SCORE_BIN,
                "to": (start + 1) * SCORE_BIN,
                "count": bins.get(str(start), 0),
            }
            for start in range(100 // SCORE_BIN)
        ],
        "strengths": {
            band.key: _share(strengths.get(band.key, 0), results) for band in bank.strength_bands
        },
        "borderline_share": _share(strengths.get("borderline", 0), results),
        "cro_share": _share(tally["cro"], results),
        "monthly": [
            {
                "month": month,
                "results": count,
                "near_threshold_share": _share(near, count),
                "cro_share": _share(cro, count),
            }
            for month, (count, near, cro) in sorted(tally["months"].items())
        ],
    }
