"""Types the views of several apps share."""

from collections.abc import Callable, Sequence

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]
# Breadcrumbs from the top of a page's place down to the page: (label, link or None).
Trail = Sequence[tuple[str, str | None]]


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind login_required: its user is a real account."""

    user: User
