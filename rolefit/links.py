"""Capability links that can be shown again: one abstract model for all of them.

An engagement's invite, a rater's link, an organisation's owner link and a hiring plan's
link are each an HMAC of a random salt under SECRET_KEY. The owner can be shown the link
again at any time, yet the database stores only the salt and the link's SHA-256 digest,
so a copy of it opens nothing. Finding a row by its link is `Model.objects.by_token()`:
no view ever hashes a token.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models

from .tokens import new_salt, revealable_token, token_digest

_Link = TypeVar("_Link", bound="RevealableLink")


_Row = TypeVar("_Row", bound=models.Model)


def unique_or_none(rows: models.QuerySet[_Row]) -> _Row | None:
    """The one row a lookup on a unique column finds, or None, asked for with no ORDER BY:
    `.first()` would sort, and PostgreSQL may then walk another index to do it."""
    return next(iter(rows.order_by()[:1]), None)


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
