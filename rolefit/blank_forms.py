"""Blank forms drawn once per process and language: `{% load blank_forms %}` then
`{{ form|crispy_blank }}` or `{{ form|crispy_blank_field:"email" }}`.

Only for forms whose blank rendering depends on nothing but their class and the language
(fixed choices, no data from the request or the database). A bound form, with what
someone typed and its errors, is drawn afresh every time and never kept.
"""

from collections.abc import Callable

from django import forms, template
from django.core.cache import caches
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
# Forms change only with a deploy, which starts new processes.
_SECONDS = 24 * 3600


@register.filter
def crispy_blank(form: forms.BaseForm) -> SafeString:
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    return _drawn(form, "", lambda: as_crispy_form(form))


@register.filter
def crispy_blank_field(form: forms.BaseForm, name: str) -> SafeString:
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return _drawn(form, name, lambda: as_crispy_field(form[name]))


def _drawn(form: forms.BaseForm, part: str, draw: Callable[[], str]) -> SafeString:
    if form.is_bound:
        return mark_safe(draw())  # noqa: S308 (crispy escapes)
    kind = type(form)
    key = ":".join(
        (
            "blank-form",
            kind.__module__,
            kind.__qualname__,
            str(form.prefix),
            str(form.auto_id),
            translation.get_language() or "",
            part,
        )
    )
    local = caches["local"]
    html = local.get(key)
    if html is None:
        html = str(draw())
        local.set(key, html, _SECONDS)
    return mark_safe(html)  # noqa: S308 (crispy escapes; drawn from a blank form)
