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


@dataclass
class _Sums:
    lean: float = 0.0
    absolute_lean: float = 0.0
    flips: int = 0
    x: float = 0.0
    xx: float = 0.0
    xy: float = 0.0


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


def decisions(bank: QuestionBank, answer_sets: Iterable[Mapping[str, AnswerValue]]) -> Decisions:
    """One pass over the answer sets of results scored with `bank`."""
    tables = list(bank.point_tables.items())
    threshold = bank.threshold
    sums = {key: _Sums() for key, _table in tables}
    results = cro = 0
    for answers in answer_sets:
        points = [(key, table, table.points_for(answers.get(key))) for key, table in tables]
        answered = [(key, table) for key, table in tables if answers.get(key) is not None]
        scale = sum(table.max_points for _key, table in answered) or 1.0
        total = sum(earned for _key, _table, earned in points)
        is_cro = round(total, 2) >= threshold
        results += 1
        cro += is_cro
        for key, table, earned in points:
            total_sums = sums[key]
            if answers.get(key) is not None:
                lean = earned - threshold * table.max_points / scale
                total_sums.lean += lean
                total_sums.absolute_lean += abs(lean)
            if (round(total - earned, 2) >= threshold) != is_cro:
                total_sums.flips += 1
            total_sums.x += earned
            total_sums.xx += earned * earned
            total_sums.xy += earned * is_cro
    found = Decisions(results)
    if not results:
        return found
    all_lean = sum(total_sums.absolute_lean for total_sums in sums.values()) or 1.0
    for key, total_sums in sums.items():
        flip_share = total_sums.flips / results
        found.questions.append(
            QuestionDecision(
                key=key,
                mean_lean=round(total_sums.lean / results, 3),
                lean_share=round(total_sums.absolute_lean / all_lean, 4),
                correlation=_correlation(total_sums, results, cro),
                flip_share_if_dropped=round(flip_share, 4),
                decisive=results >= FLAG_MINIMUM and flip_share >= DECISIVE_SHARE,
            )
        )
    return found


def _correlation(sums: _Sums, n: int, cro: int) -> float | None:
    """Pearson's r between points and the recommendation; None when either never varies."""
    mean_x, mean_y = sums.x / n, cro / n
    covariance = sums.xy / n - mean_x * mean_y
    spread = (sums.xx / n - mean_x**2) * (mean_y - mean_y**2)
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
