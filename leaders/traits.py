"""The leader questionnaire's traits: behaviours rated 1..5 against the role, what each
archetype means, the mismatch risks and the complement to hire. They travel with the
question bank (its `leader` part) and are checked when it loads. Pure pydantic, no
Django; the fit engine beside it (`leaders.fit`) reads them.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, model_validator

from assessments.bank.text import Frozen, Text, duplicates

# The leader-profile contract from DOMAIN.md: trait keys and the role each leans toward.
CORE_TRAITS: dict[str, str] = {
    "channel_strategy": "CRO",
    "cross_functional": "CRO",
    "lifecycle_view": "CRO",
    "market_sensing": "CRO",
    "deal_execution": "CSO",
    "methodology_rigor": "CSO",
    "quota_drive": "CSO",
    "decisive_speed": "CSO",
    "territory_ops": "CSO",
}
RATING_MIN, RATING_MAX = 1, 5


class Trait(Frozen):
    """A behaviour rated 1..5, with anchors so two raters read the scale the same way."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=50)
    leans: Literal["CRO", "CSO"]
    weight: Annotated[float, Field(gt=0, le=3)] = 1.0
    required: bool = True
    statement: Text
    anchors: dict[Literal["1", "3", "5"], Text]


class Archetype(Frozen):
    label: Text
    summary: Text


class LeaderRisk(Frozen):
    role: Literal["CRO", "CSO"]
    archetype: Literal["CRO", "CSO", "balanced"]
    title: Text
    detail: Text


class Complement(Frozen):
    archetype: Literal["CRO", "CSO", "balanced"]
    role: Text
    why: Text


class LeaderBank(Frozen):
    """The leader questionnaire: traits, their weights and what follows from a profile."""

    # Below this |position| (on a -1..1 strategy-versus-execution axis) a person is balanced.
    archetype_margin: Annotated[float, Field(ge=0, lt=1)]
    # How much of the fit is the level of the role's own traits; the rest is the lean.
    level_weight: Annotated[float, Field(ge=0, le=1)]
    traits: list[Trait] = Field(min_length=1, max_length=60)
    archetypes: dict[Literal["CRO", "CSO", "balanced"], Archetype]
    risks: list[LeaderRisk]
    complements: list[Complement]

    @model_validator(mode="after")
    def _follows_the_contract(self) -> LeaderBank:
        problems = []
        keys = [trait.key for trait in self.traits]
        for key in duplicates(keys):
            problems.append(f"trait '{key}': the key is used more than once")
        for key, lean in CORE_TRAITS.items():
            trait = next((t for t in self.traits if t.key == key), None)
            if trait is None:
                problems.append(f"trait '{key}': this core trait is missing")
            elif trait.leans != lean:
                problems.append(f"trait '{key}': must lean {lean}, not {trait.leans}")
            elif not trait.required:
                problems.append(f"trait '{key}': a core trait must be required")
        for trait in self.traits:
            if trait.key not in CORE_TRAITS and trait.required:
                problems.append(f"trait '{trait.key}': extra traits must be optional")
            if set(trait.anchors) != {"1", "3", "5"}:
                problems.append(f"trait '{trait.key}': needs anchors for 1, 3 and 5")
        for lean in ("CRO", "CSO"):
            if not any(t.leans == lean for t in self.traits):
                problems.append(f"traits: at least one must lean {lean}")
        missing = {"CRO", "CSO", "balanced"} - set(self.archetypes)
        problems.extend(f"archetype '{name}': the texts are missing" for name in sorted(missing))
        if problems:
            raise ValueError("\n".join(problems))
        return self

    @cached_property
    def trait_index(self) -> dict[str, Trait]:
        return {trait.key: trait for trait in self.traits}
