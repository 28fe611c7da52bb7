"""A result as a PDF to forward: the same facts as the page, laid out for A4 and drawn on
the server (rolefit/pdf.py). Reports are cached like the result's HTML, one per
audience and language, and forgotten with it (assessments/result_cache.py)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext, override

from rolefit.pdf import TooManyPages, html_to_pdf

from . import charts, result_cache
from .models import Assessment

TEMPLATE = "reports/result.html"
MAX_PAGES = 2
# The leadership team's combined view, when shown, takes one more page.
MAX_PAGES_WITH_TEAM = 3


@dataclass(frozen=True)
class Branding:
    """Whose report this is, for a firm's engagement: shown at the top of page one."""

    firm: str
    recruiter: str = ""
    note: str = ""
    logo: str = ""  # a data: URI, or nothing

    def digest(self) -> str:
        parts = "\x1f".join((self.firm, self.recruiter, self.note, self.logo))
        return hashlib.sha256(parts.encode()).hexdigest()


def result_pdf(
    assessment: Assessment,
    *,
    language: str,
    audience: str,
    show_free_text: bool,
    branding: Branding | None = None,
    team: dict[str, Any] | None = None,
) -> bytes:
    """The report's bytes. `audience` (owner, shared, recruiter) names the cached copy; a
    copy made for other branding (a new logo, a changed note) or another team view (a
    colleague who answered or was removed) is made again."""
    key = result_cache.pdf_key(assessment.public_id, language, audience)
    team_digest = hashlib.sha256(json.dumps(team, sort_keys=True).encode()).hexdigest()
    stamp = (branding.digest() if branding else "", show_free_text, team_digest)
    cached = cache.get(key)
    if cached is not None:
        if cached[0] == stamp:
            return bytes(cached[1])
        cache.delete(key)  # made for another team or branding: made afresh below
    with override(language):
        result = assessment.result_for(language)
        title = gettext("RoleFit report: %(unit)s") % {
            "unit": assessment.business_unit or result["role_title"]
        }
        context = {
            "assessment": assessment,
            "result": result,
            "language": language,
            "title": title,
            "branding": branding,
            "show_free_text": show_free_text,
            "chart": charts.drivers_svg_layout(result),
            "team": team,
        }
        pages = MAX_PAGES_WITH_TEAM if team else MAX_PAGES
        try:
            pdf = html_to_pdf(render_to_string(TEMPLATE, context), title=title, max_pages=pages)
        except TooManyPages:
            # Long free-text answers or a long note: their excerpts, and the rest fits.
            compact = render_to_string(TEMPLATE, {**context, "compact": True})
            pdf = html_to_pdf(compact, title=title, max_pages=pages)
    result_cache.keep(key, (stamp, pdf), still_there=assessment.is_still_stored)
    return pdf


def pdf_response(pdf: bytes, language: str) -> HttpResponse:
    """The download that carries a report, named by its language, never by a link."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rolefit-report-{language}.pdf"'
    return response
