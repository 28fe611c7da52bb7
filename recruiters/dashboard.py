"""The dashboard's rows, made ready once a page so that its template only places strings.

Worked out in the template, every row was a model instance with its lead's, and each
row's link reversed a URL, its status looked its choice label up (translating every
label again) and its date looked the format up and formatted: about 0.1 ms a row. The
page reads only the columns it shows, and reverses one link, translates the labels and
formats each day once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypedDict
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import dateformat, formats
from django.utils.timezone import localtime

from .models import Engagement

DASHBOARD_PAGE_SIZE = 25


class DashboardRow(TypedDict):
    # A dict rather than an object: the template's first lookup, by key, finds each value.
    url: str
    client_company: str
    business_unit: str
    lead: str  # the lead's username, "" for an engagement left unled
    status: str
    recommendation: str
    created: str


def dashboard_page(
    engagements: QuerySet[Engagement], number: int | str | None
) -> tuple[Page[Any], list[DashboardRow]]:
    """One page of the engagements (a page past the end is the last one), and its rows."""
    page = Paginator(
        engagements.values(
            "public_id",
            "client_company",
            "business_unit",
            "recruiter__username",
            "status",
            "recommendation",
            "created_at",
        ),
        DASHBOARD_PAGE_SIZE,
    ).get_page(number)
    link = _engagement_link()
    status_labels = {value: str(label) for value, label in Engagement.Status.choices}
    # `{{ created_at|date:"SHORT_DATE_FORMAT" }}`, formatted once a day rather than once a
    # row: engagements come several a day, and formatting was the dearest part of a row.
    # Formatting the day (not the moment) means a time in the format would raise, not be
    # shared between rows.
    date_format = formats.get_format("SHORT_DATE_FORMAT")
    day_shown = functools.cache(lambda day: dateformat.format(day, date_format))
    rows = [
        DashboardRow(
            url=link(values["public_id"]),
            client_company=values["client_company"],
            business_unit=values["business_unit"],
            lead=values["recruiter__username"] or "",
            # As get_status_display: a value outside the choices shows as it is.
            status=status_labels.get(values["status"], values["status"]),
            recommendation=values["recommendation"],
            created=day_shown(localtime(values["created_at"]).date()),
        )
        for values in page.object_list
    ]
    return page, rows


def _engagement_link() -> Callable[[UUID], str]:
    """Engagement.get_absolute_url for any id, from one reversal: an id is a plain UUID in
    the path, so the one reversed for a placeholder only needs the real id put in."""
    placeholder = UUID(int=0)
    before, after = reverse("recruiters-engagement", args=[placeholder]).split(str(placeholder))
    return lambda public_id: f"{before}{public_id}{after}"
