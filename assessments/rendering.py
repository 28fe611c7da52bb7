"""The result body as HTML, rendered once per assessment, language and audience, and
kept in the shared cache (assessments/result_cache.py says where, and forgets it)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from rolefit.i18n import current_language

from . import charts, result_cache
from .bank.schema import AnswerValue, QuestionBank
from .models import Assessment


def result_body(
    assessment: Assessment, *, language: str, show_free_text: bool, keep_copy: bool = True
) -> SafeString:
    """The body from its kept copy, or rendered; kept unless `keep_copy` is off, for a
    page that keeps a copy of itself whole (each copy kept is a write to the shared cache,
    and a look at the database after it)."""
    key = result_cache.body_key(assessment.public_id, language, show_free_text)
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
                    result, axis_title=gettext("← CSO · points · CRO →")
                ),
            },
        )
        if keep_copy:
            result_cache.keep(key, html, still_there=assessment.is_still_stored)
    return mark_safe(html)  # noqa: S308 (rendered by our own autoescaping template)


def result_context(
    assessment: Assessment, *, language: str, show_free_text: bool, keep_body: bool = True
) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "result": assessment.result_for(language),
        "result_body": result_body(
            assessment, language=language, show_free_text=show_free_text, keep_copy=keep_body
        ),
    }


def review_context(
    bank: QuestionBank,
    answers: Mapping[str, AnswerValue],
    missing: Mapping[str, str],
    *,
    step_url: Callable[[int], str],
    resume_link: str,
) -> dict[str, Any]:
    """What the review page shows before answers are submitted, whoever gave them (a CEO,
    or a colleague of the leadership team): every answer, the way back and the progress."""
    return {
        "rows": answers_by_section(bank, answers, missing, edit_url=step_url),
        "back_url": step_url(len(bank.sections)),
        "missing": bool(missing),
        "number": len(bank.sections) + 1,
        "total": len(bank.sections),
        "resume_link": resume_link,
    }


def answers_by_section(
    bank: QuestionBank,
    answers: Mapping[str, AnswerValue],
    missing: Mapping[str, str],
    *,
    edit_url: Callable[[int], str],
) -> list[dict[str, Any]]:
    """Every answer as its author will read it back before submitting, the missing ones
    marked, each section with the link that edits it."""
    language = current_language()
    return [
        {
            "section": number,
            "title": section.title.get(language),
            "edit_url": edit_url(number),
            "answers": [
                {
                    "label": question.text.get(language),
                    "value": question.display(answers.get(question.key), language),
                    "problem": question.key in missing,
                }
                for question in section.questions
            ],
        }
        for number, section in enumerate(bank.sections, 1)
    ]
