"""The leader questionnaire's traits: behaviours rated 1..5 against the role, what each
archetype means, the mismatch risks and the complement to hire. They travel with the
question bank (its `leader` part) and are checked when it loads. Pure pydantic, no
Django; the fit engine beside it (`leaders.fit`) reads them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, ValidationError

from assessments.bank.text import Frozen, Text, duplicates

if TYPE_CHECKING:
    from assessments.bank.schema import QuestionBank

# The leader-profile contract of the domain: trait keys and the role each leans toward.
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

    @cached_property
    def trait_index(self) -> dict[str, Trait]:
        return {trait.key: trait for trait in self.traits}


# Each rule a small function, run by `leader_part_problems` as the bank's rules are run
# by `parse_bank`.
def unique_trait_keys(leader: LeaderBank) -> Iterator[str]:
    for key in duplicates(trait.key for trait in leader.traits):
        yield f"trait '{key}': the key is used more than once"


def core_traits_follow_the_contract(leader: LeaderBank) -> Iterator[str]:
    for key, lean in CORE_TRAITS.items():
        trait = leader.trait_index.get(key)
        if trait is None:
            yield f"trait '{key}': this core trait is missing"
        elif trait.leans != lean:
            yield f"trait '{key}': must lean {lean}, not {trait.leans}"
        elif not trait.required:
            yield f"trait '{key}': a core trait must be required"


def extra_traits_are_optional(leader: LeaderBank) -> Iterator[str]:
    for trait in leader.traits:
        if trait.key not in CORE_TRAITS and trait.required:
            yield f"trait '{trait.key}': extra traits must be optional"


def every_trait_has_its_anchors(leader: LeaderBank) -> Iterator[str]:
    for trait in leader.traits:
        if set(trait.anchors) != {"1", "3", "5"}:
            yield f"trait '{trait.key}': needs anchors for 1, 3 and 5"


def both_leans_are_rated(leader: LeaderBank) -> Iterator[str]:
    for lean in ("CRO", "CSO"):
        if not any(trait.leans == lean for trait in leader.traits):
            yield f"traits: at least one must lean {lean}"


def every_archetype_is_described(leader: LeaderBank) -> Iterator[str]:
    for name in sorted({"CRO", "CSO", "balanced"} - set(leader.archetypes)):
        yield f"archetype '{name}': the texts are missing"


LEADER_RULES: list[Callable[[LeaderBank], Iterator[str]]] = [
    unique_trait_keys,
    core_traits_follow_the_contract,
    extra_traits_are_optional,
    every_trait_has_its_anchors,
    both_leans_are_rated,
    every_archetype_is_described,
]


def leader_part_problems(bank: QuestionBank) -> Iterator[str]:
    """What is wrong with a bank's leader part: its shape, then each rule. The leaders app
    registers this with the bank's rules (`assessments.bank.rules.PART_RULES`)."""
    if bank.leader is None:
        return
    try:
        leader = LeaderBank.model_validate(bank.leader)
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in ("leader", *error["loc"]))
            yield f"{where}: {error['msg']}"
        return
    for rule in LEADER_RULES:
        yield from rule(leader)


_PARSED: dict[str, LeaderBank] = {}


def leader_bank(bank: QuestionBank) -> LeaderBank | None:
    """The bank's leader questionnaire, parsed once per content (banks never change)."""
    if bank.leader is None:
        return None
    key = json.dumps(bank.leader, sort_keys=True)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = _PARSED[key] = LeaderBank.model_validate(bank.leader)
    return parsed
