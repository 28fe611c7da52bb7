"""The words of a notice, in the member's language: one event, or a day's digest. Only
facts and a link to a page behind sign-in; never a CEO's capability link."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from .models import Kind, Notice


def _sentence(notice: Notice) -> str:
    facts = {key: " ".join(str(value).split()) for key, value in notice.facts.items()}
    if notice.kind == Kind.CLIENT_SUBMITTED:
        return (
            _("The client in %(engagement)s submitted the questionnaire: %(recommendation)s.")
            % facts
        )
    if notice.kind == Kind.RATING_SUBMITTED:
        return _("A rating of %(person)s arrived in %(engagement)s.") % facts
    if notice.kind == Kind.UNIT_FLIPPED:
        return _("%(unit)s flipped from %(before)s to %(after)s.") % facts
    return _("%(unit)s was due for re-assessment on %(due)s.") % facts


def _link(notice: Notice) -> str:
    return settings.RF_BASE_URL.rstrip("/") + notice.path


def one(notice: Notice, language: str) -> tuple[str, str]:
    """(subject, body) for a notice sent the moment it happens."""
    with override(language):
        sentence = _sentence(notice)
        return f"RoleFit: {sentence}", f"{sentence}\n\n{_link(notice)}\n\n{_footer()}\n"


def digest(notices: Sequence[Notice], language: str) -> tuple[str, str]:
    """(subject, body) for a day's digest, oldest first."""
    with override(language):
        subject = ngettext(
            "RoleFit: %(count)d update today", "RoleFit: %(count)d updates today", len(notices)
        ) % {"count": len(notices)}
        lines = [f"- {_sentence(notice)}\n  {_link(notice)}" for notice in notices]
        return subject, "\n".join(lines) + f"\n\n{_footer()}\n"


def _footer() -> str:
    return _("Choose which notices you get, and when, on your firm’s page.")
