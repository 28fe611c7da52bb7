"""Capability tokens and API secrets never reach a log.

A token in a URL is the whole credential: whoever reads a log line with an owner link
in it can open, share and delete that result. Every log line the app and gunicorn write
passes through `RedactingFormatter`, which keeps the first six characters of each token
(enough to correlate requests, far too few to use) and drops the rest. nginx does the
same in deploy/nginx.conf.
"""

import logging
import re
from typing import Any
from urllib.parse import unquote

# The first segment of every URL that carries a token (the `token` converter's routes).
TOKEN_ROUTES = ("a", "o", "r", "s", "i", "rate", "org", "plan", "join", "outcome", "team")
KEPT = 6
_TOKEN_IN_URL = re.compile(
    rf"(/(?:{'|'.join(TOKEN_ROUTES)})/)([A-Za-z0-9_-]{{{KEPT}}})[A-Za-z0-9_-]{{14,58}}(?![A-Za-z0-9_-])"
)


# Images inside documents: a log line quoting one (WeasyPrint's, about a logo it could
# not draw) would otherwise carry the whole file.
_DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,)[A-Za-z0-9+/=]{64,}")


# Secrets with a recognisable prefix, wherever they appear (an API key pasted into a query
# string reaches gunicorn's access log): a key keeps its public id, a secret nothing.
_PREFIXED_SECRET = re.compile(r"(rf_live_[a-z0-9]{12}_|whsec_)[A-Za-z0-9_+/=-]+")


# What decoding a visitor's escapes may produce that a log line must never hold: line
# breaks and other controls would let them write lines of their own.
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def redact(text: str) -> str:
    """The text with every token cut short, line by line (a traceback keeps its lines)."""
    return "\n".join(_redact_line(line) for line in text.split("\n"))


def _redact_line(line: str) -> str:
    # Django decodes percent-escapes before routing, so `/r/%5a…` and `?next=%2Fo%2F…`
    # open the same pages as their plain forms: a line that hides a token behind escapes
    # is written decoded, with whatever controls the decoding produced escaped again.
    decoded = line
    for _ in range(3):  # an escape may itself be escaped
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
    if decoded != line and _cut(decoded) != decoded:
        line = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", decoded)
    return _cut(line)


def _cut(text: str) -> str:
    text = _PREFIXED_SECRET.sub(r"\1…", text)
    return _DATA_URI.sub(r"\1…", _TOKEN_IN_URL.sub(r"\1\2…", text))


def carries_token(url: str) -> bool:
    return bool(_TOKEN_IN_URL.search(url))


class RedactingFormatter(logging.Formatter):
    """Formats as `inner` (or as a plain Formatter) would, then redacts: the message,
    its arguments and any traceback alike."""

    def __init__(self, *args: Any, inner: logging.Formatter | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record) if self.inner else super().format(record)
        return redact(text)
