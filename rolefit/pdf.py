"""HTML to PDF on the server, with WeasyPrint, and nothing fetched from anywhere.

The print template's stylesheet is read from our own static files and images come as
data: URIs, so the fetcher refuses every URL: rendering a report never makes a request,
not even to this server, and a hostile URL in a bank text or a logo reaches nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = "css/report.css"


def _no_fetching() -> Any:
    # data: URIs are the document's own bytes; every other scheme (http, https, file,
    # ftp) is refused by WeasyPrint before anything is opened.
    return URLFetcher(allowed_protocols=["data"], timeout=1)


@cache
def _stylesheet() -> CSS:
    found = finders.find(STYLESHEET)
    assert isinstance(found, str), f"{STYLESHEET} is missing from the static files"
    return CSS(string=Path(found).read_text(encoding="utf-8"), url_fetcher=_no_fetching())


class TooManyPages(ValueError):
    pass


def html_to_pdf(html: str, *, title: str, max_pages: int | None = None) -> bytes:
    """The PDF of one page of our own HTML. `title` is the document's metadata title:
    it names the report, never a link or a token. Longer than `max_pages`, it raises
    TooManyPages, for the caller to lay the report out more tightly."""
    document = HTML(string=html, url_fetcher=_no_fetching(), base_url=None)
    rendered = document.render(stylesheets=[_stylesheet()])
    if max_pages is not None and len(rendered.pages) > max_pages:
        raise TooManyPages(f"{len(rendered.pages)} pages; at most {max_pages}")
    rendered.metadata.title = title
    rendered.metadata.authors = ["RoleFit"]
    return bytes(rendered.write_pdf())
