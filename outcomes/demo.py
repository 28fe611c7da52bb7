"""Synthetic check-ins for demo results, so the backtest has something to show.

Every row is stored with `demo=True` and shown with a "demo data" mark. The generator:

- A result gets a check-in once six months have passed: the 12-month one if a year has,
  else the 6-month one. The hire starts one to three months after the result.
- Some 5 % of companies have hired nobody yet. Of the rest, 65 % hire the recommended
  role and 35 % the other one.
- Whether the hire works out is a coin weighted by how strong the recommendation was
  and whether it was followed (`SUCCESS_CHANCE`): following a clear call works out most
  often, going against one least. That is the signal; the coin is the noise.
- A hire that works out is still in the seat, on plan or above, rated 4 or 5. One that
  does not has left (six times in ten, on a date before today) or is below plan and
  rated 2 or 3.
- In hindsight the CEO calls the recommendation right when following it worked or
  ignoring it failed, with one answer in seven "not sure".
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .invitations import CHECK_IN_AFTER_DAYS
from .models import Outcome

NOBODY_SHARE = 0.05
FOLLOW_SHARE = 0.65
UNSURE_SHARE = 1 / 7
LEFT_SHARE = 0.6
SUCCESS_CHANCE = {
    (True, "clear"): 0.80,
    (True, "lean"): 0.70,
    (True, "borderline"): 0.58,
    (False, "borderline"): 0.50,
    (False, "lean"): 0.38,
    (False, "clear"): 0.28,
}


def demo_outcome(
    *,
    assessment_id: int,
    submitted_at: datetime,
    recommendation: str,
    strength: str,
    rng: random.Random,
    now: datetime,
) -> Outcome | None:
    """One synthetic check-in for a demo result, or None while it is under six months old."""
    age = now - submitted_at
    due = [(key, days) for key, days in CHECK_IN_AFTER_DAYS.items() if age.days >= days]
    if not due:
        return None
    check_in, days = due[-1]
    # A check-in comes in up to three weeks after its day, and never after now.
    recorded = min(submitted_at + timedelta(days=days + rng.randint(0, 20)), now)
    submitted_on = submitted_at.date()
    common = {
        "assessment_id": assessment_id,
        "check_in": check_in,
        "recorded_at": recorded,
        "demo": True,
    }
    if rng.random() < NOBODY_SHARE:
        return Outcome(**common, hired=Outcome.Hired.NOBODY)
    followed = rng.random() < FOLLOW_SHARE
    other = "CSO" if recommendation == "CRO" else "CRO"
    started = submitted_on + timedelta(days=rng.randint(30, 90))
    worked = rng.random() < SUCCESS_CHANCE.get((followed, strength), 0.5)
    outcome = Outcome(
        **common,
        hired=recommendation if followed else other,
        started_on=started,
        still_in_seat=True,
        hindsight=_hindsight(followed, worked, rng),
    )
    if worked:
        outcome.revenue = rng.choice([Outcome.Revenue.ON, Outcome.Revenue.ABOVE])
        outcome.fit_rating = rng.choice([4, 5])
    elif rng.random() < LEFT_SHARE and (recorded.date() - started).days > 60:
        outcome.still_in_seat = False
        outcome.left_on = started + timedelta(
            days=rng.randint(45, (recorded.date() - started).days)
        )
        outcome.left_because = rng.choice(
            [Outcome.LeftBecause.PERFORMANCE, Outcome.LeftBecause.FIT, Outcome.LeftBecause.OFFER]
        )
        outcome.revenue = rng.choice([Outcome.Revenue.WELL_BELOW, Outcome.Revenue.BELOW])
        outcome.fit_rating = rng.choice([1, 2])
    else:
        outcome.revenue = rng.choice([Outcome.Revenue.WELL_BELOW, Outcome.Revenue.BELOW])
        outcome.fit_rating = rng.choice([2, 3])
    return outcome


def _hindsight(followed: bool, worked: bool, rng: random.Random) -> str:
    if rng.random() < UNSURE_SHARE:
        return Outcome.Hindsight.UNSURE
    return Outcome.Hindsight.YES if followed == worked else Outcome.Hindsight.NO
