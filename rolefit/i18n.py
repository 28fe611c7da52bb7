"""The product's languages, as the views see them."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import get_language, override

LANGUAGES = ("en", "es")


def current_language() -> str:
    """The request's language, as one the bank and the result snapshots speak."""
    return "es" if (get_language() or "en").startswith("es") else "en"


def in_both_languages(text: Callable[[], str], separator: str) -> str:
    """The same words in English and Spanish, for an email to someone whose language the
    product does not know."""
    parts = []
    for language in LANGUAGES:
        with override(language):
            parts.append(text())
    return separator.join(parts)


def mail_in_both_languages(
    *, subject: Callable[[], str], body: Callable[[], str], to: list[str]
) -> None:
    """One email, its subject and body each in English then Spanish."""
    send_mail(
        subject=in_both_languages(subject, " / "),
        message=in_both_languages(body, "\n---\n\n"),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=to,
    )
