"""The Insights section of the admin: the figures of `insights.queries` as charts with a
table beside each, every table as CSV, and the answer export. Staff only (urls.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.bank.schema import IntegerQuestion, QuestionBank

from . import charts, exports, rollup
from .forms import FiltersForm, problems
from .queries import everything

# The most assessments a page view tallies itself (about a second and a half of work).
TALLY_IN_A_REQUEST = 20_000

# Which table each download is, and its columns.
DOWNLOADS = {
    "funnel": ["stage", "count", "share", "drop_off", "median_seconds", "p90_seconds"],
    "questions": [
        "key",
        "answered",
        "skipped",
        "mean_lean",
        "lean_share",
        "correlation",
        "flip_share_if_dropped",
        "uninformative",
        "decisive",
    ],
    "answers": ["key", "answer", "count", "share", "cro", "cso"],
    "scores": ["from", "to", "count"],
    "monthly": ["month", "results", "near_threshold_share", "cro_share"],
}


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    # Always bound: no filters at all means the live version, everything.
    form = FiltersForm(request.GET)
    context: dict[str, Any] = {**admin.site.each_context(request), "form": form}
    if not form.is_valid():
        return render(request, "admin/insights/page.html", context, status=400)
    untallied = rollup.untallied()
    waiting = rollup.waiting(untallied)
    if waiting > TALLY_IN_A_REQUEST:
        # Tallying that many here would outlast the request: the timer's job, or the
        # command's. Say so rather than time out.
        context["waiting"] = waiting
        return render(request, "admin/insights/page.html", context, status=503)
    filters = form.filters()
    figures = everything(filters, untallied)
    download = request.GET.get("download")
    if download is not None:
        return _download(download, figures)
    bank = filters.version.parsed()
    context.update(_page_context(bank, figures, request.GET.urlencode()))
    return render(request, "admin/insights/page.html", context)


def _page_context(bank: QuestionBank, figures: dict[str, Any], query: str) -> dict[str, Any]:
    language = get_language() or "en"
    stage_labels = {"started": _("Started"), "reviewed": _("Reviewed"), "submitted": _("Submitted")}
    for number, section in enumerate(bank.sections, 1):
        stage_labels[f"step_{number}"] = f"{number}. {section.title.get(language)}"
    labels = {question.key: question.short_label(language) for question in bank.scored_questions()}
    questions = []
    for question in figures["questions"]:
        asked = bank.question(question["key"])
        rows = _answer_rows(asked, question, language)
        questions.append(
            {
                **question,
                "label": labels[question["key"]],
                "rows": rows,
                "figure_id": f"answers-{question['key']}",
                "figure": charts.answers(
                    question["by_recommendation"], [row["name"] for row in rows]
                ),
            }
        )
    scores = figures["scores"]
    bands = [
        (band.max_margin, 0.08 + 0.08 * index)
        for index, band in enumerate(reversed(bank.strength_bands))
        if band.max_margin is not None
    ]
    return {
        "figures": figures,
        "stage_labels": stage_labels,
        "funnel_rows": [
            {**stage, "label": stage_labels[stage["stage"]]} for stage in figures["funnel"]
        ],
        "questions": questions,
        "funnel_figure": charts.funnel(figures["funnel"], stage_labels),
        "scores_figure": charts.score_histogram(scores, bands),
        "monthly_figure": charts.monthly(
            scores["monthly"], _("Within 5 points of the threshold"), _("CRO")
        ),
        "lean_figure": charts.lean_shares(figures["questions"], labels),
        "query": query,
        "strength_rows": [
            {"label": band.label.get(language), "share": scores["strengths"][band.key]}
            for band in bank.strength_bands
        ],
    }


def _answer_rows(question: Any, figures: dict[str, Any], language: str) -> list[dict[str, Any]]:
    by_role = figures["by_recommendation"]
    rows = []
    for index, row in enumerate(figures["distribution"]):
        if isinstance(question, IntegerQuestion):
            name = f"{row['from']}–{row['to']}" if row["from"] != row["to"] else str(row["from"])
        else:
            name = question.display(row["value"], language)
        rows.append(
            {
                **row,
                "name": name,
                "cro": by_role["CRO"][index]["count"],
                "cso": by_role["CSO"][index]["count"],
            }
        )
    return rows


def _download(which: str, figures: dict[str, Any]) -> HttpResponse:
    if which not in DOWNLOADS:
        return HttpResponse(
            _("Unknown download: choose one of %(names)s.") % {"names": ", ".join(DOWNLOADS)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    columns = DOWNLOADS[which]
    if which == "funnel":
        table = [[stage.get(column, "") for column in columns] for stage in figures["funnel"]]
    elif which == "questions":
        table = [[question[column] for column in columns] for question in figures["questions"]]
    elif which == "answers":
        table = [
            [
                question["key"],
                row.get("value", f"{row.get('from')}-{row.get('to')}"),
                row["count"],
                row["share"],
                question["by_recommendation"]["CRO"][index]["count"],
                question["by_recommendation"]["CSO"][index]["count"],
            ]
            for question in figures["questions"]
            for index, row in enumerate(question["distribution"])
        ]
    elif which == "scores":
        table = [[row[column] for column in columns] for row in figures["scores"]["histogram"]]
    else:
        table = [[row[column] for column in columns] for row in figures["scores"]["monthly"]]
    response = HttpResponse(
        "".join(exports.csv_lines(columns, iter(table))), content_type="text/csv; charset=utf-8"
    )
    name = f"insights-{figures['version']}-{which}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def export(request: HttpRequest, file_format: str) -> HttpResponseBase:
    form = FiltersForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            problems(form),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    name = f"rolefit-results-{filters.version.version}.{file_format}"
    head, body = exports.header(filters), exports.rows(filters)
    if file_format == "xlsx" and filters.results().count() > exports.XLSX_MOST_ROWS:
        return HttpResponse(
            _(
                "More than %(most)s results: too many for a spreadsheet file. Download the "
                "CSV, or narrow the filters."
            )
            % {"most": f"{exports.XLSX_MOST_ROWS:,}"},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    if file_format == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(head, body), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return FileResponse(exports.xlsx_file(head, body), as_attachment=True, filename=name)
