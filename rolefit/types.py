"""Types the views of several apps share."""

from collections.abc import Callable

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind login_required: its user is a real account."""

    user: User
