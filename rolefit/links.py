"""Capability links that can be shown again: one abstract model for all of them.

An engagement's invite, a rater's link, an organisation's owner link and a hiring plan's
link are each an HMAC of a random salt under SECRET_KEY. The owner can be shown the link
again at any time, yet the database stores only the salt and the link's SHA-256 digest,
so a copy of it opens nothing. Finding a row by its link is `Model.objects.by_token()`:
no view ever hashes a token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from django.conf import settings
from django.db import connections, models

from .tokens import new_salt, revealable_token, token_digest

_Link = TypeVar("_Link", bound="RevealableLink")


_Row = TypeVar("_Row", bound=models.Model)


def unique_or_none(rows: models.QuerySet[_Row]) -> _Row | None:
    """The one row a lookup on a unique column finds, or None, asked for with no ORDER BY:
    `.first()` would sort, and PostgreSQL may then walk another index to do it."""
    return next(iter(rows.order_by()[:1]), None)


class UniqueLookup(Generic[_Row]):
    """`unique_or_none` for the lookups every request of a busy page makes, compiled once.

    Django compiles a queryset to SQL on every call, and for these one-row lookups
    compiling cost several times what running the query did (bench/profile_pages.py). So
    the query is built once per process and database with marks where the values go,
    compiled, and then run with `raw()`: rows still come back as model instances, with
    deferred fields and the database's converters. Only for querysets of one model (no
    select_related) whose only varying values are the ones given: strings and integers.

        draft_by_digest = UniqueLookup(lambda digest: Draft.objects.filter(digest=digest))
        draft = draft_by_digest(token_digest(token))
    """

    def __init__(self, query: Callable[..., models.QuerySet[_Row]]) -> None:
        self._query = query
        # {database alias and vendor: (model, SQL, its parameters, where each value goes)}
        self._compiled: dict[tuple[str, str], tuple[type[_Row], str, list[Any], list[int]]] = {}

    def __call__(self, *values: str | int) -> _Row | None:
        alias = "default"  # the project has one database (rolefit/settings.py)
        key = (alias, connections[alias].vendor)
        compiled = self._compiled.get(key) or self._compile(key, values)
        model, sql, params, positions = compiled
        params = list(params)
        for position, value in zip(positions, values, strict=True):
            params[position] = value
        return next(iter(model._default_manager.using(alias).raw(sql, params)), None)

    def _compile(
        self, key: tuple[str, str], values: tuple[str | int, ...]
    ) -> tuple[type[_Row], str, list[Any], list[int]]:
        # Compiled twice, with two sets of marks of each value's type (small enough for
        # any integer field's range): the parameters that differ are where the values go.
        def marks(first: int) -> list[str | int]:
            return [
                f"mark-{first + i}" if isinstance(v, str) else first + i
                for i, v in enumerate(values)
            ]

        compiled = []
        for mark in (marks(30_001), marks(30_101)):
            rows = self._query(*mark).order_by()[:1]
            sql, params = rows.query.get_compiler(using=key[0]).as_sql()
            compiled.append((rows.model, sql, list(params), mark))
        (model, sql, params, first_marks), (_, _, other_params, _) = compiled
        positions = [
            next(
                p
                for p, (a, b) in enumerate(zip(params, other_params, strict=True))
                if a != b and a == m
            )
            for m in first_marks
        ]
        self._compiled[key] = (model, sql, params, positions)
        return self._compiled[key]


class RevealableLinkQuerySet(models.QuerySet[_Link]):
    def by_token(self, token: str) -> _Link | None:
        """The row this link opens, or None."""
        return unique_or_none(self.filter(token_digest=token_digest(token)))


class RevealableLink(models.Model):
    # Each model names its own namespace, so a token can never open another kind of row;
    # changing it would break every link already sent.
    TOKEN_NAMESPACE: ClassVar[str]

    token_salt = models.CharField(max_length=32, default=new_salt, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.token_digest:
            self.token_digest = token_digest(self.token())
        super().save(*args, **kwargs)

    def token(self) -> str:
        """The link, shown again. After a key rotation (SECRET_KEY_FALLBACKS) the stored
        digest still names the link made under the old key, so that is the one shown:
        every link already sent keeps working, and keeps being the link shown."""
        keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        candidates = [
            revealable_token(self.TOKEN_NAMESPACE, self.token_salt, secret=k) for k in keys
        ]
        if self.token_digest:
            for candidate in candidates:
                if token_digest(candidate) == self.token_digest:
                    return candidate
        return candidates[0]
