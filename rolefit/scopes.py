"""One page, two kinds of visitor: a CEO with an owner link, or a signed-in recruiter.

An app writes each such page once, as `view(request, scope, **kwargs)`, and lists them in
one table; `ScopedPages.urls()` gives every page both URL families. The owner family
resolves the link (a capability page: limited, never cached, never referred), the
recruiter family the account (sign-in required, and only the recruiter's own objects).
Either way a missing or foreign object is the same 404, and the view gets a scope that
knows how to link to its sibling pages in the same family. A scope whose `read_only` is
true (a firm's viewer) may look but not change: anything but GET or HEAD is a 403.

The scope is resolved before the view's own decorators run (its allowed methods, its
rate limits), so an unknown link is a 404 and counts as a miss whatever the method:
a guesser learns nothing from a 405.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse

from .capabilities import private_form_page
from .types import AuthenticatedHttpRequest, View

S = TypeVar("S")
URLMaker = Callable[..., str]


@dataclass(frozen=True)
class ScopedPages(Generic[S]):
    app: str
    owner_route: str  # with a <token:token> segment
    recruiter_route: str  # with a <uuid:public_id> segment
    # Each builds the app's scope object, or returns None when there is nothing to show.
    by_token: Callable[[str, URLMaker], S | None]
    for_recruiter: Callable[[User, UUID, URLMaker], S | None]

    def urls(self, pages: list[tuple[str, View, str]]) -> list[URLPattern]:
        """Both URL families for each (route, view, name): `<app>-owner-<name>` and
        `<app>-recruiter-<name>`."""
        patterns = []
        for route, view, name in pages:
            patterns += [
                path(
                    self.owner_route + route, self._as_owner(view), name=self._name("owner", name)
                ),
                path(
                    self.recruiter_route + route,
                    self._as_recruiter(view),
                    name=self._name("recruiter", name),
                ),
            ]
        return patterns

    def _name(self, family: str, page: str) -> str:
        return f"{self.app}-{family}-{page}"

    def _maker(self, family: str, key: str | UUID) -> URLMaker:
        return lambda page, *args: reverse(self._name(family, page), args=[key, *args])

    def _as_owner(self, view: View) -> View:
        @private_form_page
        @wraps(view)
        def owner_page(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponse:
            scope = self.by_token(token, self._maker("owner", token))
            if scope is None:
                raise Http404
            return view(request, scope, **kwargs)

        return owner_page

    def _as_recruiter(self, view: View) -> View:
        @login_required
        @wraps(view)
        def recruiter_page(
            request: AuthenticatedHttpRequest, public_id: UUID, **kwargs: Any
        ) -> HttpResponse:
            maker = self._maker("recruiter", public_id)
            scope = self.for_recruiter(request.user, public_id, maker)
            if scope is None:
                raise Http404
            if getattr(scope, "read_only", False) and request.method not in ("GET", "HEAD"):
                raise PermissionDenied
            return view(request, scope, **kwargs)

        return recruiter_page
