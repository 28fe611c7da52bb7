"""A draft bank as rows an admin can edit field by field: every translatable text (both
languages side by side) and every number that tunes the model (weights, bands, the
threshold, strength margins, the leader-fit settings), each addressed by its place in
the bank's JSON. Structure (which questions and options exist) changes by upload."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

NUMBER_KEYS = {
    "weight": "Points this answer adds before scaling (all weights are scaled so the most "
    "complex answers make 100). Later answers in a question must not have lower weights.",
    "threshold": "Scores at or above this (0-100) recommend a CRO; below it, a CSO.",
    "max_margin": "A result whose distance to the threshold is below this falls in this band.",
    "max_points": "Points a saturating question approaches as the count grows.",
    "half_at": "How many units above the minimum earn half of the maximum points.",
    "archetype_margin": "Below this distance from the middle (-1..1), a leader is balanced.",
    "level_weight": "Share of the fit that comes from the level of the role's own traits.",
}
BAND_MIN_HELP = "The smallest answer in this band; bands must start higher one after another."


def walk(bank: Any) -> Iterator[tuple[str, list[Any], str, Any]]:
    """Yield (kind, path, label, value) for every editable text and number."""
    yield from _walk(bank, [], [])


def _walk(
    node: Any, path: list[Any], names: list[str]
) -> Iterator[tuple[str, list[Any], str, Any]]:
    if isinstance(node, dict):
        if set(node) == {"en", "es"} and all(isinstance(v, str) for v in node.values()):
            yield "text", path, " · ".join(names), node
            return
        for key, value in node.items():
            if (
                key in NUMBER_KEYS
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                yield "number", [*path, key], " · ".join([*names, key.replace("_", " ")]), value
            elif key == "min" and "bands" in path and isinstance(value, int):
                yield "number", [*path, key], " · ".join([*names, "starts at"]), value
            else:
                named = names if key in _UNNAMED else [*names, key.replace("_", " ")]
                yield from _walk(value, [*path, key], named)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, [*path, index], [*names, _item_name(item, index)])


# Containers whose items are named by their own key, so the label need not say them.
_UNNAMED = {"sections", "questions", "options", "bands", "scoring", "traits", "strength_bands"}


def _item_name(item: Any, index: int) -> str:
    if isinstance(item, dict):
        for field in ("key", "value"):
            if field in item:
                return str(item[field])
        if "min" in item:
            return f"from {item['min']}"
    return str(index + 1)


def help_for(path: list[Any]) -> str:
    last = path[-1]
    return BAND_MIN_HELP if last == "min" else NUMBER_KEYS.get(str(last), "")


def apply(bank: Any, edits: Iterator[tuple[list[Any], Any]]) -> Any:
    """A copy of the bank with each edited value written at its place."""
    result = copy.deepcopy(bank)
    for path, value in edits:
        node = result
        for step in path[:-1]:
            node = node[step]
        # Leave equal values as they were (1 and 1.0 alike), so an untouched draft
        # writes back exactly the bank it came from.
        if node[path[-1]] != value:
            node[path[-1]] = value
    return result


def tidy_number(value: float, path: list[Any]) -> float | int:
    # Band starts are whole numbers; other numbers keep a whole look when they are whole,
    # so an untouched draft exports exactly as it was loaded.
    if path[-1] == "min" or float(value).is_integer():
        return int(value)
    return value
