"""Is this person a CRO or a CSO, and how well do they fit the role the business needs?

A pure module: no Django, no I/O. Ratings in (1..5 per trait), a profile out.

The strategy score is the weighted mean of the CRO-leaning traits, the execution score
that of the CSO-leaning ones. Position = (strategy − execution) / 4 runs from −1 (all
execution) to +1 (all strategy). Fit to a role mixes the level of the role's own traits
with the lean toward it, so it rises with every trait that leans the role's way, and
mirroring the ratings mirrors the fit between the two roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from leaders.traits import RATING_MAX, RATING_MIN, LeaderBank

Role = Literal["CRO", "CSO"]
Archetype = Literal["CRO", "CSO", "balanced"]
Ratings = Mapping[str, float]
DISAGREEMENT = 2  # raters this far apart on a trait are shown as disagreeing


class RatingsError(ValueError):
    """Ratings that do not fit the trait bank; `errors` maps each trait key to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class TraitScore(_Out):
    trait: str
    statement: str
    leans: Role
    rating: float | None
    spread: float | None = None

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= DISAGREEMENT


class RiskOut(_Out):
    title: str
    detail: str


class ComplementOut(_Out):
    role: str
    why: str


class LeaderProfile(_Out):
    archetype: Archetype
    archetype_label: str
    archetype_summary: str
    position: float
    strategy: float
    execution: float
    role: Role | None
    fit: float | None
    traits: list[TraitScore]
    strengths: list[str]
    risks: list[RiskOut]
    complement: list[ComplementOut]

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def parse_ratings(bank: LeaderBank, raw: object) -> dict[str, int]:
    """Clean one rater's ratings, or raise RatingsError naming every bad key."""
    if not isinstance(raw, Mapping):
        raise RatingsError({"ratings": "must be an object keyed by trait"})
    errors: dict[str, str] = {}
    cleaned: dict[str, int] = {}
    for key in raw:
        if key not in bank.trait_index:
            errors[str(key)] = "unknown trait"
    for trait in bank.traits:
        value = raw.get(trait.key)
        if value is None:
            if trait.required:
                errors[trait.key] = "this rating is required"
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors[trait.key] = f"must be a whole number from {RATING_MIN} to {RATING_MAX}"
        elif not RATING_MIN <= value <= RATING_MAX:
            errors[trait.key] = f"must be from {RATING_MIN} to {RATING_MAX}, not {value}"
        else:
            cleaned[trait.key] = value
    if errors:
        raise RatingsError(errors)
    return cleaned


def combine(rated: Iterable[tuple[float, Ratings]]) -> tuple[dict[str, float], dict[str, float]]:
    """Weighted mean per trait over every rater who rated it, and the spread between them."""
    totals: dict[str, float] = {}
    weights: dict[str, float] = {}
    seen: dict[str, list[float]] = {}
    for weight, ratings in rated:
        for key, value in ratings.items():
            totals[key] = totals.get(key, 0.0) + weight * value
            weights[key] = weights.get(key, 0.0) + weight
            seen.setdefault(key, []).append(value)
    means = {key: totals[key] / weights[key] for key in totals if weights[key] > 0}
    spreads = {key: max(values) - min(values) for key, values in seen.items() if len(values) > 1}
    return means, spreads


def _lean_mean(bank: LeaderBank, ratings: Ratings, lean: Role) -> float:
    rated = [
        (t.weight, ratings[t.key]) for t in bank.traits if t.leans == lean and t.key in ratings
    ]
    total = sum(weight for weight, _ in rated)
    return sum(weight * value for weight, value in rated) / total if total else float(RATING_MIN)


def fit_to_role(bank: LeaderBank, ratings: Ratings, role: Role) -> float:
    strategy = _lean_mean(bank, ratings, "CRO")
    execution = _lean_mean(bank, ratings, "CSO")
    span = RATING_MAX - RATING_MIN
    position = (strategy - execution) / span
    own = strategy if role == "CRO" else execution
    level = (own - RATING_MIN) / span
    lean = (1 + position) / 2 if role == "CRO" else (1 - position) / 2
    return round(100 * (bank.level_weight * level + (1 - bank.level_weight) * lean), 1)


def profile(
    *,
    bank: LeaderBank,
    ratings: Ratings,
    role: Role | None,
    language: str = "en",
    spreads: Mapping[str, float] | None = None,
) -> LeaderProfile:
    strategy = _lean_mean(bank, ratings, "CRO")
    execution = _lean_mean(bank, ratings, "CSO")
    position = (strategy - execution) / (RATING_MAX - RATING_MIN)
    archetype: Archetype = (
        "CRO"
        if position >= bank.archetype_margin
        else "CSO"
        if position <= -bank.archetype_margin
        else "balanced"
    )
    texts = bank.archetypes[archetype]
    rated = [t for t in bank.traits if t.key in ratings]
    # Highest rated first; the bank's order breaks ties so the list is stable.
    strengths = sorted(rated, key=lambda t: -ratings[t.key])[:3]
    return LeaderProfile(
        archetype=archetype,
        archetype_label=texts.label.get(language),
        archetype_summary=texts.summary.get(language),
        position=round(position, 3),
        strategy=round(strategy, 2),
        execution=round(execution, 2),
        role=role,
        fit=fit_to_role(bank, ratings, role) if role else None,
        traits=[
            TraitScore(
                trait=t.key,
                statement=t.statement.get(language),
                leans=t.leans,
                rating=round(ratings[t.key], 2) if t.key in ratings else None,
                spread=(spreads or {}).get(t.key),
            )
            for t in bank.traits
        ],
        strengths=[t.statement.get(language) for t in strengths],
        risks=[
            RiskOut(title=r.title.get(language), detail=r.detail.get(language))
            for r in bank.risks
            if role is not None and r.role == role and r.archetype == archetype
        ],
        complement=[
            ComplementOut(role=c.role.get(language), why=c.why.get(language))
            for c in bank.complements
            if c.archetype == archetype
        ],
    )
