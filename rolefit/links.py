"""Capability links that can be shown again: one abstract model for all of them.

An engagement's invite, a rater's link, an organisation's owner link and a hiring plan's
link are each an HMAC of a random salt under SECRET_KEY. The owner can be shown the link
again at any time, yet the database stores only the salt and the link's SHA-256 digest,
so a copy of it opens nothing. Finding a row by its link is `Model.objects.by_token()`:
no view ever hashes a token.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from django.conf import settings
from django.db import connections, models
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]

from .tokens import new_salt, revealable_token, token_digest

_Link = TypeVar("_Link", bound="RevealableLink")


_Row = TypeVar("_Row", bound=models.Model)


def unique_or_none(rows: models.QuerySet[_Row]) -> _Row | None:
    """The one row a lookup on a unique column finds, or None, asked for with no ORDER BY:
    `.first()` would sort, and PostgreSQL may then walk another index to do it."""
    return next(iter(rows.order_by()[:1]), None)


@dataclass(frozen=True)
class _Compiled:
    model: type[models.Model]
    sql: str
    params: list[Any]
    value_positions: list[list[int]]  # where each value given goes among the parameters
    columns: list[Any]  # the selected columns, as the compiler made them
    field_positions: list[int]  # which of them are the model's fields
    field_names: list[str]  # their attnames, in order, as Model.from_db takes them
    annotations: list[tuple[str, int]]  # (name, position) of each annotation
    related: list[Any]  # Django's own populators of the select_related rows


class UniqueLookup(Generic[_Row]):
    """`unique_or_none` for the lookups every request of a busy page makes, compiled once.

    Django compiles a queryset to SQL on every call, and for these one-row lookups
    compiling cost several times what running the query did (bench/profile_pages.py). So
    the query is built once per process and database with marks where the values go and
    compiled; each call then runs that SQL and builds the model instance as Django's own
    iterator does (the database's converters, then `Model.from_db`, which defers the
    fields left out, then the select_related rows, then the annotations as attributes).
    Only for querysets of model instances (no values()) whose only varying values are
    the ones given: strings and integers, the integers
    within their column's range (the ORM finds nothing for an integer too large for
    its column; this raises OverflowError, so bound what a visitor sends first).

        draft_by_digest = UniqueLookup(lambda digest: Draft.objects.filter(digest=digest))
        draft = draft_by_digest(token_digest(token))
    """

    def __init__(self, query: Callable[..., models.QuerySet[_Row]]) -> None:
        self._query = query
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        # The converters are the connection's own (its operations), so kept per
        # connection object: one per thread, for the life of the thread.
        self._converters: weakref.WeakKeyDictionary[Any, list[tuple[int, list[Any], Any]]] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self, *values: str | int) -> _Row | None:
        alias = "default"  # the project has one database (rolefit/settings.py)
        connection = connections[alias]
        compiled = self._compiled.get((alias, connection.vendor)) or self._compile(
            alias, connection, values
        )
        params = list(compiled.params)
        for positions, value in zip(compiled.value_positions, values, strict=True):
            for position in positions:
                params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        converters = self._converters.get(connection)
        if converters is None:
            converters = self._converters[connection] = _converters(connection, compiled)
        row = list(row)
        for position, functions, column in converters:
            for convert in functions:
                row[position] = convert(row[position], column, connection)
        found = compiled.model.from_db(
            alias, compiled.field_names, [row[i] for i in compiled.field_positions]
        )
        for populator in compiled.related:
            populator.populate(row, found)
        for name, position in compiled.annotations:
            setattr(found, name, row[position])
        return found  # type: ignore[return-value]

    def _compile(self, alias: str, connection: Any, values: tuple[str | int, ...]) -> _Compiled:
        # Compiled twice, with two sets of marks of each value's type (small enough for
        # any integer field's range): the parameters that differ are where the values go.
        def marks(first: int) -> list[str | int]:
            return [
                f"mark-{first + i}" if isinstance(v, str) else first + i
                for i, v in enumerate(values)
            ]

        first, second = marks(30_001), marks(30_101)
        compiler = self._query(*first).order_by()[:1].query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        _, other_params = self._query(*second).order_by()[:1].query.get_compiler(alias).as_sql()
        differing = {i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b}
        value_positions = [[i for i in sorted(differing) if params[i] == mark] for mark in first]
        # Anything else that differs between the two compilations (a `timezone.now()` in
        # the query, say) would be frozen into the SQL: refused here, loudly.
        if differing != {i for positions in value_positions for i in positions}:
            raise ValueError("UniqueLookup: the query has a varying value that is not given")
        columns = [column for column, _sql, _alias in compiler.select]
        assert compiler.klass_info is not None  # a queryset of model instances
        field_positions = list(compiler.klass_info["select_fields"])
        compiled = _Compiled(
            model=compiler.query.model,
            sql=sql,
            params=list(params),
            value_positions=value_positions,
            columns=columns,
            field_positions=field_positions,
            field_names=[columns[i].target.attname for i in field_positions],
            annotations=list(compiler.annotation_col_map.items()),
            related=get_related_populators(compiler.klass_info, compiler.select, alias),
        )
        self._compiled[(alias, connection.vendor)] = compiled
        return compiled


def _converters(connection: Any, compiled: _Compiled) -> list[tuple[int, list[Any], Any]]:
    """Which columns the database's values need converting, and how (as the compiler's
    own get_converters)."""
    found = []
    for position, column in enumerate(compiled.columns):
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            found.append((position, functions, column))
    return found


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
