"""Types the views of several apps share."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind login_required: its user is a real account."""

    user: User
