"""What only a scored questionnaire can show about its questions, and the shapes of
answer distributions. Pure Python: a question bank and answers in, numbers out.

- A question's **lean** in one result is what the result page shows as its driver: its
  points less its share of the threshold (a skipped question leans 0). Leans add up to
  the result's margin, so their mean says which way a question pushes, and its share of
  all absolute leans says how much of the decision it carries.
- **Flip if dropped**: the share of results whose recommendation changes when the
  question earns nothing, scored as `score_many` scores a skipped question.
- **Correlation** of a question's points with the recommendation (CRO = 1, CSO = 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assessments.bank.schema import (
    AnswerValue,
    IntegerQuestion,
    QuestionBank,
    SaturatingScoring,
)

# Almost everyone answers one way: the question tells nothing apart.
UNINFORMATIVE_SHARE = 0.95
# Dropping the question alone changes most results: it decides them by itself.
DECISIVE_SHARE = 0.5
# Below this many answers a flag says more about chance than about the question.
FLAG_MINIMUM = 20
# Where a saturating curve bends, in multiples of its `half_at`: 0, 1/3, 1/2, 2/3, 4/5 of
# its points.
CURVE_POINTS = (0.0, 0.5, 1.0, 2.0, 4.0)


# Per question, the running sums its decision figures come from, as a JSON-ready list:
# lean, absolute lean, flips if dropped, points, points squared, points x CRO.
LEAN, ABSOLUTE, FLIPS, X, XX, XY = range(6)
DecisionSums = dict[str, list[float]]


@dataclass(frozen=True)
class QuestionDecision:
    key: str
    mean_lean: float
    lean_share: float
    correlation: float | None
    flip_share_if_dropped: float
    decisive: bool


@dataclass
class Decisions:
    results: int
    questions: list[QuestionDecision] = field(default_factory=list)


def add_decision(
    bank: QuestionBank, answers: Mapping[str, AnswerValue], sums: DecisionSums
) -> bool:
    """Add one result's answers to `sums`; returns whether it recommends a CRO."""
    threshold = bank.threshold
    tables = bank.point_tables
    points = {key: table.points_for(answers.get(key)) for key, table in tables.items()}
    scale = sum(tables[key].max_points for key in tables if answers.get(key) is not None) or 1.0
    total = sum(points.values())
    is_cro = round(total, 2) >= threshold
    for key, earned in points.items():
        row = sums.setdefault(key, [0.0] * 6)
        if answers.get(key) is not None:
            lean = earned - threshold * tables[key].max_points / scale
            row[LEAN] += lean
            row[ABSOLUTE] += abs(lean)
        if (round(total - earned, 2) >= threshold) != is_cro:
            row[FLIPS] += 1
        row[X] += earned
        row[XX] += earned * earned
        row[XY] += earned * is_cro
    return is_cro


def finish_decisions(sums: DecisionSums, results: int, cro: int) -> Decisions:
    found = Decisions(results)
    if not results:
        return found
    all_lean = sum(row[ABSOLUTE] for row in sums.values()) or 1.0
    for key, row in sums.items():
        flip_share = row[FLIPS] / results
        found.questions.append(
            QuestionDecision(
                key=key,
                mean_lean=round(row[LEAN] / results, 3),
                lean_share=round(row[ABSOLUTE] / all_lean, 4),
                correlation=_correlation(row, results, cro),
                flip_share_if_dropped=round(flip_share, 4),
                decisive=results >= FLAG_MINIMUM and flip_share >= DECISIVE_SHARE,
            )
        )
    return found


def decisions(bank: QuestionBank, answer_sets: Iterable[Mapping[str, AnswerValue]]) -> Decisions:
    """The decision figures of the results scored with `bank`, in one pass."""
    sums: DecisionSums = {}
    results = cro = 0
    for answers in answer_sets:
        results += 1
        cro += add_decision(bank, answers, sums)
    return finish_decisions(sums, results, cro)


def _correlation(row: list[float], n: int, cro: int) -> float | None:
    """Pearson's r between points and the recommendation; None when either never varies."""
    mean_x, mean_y = row[X] / n, cro / n
    covariance = row[XY] / n - mean_x * mean_y
    spread = (row[XX] / n - mean_x**2) * (mean_y - mean_y**2)
    if spread <= 1e-12:
        return None
    return round(covariance / math.sqrt(spread), 4)


def uninformative(counts: Mapping[object, int]) -> bool:
    """Almost every answer is the same one."""
    answered = sum(counts.values())
    return answered >= FLAG_MINIMUM and max(counts.values()) / answered >= UNINFORMATIVE_SHARE


def integer_bins(question: IntegerQuestion) -> list[tuple[int, int]]:
    """The ranges an integer question's answers are counted in: its own bands, or the
    points where its saturating curve bends."""
    if isinstance(question.scoring, SaturatingScoring):
        half_at = question.scoring.half_at
        starts = sorted({question.min + math.ceil(half_at * point) for point in CURVE_POINTS})
    else:
        starts = [band.min for band in question.scoring.bands]
    starts = sorted({max(question.min, start) for start in starts if start <= question.max})
    if starts[0] != question.min:
        starts.insert(0, question.min)
    ends = [start - 1 for start in starts[1:]] + [question.max]
    return list(zip(starts, ends, strict=True))


def histogram(question: IntegerQuestion, counts: Mapping[int, int]) -> list[dict[str, int]]:
    return [
        {
            "from": low,
            "to": high,
            "count": sum(count for value, count in counts.items() if low <= value <= high),
        }
        for low, high in integer_bins(question)
    ]
