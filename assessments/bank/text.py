"""Texts in every language the product ships, and the frozen base of every bank model.

Shared by the question bank (assessments.bank) and the leader traits (leaders.traits).
"""

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

LANGUAGES = ("en", "es")


class Frozen(BaseModel):
    """Bank data is read, never changed: a version that scored results stays as it was."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Frozen):
    """One text in every language the product ships."""

    en: str = Field(min_length=1, max_length=4000)
    es: str = Field(min_length=1, max_length=4000)

    def get(self, language: str) -> str:
        return self.es if language == "es" else self.en


def duplicates(keys: Iterable[Any]) -> list[Any]:
    """The keys that appear more than once, in the order they repeat."""
    seen: set[Any] = set()
    repeated = []
    for key in keys:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return repeated
