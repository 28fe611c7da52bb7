"""Text and JSON from outside: request bodies, uploaded files, command-line input files.

Python's JSON reader accepts things no later step can live with: nesting deep enough to
exhaust the stack, lone surrogates that cannot be encoded for a page or a database,
NUL characters PostgreSQL refuses, integers too long to convert, and NaN or Infinity.
Every boundary reads JSON through `parse_json`, so each of these is a clear error that
names the place, never a crash after part of the data was stored.
"""

import json
import math
from typing import Any

MAX_DEPTH = 32


class UntrustedInputError(ValueError):
    """The input cannot be accepted; the message says where and why."""


def text_problem(value: str) -> str | None:
    """Why this text cannot be stored or shown, or None when it can."""
    if "\x00" in value:
        return "contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate, which is not valid Unicode"
    return None


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"the number {text[:20]} is too large")
    return number


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The decoded value, or UntrustedInputError naming the first thing wrong with it."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text, parse_float=_finite, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise UntrustedInputError("is not UTF-8 text") from None
    except RecursionError:
        raise UntrustedInputError(f"nests deeper than {max_depth} levels") from None
    except ValueError as exc:  # JSONDecodeError, over-long integers, NaN, Infinity
        raise UntrustedInputError(f"is not valid JSON: {exc}") from None
    problem = _first_problem(data, max_depth)
    if problem:
        raise UntrustedInputError(problem)
    return data


def _first_problem(data: Any, max_depth: int) -> str | None:
    # Iterative, so a structure that Python could parse can never exhaust the stack here.
    stack: list[tuple[Any, int, str]] = [(data, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, str):
            if problem := text_problem(value):
                return f"{where or 'body'}: {problem}"
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > max_depth:
            return f"{where or 'body'}: nests deeper than {max_depth} levels"
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            place = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and (problem := text_problem(key)):
                return f"{where or 'body'}: a key {problem}"
            stack.append((item, depth + 1, place))
    return None
