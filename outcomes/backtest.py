"""How a questionnaire's recommendations fared against what happened after the hire.
Pure Python: a bank, answers and recorded outcomes in, figures out.

A hire *followed* the recommendation when the role hired is the role recommended. Each
group's success rate comes with its Wilson 95 % interval, which stays inside 0..1 and
is honest for small groups; below `MINIMUM` usable outcomes no figure is given at all,
so nobody tunes weights to noise.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from assessments.bank.schema import AnswerValue, QuestionBank
from assessments.scoring import score_many

MINIMUM = 30
Z_95 = 1.959963984540054
REVENUE_ORDER = ("well_below", "below", "on", "above")
Role = Literal["CRO", "CSO"]


@dataclass(frozen=True)
class SuccessRule:
    """What counts as a hire that worked out: the one place it is defined. A deployment
    may set it (the RF_OUTCOME_* settings); the default is still in the seat at 12 months,
    revenue on plan or above, and the CEO's fit rating 4 or 5."""

    months_in_seat: int = 12
    revenue_at_least: str = "on"
    fit_at_least: int = 4


@dataclass(frozen=True)
class Outcome:
    """The latest check-in of one assessment, as the backtest reads it."""

    hired: str  # CRO, CSO, other, nobody
    months_in_seat: float | None  # how long the person stayed, or has been in the seat
    still_in_seat: bool
    revenue: str | None
    fit: int | None
    hindsight: str | None  # yes, no, unsure: was the recommended role the right one?
    recommended_then: Role  # what the stored result recommended when it was given


def successful(outcome: Outcome, rule: SuccessRule) -> bool | None:
    """True or False, or None when the outcome cannot say yet (too early, or a field not
    recorded): such outcomes are left out rather than guessed."""
    if outcome.months_in_seat is None or outcome.revenue is None or outcome.fit is None:
        return None
    if outcome.still_in_seat and outcome.months_in_seat < rule.months_in_seat:
        return None  # not long enough to tell
    lasted = outcome.months_in_seat >= rule.months_in_seat
    on_plan = REVENUE_ORDER.index(outcome.revenue) >= REVENUE_ORDER.index(rule.revenue_at_least)
    return lasted and on_plan and outcome.fit >= rule.fit_at_least


def wilson(successes: int, n: int) -> dict[str, float] | None:
    """The Wilson score interval at 95 % for `successes` out of `n`; None for none."""
    if n == 0:
        return None
    share = successes / n
    denominator = 1 + Z_95**2 / n
    centre = (share + Z_95**2 / (2 * n)) / denominator
    spread = Z_95 * math.sqrt(share * (1 - share) / n + Z_95**2 / (4 * n * n)) / denominator
    return {"low": round(max(0.0, centre - spread), 4), "high": round(min(1.0, centre + spread), 4)}


def _group(successes: int, count: int) -> dict[str, Any]:
    return {
        "count": count,
        "success_rate": round(successes / count, 4) if count else None,
        **({"low": None, "high": None} if not count else (wilson(successes, count) or {})),
    }


def backtest(
    bank: QuestionBank,
    cases: Iterable[tuple[Mapping[str, AnswerValue], Outcome]],
    rule: SuccessRule = SuccessRule(),
) -> dict[str, Any]:
    """Score each case's answers with `bank` and hold the recommendation against what
    happened. Only hires of a CRO or a CSO whose success can be told are used."""
    usable = []
    for answers, outcome in cases:
        if outcome.hired not in ("CRO", "CSO"):
            continue
        worked = successful(outcome, rule)
        if worked is not None:
            usable.append((answers, outcome, worked))
    verdicts = score_many(bank=bank, answer_sets=(answers for answers, _o, _w in usable))
    tallies: dict[str, list[int]] = {"followed": [0, 0], "not_followed": [0, 0]}
    bands: dict[str, dict[str, list[int]]] = {
        band.key: {"followed": [0, 0], "not_followed": [0, 0]} for band in bank.strength_bands
    }
    confusion: dict[str, dict[str, dict[str, int]]] = {
        recommended: {hired: {"success": 0, "failure": 0} for hired in ("CRO", "CSO")}
        for recommended in ("CRO", "CSO")
    }
    agreeing = judged = 0
    for (_answers, outcome, worked), verdict in zip(usable, verdicts, strict=True):
        group = "followed" if outcome.hired == verdict.recommendation else "not_followed"
        tallies[group][0] += worked
        tallies[group][1] += 1
        bands[verdict.strength][group][0] += worked
        bands[verdict.strength][group][1] += 1
        confusion[verdict.recommendation][outcome.hired]["success" if worked else "failure"] += 1
        if outcome.hindsight in ("yes", "no"):
            other = "CSO" if outcome.recommended_then == "CRO" else "CRO"
            right = outcome.recommended_then if outcome.hindsight == "yes" else other
            agreeing += verdict.recommendation == right
            judged += 1
    n = len(usable)
    found: dict[str, Any] = {"n": n, "sufficient": n >= MINIMUM, "minimum": MINIMUM}
    if n < MINIMUM:
        return found
    return {
        **found,
        **{group: _group(*counts) for group, counts in tallies.items()},
        "by_band": {
            band: {group: _group(*counts) for group, counts in groups.items()}
            for band, groups in bands.items()
        },
        "hindsight_agreement": (
            {
                "judged": judged,
                "share": round(agreeing / judged, 4),
                **(wilson(agreeing, judged) or {}),
            }
            if judged
            else None
        ),
        "confusion": confusion,
    }
