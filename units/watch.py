"""Which business units need attention, and why. Pure: points in, reasons out.

A unit is on the watch list when its recommendation flipped at the last assessment,
when it sits in the borderline band and its last three scores move toward the
threshold, or when its re-assessment is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Reason = Literal["flipped", "trending", "overdue", "never"]


@dataclass(frozen=True)
class Point:
    """One submitted assessment of a unit, as the watch list needs it."""

    on: date
    score: float
    recommendation: str
    threshold: float
    version: str


@dataclass(frozen=True)
class Watch:
    reason: Reason
    detail: dict[str, object]


def next_due(points: list[Point], cadence_days: int, created: date) -> date:
    last = points[-1].on if points else created
    return last + timedelta(days=cadence_days) if points else created


def watch(
    points: list[Point], *, cadence_days: int, created: date, today: date, borderline: float
) -> list[Watch]:
    """Every reason this unit is on the watch list, oldest assessment first in `points`."""
    found: list[Watch] = []
    if len(points) >= 2 and points[-1].recommendation != points[-2].recommendation:
        found.append(
            Watch(
                "flipped",
                {
                    "old": points[-2].recommendation,
                    "new": points[-1].recommendation,
                    "on": points[-1].on,
                },
            )
        )
    last3 = points[-3:]
    if len(last3) == 3 and abs(last3[-1].score - last3[-1].threshold) < borderline:
        gaps = [abs(p.score - p.threshold) for p in last3]
        same_side = len({p.score >= p.threshold for p in last3}) == 1
        if same_side and gaps[0] > gaps[1] > gaps[2]:
            found.append(
                Watch(
                    "trending",
                    {
                        "scores": [round(p.score, 1) for p in last3],
                        "threshold": last3[-1].threshold,
                    },
                )
            )
    due = next_due(points, cadence_days, created)
    if not points:
        found.append(Watch("never", {}))
    elif due < today:
        found.append(Watch("overdue", {"since": due}))
    return found
