"""The result body as HTML, rendered once per assessment, language and audience.

Submitted results are immutable snapshots, so their HTML can be cached; deleting an
assessment forgets every cached copy, so nothing of it outlives the delete.
"""

from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from . import charts
from .models import Assessment

LANGUAGES = ("en", "es")
# Bounded, so a template change reaches cached pages within the hour even on Redis.
CACHE_SECONDS = 3600


def _key(assessment: Assessment, language: str, show_free_text: bool) -> str:
    return f"result-body:{assessment.public_id}:{language}:{int(show_free_text)}"


def result_body(assessment: Assessment, *, language: str, show_free_text: bool) -> SafeString:
    key = _key(assessment, language, show_free_text)
    html = cache.get(key)
    if html is None:
        result = assessment.result_for(language)
        html = render_to_string(
            "assessments/_result_body.html",
            {
                "assessment": assessment,
                "result": result,
                "show_free_text": show_free_text,
                "figure": charts.drivers_figure(
                    result, axis_title=gettext("← toward a CSO · points · toward a CRO →")
                ),
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 (rendered by our own autoescaping template)


def page_key(public_id: object, language: str) -> str:
    return f"result-page:{public_id}:{language}"


def forget(assessment: Assessment) -> None:
    cache.delete_many(
        [_key(assessment, language, shown) for language in LANGUAGES for shown in (True, False)]
        + [page_key(assessment.public_id, language) for language in LANGUAGES]
    )


def result_context(
    assessment: Assessment, *, language: str, show_free_text: bool
) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "result": assessment.result_for(language),
        "result_body": result_body(assessment, language=language, show_free_text=show_free_text),
    }
