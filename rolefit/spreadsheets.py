"""CSV that opens safely in a spreadsheet.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or a tab or
carriage return before one) as a formula, so text a visitor typed could call out to a
network or a program on the reader's machine. Following OWASP's guidance on CSV
injection, such a cell is written with a leading apostrophe, which spreadsheets show as
plain text. Every field is also quoted: a spreadsheet set to split on semicolons (the
usual list separator in Spanish) then still reads `x;=1+1` as one cell starting with x.
Every CSV the app writes goes through `writer`.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutralised(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class SafeWriter:
    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralised(cell) for cell in row])


def writer(stream: _Writable) -> SafeWriter:
    return SafeWriter(stream)
