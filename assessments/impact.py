"""What a draft bank would do to the results already given, without changing any of them.

Stored answers are streamed from the database in batches as plain values (no model
objects) and re-scored in bulk with `score_many`; nothing is written.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from typing import Any

from .bank.schema import QuestionBank
from .models import Assessment
from .scoring import score_many

BATCH = 5000
TOP_FLIPS = 20


@dataclass
class Impact:
    assessed: int = 0
    flipped: int = 0
    to_cro: int = 0
    to_cso: int = 0
    band_changes: int = 0
    seconds: float = 0.0
    old_scores: list[float] = field(default_factory=list)
    new_scores: list[float] = field(default_factory=list)
    # (change in score, primary key, old score, new score, old call, new call)
    top_flips: list[tuple[float, int, float, float, str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "assessed": self.assessed,
            "flipped": self.flipped,
            "to_cro": self.to_cro,
            "to_cso": self.to_cso,
            "band_changes": self.band_changes,
            "seconds": round(self.seconds, 3),
        }


def preview_impact(bank: QuestionBank, *, batch: int = BATCH, latest: int | None = None) -> Impact:
    """Every stored result re-scored with `bank`, or only the `latest` ones (the weights
    editor's panel, which must answer within a second)."""
    started = time.perf_counter()
    impact = Impact()
    submitted = Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
    if latest is not None:
        submitted = submitted.filter(pk__in=submitted.order_by("-pk").values("pk")[:latest])
    rows = (
        submitted.order_by("pk")
        .values_list("pk", "answers", "recommendation", "strength", "complexity_score")
        .iterator(chunk_size=batch)
    )
    flips: list[tuple[float, int, float, float, str, str]] = []
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            _compare(bank, chunk, impact, flips)
            chunk = []
    if chunk:
        _compare(bank, chunk, impact, flips)
    impact.top_flips = sorted(flips, reverse=True)
    impact.seconds = time.perf_counter() - started
    return impact


def _compare(
    bank: QuestionBank,
    chunk: list[tuple[Any, ...]],
    impact: Impact,
    flips: list[tuple[float, int, float, float, str, str]],
) -> None:
    verdicts = score_many(bank=bank, answer_sets=(answers for _, answers, *_rest in chunk))
    for (pk, _answers, old_call, old_band, old_score), new in zip(chunk, verdicts, strict=True):
        impact.assessed += 1
        impact.old_scores.append(old_score)
        impact.new_scores.append(new.complexity_score)
        if new.strength != old_band:
            impact.band_changes += 1
        if new.recommendation == old_call:
            continue
        impact.flipped += 1
        if new.recommendation == "CRO":
            impact.to_cro += 1
        else:
            impact.to_cso += 1
        entry = (
            abs(new.complexity_score - old_score),
            pk,
            old_score,
            new.complexity_score,
            old_call,
            new.recommendation,
        )
        # Keep only the largest changes, so memory stays flat however many flip.
        if len(flips) < TOP_FLIPS:
            heapq.heappush(flips, entry)
        else:
            heapq.heappushpop(flips, entry)
