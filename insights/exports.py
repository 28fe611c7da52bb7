"""The per-assessment answer export: pseudonymous (no tokens, no free text, no emails,
no names), one row per result, streamed so a million rows never sit in memory."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.utils.crypto import salted_hmac
from openpyxl import Workbook

from rolefit import spreadsheets

from .queries import Filters

FIXED = [
    "result",
    "version",
    "language",
    "channel",
    "started",
    "submitted",
    "recommendation",
    "strength",
    "complexity_score",
]
CHUNK = 2000
PSEUDONYM_SALT = "rolefit.insights.pseudonym"
# A workbook is written whole before a byte is sent: past this many rows it would outlast
# the request (and Excel stops at 1,048,576). The CSV streams any number.
XLSX_MOST_ROWS = 100_000


def pseudonym(public_id: object) -> str:
    """The same result gets the same label in every export, and the label leads back to
    nothing outside them: a keyed hash of its id, under a key of its own (derived from
    SECRET_KEY; rotating that key relabels every result)."""
    return salted_hmac(PSEUDONYM_SALT, str(public_id), algorithm="sha256").hexdigest()[:16]


def header(filters: Filters) -> list[str]:
    return FIXED + [question.key for question in filters.version.parsed().scored_questions()]


def rows(filters: Filters) -> Iterator[list[Any]]:
    # Text questions stay out: free text can name people.
    keys = [question.key for question in filters.version.parsed().scored_questions()]
    found = (
        filters.results()
        .order_by("pk")
        .values_list(
            "public_id",
            "language",
            "engagement_id",
            "unit_id",
            "created_at",
            "submitted_at",
            "recommendation",
            "strength",
            "complexity_score",
            "answers",
        )
    )
    for (
        public_id,
        language,
        engagement,
        unit,
        created,
        submitted,
        recommendation,
        strength,
        score,
        answers,
    ) in found.iterator(chunk_size=CHUNK):
        channel = "engagement" if engagement else "unit" if unit else "direct"
        yield [
            pseudonym(public_id),
            filters.version.version,
            language,
            channel,
            created.date().isoformat(),
            submitted.date().isoformat() if submitted else "",
            recommendation,
            strength,
            score,
            *(answers.get(key) for key in keys),
        ]


class _Line:
    """Takes what the CSV writer writes and hands it back, a line at a time."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def take(self) -> str:
        text, self.text = self.text, ""
        return text


def csv_lines(head: list[str], body: Iterator[list[Any]]) -> Iterator[str]:
    line = _Line()
    writer = spreadsheets.writer(line)
    writer.writerow(head)
    yield line.take()
    for row in body:
        writer.writerow(row)
        yield line.take()


def xlsx_file(head: list[str], body: Iterator[list[Any]]) -> IO[bytes]:
    """A workbook written row by row to a temporary file (openpyxl's write-only mode keeps
    no rows in memory), returned open at its start."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    sheet.append(head)
    for row in body:
        sheet.append([spreadsheets.neutralised(cell) for cell in row])
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    book.save(target)
    target.seek(0)
    return target
