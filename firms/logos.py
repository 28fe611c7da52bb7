"""A firm's logo for its PDF reports: a PNG, or an SVG that holds only drawing.

An SVG is a document that can carry scripts, event handlers, links to other files and
entity bombs. Rather than clean one, this refuses any SVG with anything beyond plain
shapes, paths, text and gradients: what is accepted is exactly what was uploaded. It is
parsed with defusedxml, so a DTD or an entity is refused before it is expanded.
"""

from __future__ import annotations

import io
import re
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 200 * 1024
MAX_PIXELS = 2000

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "defs", "linearGradient", "radialGradient", "stop", "title", "desc",
    "clipPath",
}  # fmt: skip
# <use> is left out on purpose: references that multiply (ten uses of a group of ten
# uses, eight deep) made one report take longer than a worker may live.
MAX_ELEMENTS = 2000
MAX_DEPTH = 24
ALLOWED_ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
    "rx", "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity",
    "transform", "id", "class", "offset", "stop-color", "stop-opacity", "gradientUnits",
    "gradientTransform", "clip-path", "clip-rule", "font-family", "font-size",
    "font-weight", "text-anchor", "version", "preserveAspectRatio", "href",
    "{http://www.w3.org/1999/xlink}href", "style",
}  # fmt: skip
# Only references inside the same document: "#id" or "url(#id)".
_LOCAL_REFERENCE = re.compile(r"^#[A-Za-z0-9_.-]+$")
_ANY_URL = re.compile(r"url\(\s*(?!['\"]?#)", re.IGNORECASE)


class LogoError(ValueError):
    """Why the file cannot be a logo, in words for the owner who uploaded it."""


def checked_logo(data: bytes) -> tuple[bytes, str]:
    """(bytes, media type) of an acceptable logo, or LogoError."""
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"the file is {len(data) // 1024} KB; a logo may be at most 200 KB")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_png(data)
        return data, "image/png"
    _check_svg(data)
    return data, "image/svg+xml"


def _check_png(data: bytes) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise LogoError(f"the PNG cannot be read ({exc})") from None
    if width > MAX_PIXELS or height > MAX_PIXELS:
        raise LogoError(f"the PNG is {width} × {height} pixels; at most {MAX_PIXELS} a side")


def _check_svg(data: bytes) -> None:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise LogoError("the file is neither a PNG nor a well-formed SVG") from None
    if root.tag != f"{SVG_NS}svg":
        raise LogoError("the file is neither a PNG nor an SVG")
    if _depth(root) > MAX_DEPTH:
        raise LogoError(f"an SVG logo may nest at most {MAX_DEPTH} levels deep")
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        raise LogoError(f"an SVG logo may have at most {MAX_ELEMENTS} elements")
    for element in elements:
        name = element.tag.removeprefix(SVG_NS)
        if name not in ALLOWED_ELEMENTS:
            raise LogoError(f"an SVG logo may hold only drawing; it has <{name}>")
        for attribute, value in element.attrib.items():
            _check_attribute(name, attribute, value)


def _depth(element: Any, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level  # deep enough to refuse; no need to walk further
    return max((_depth(child, level + 1) for child in element), default=level)


def _check_attribute(element: str, attribute: str, value: str) -> None:
    if attribute not in ALLOWED_ATTRIBUTES:
        raise LogoError(f"an SVG logo may hold only drawing; <{element}> has {attribute}")
    if attribute.endswith("href") and not _LOCAL_REFERENCE.match(value.strip()):
        raise LogoError("an SVG logo may refer only to its own parts, not to other files")
    if _ANY_URL.search(value):
        raise LogoError("an SVG logo may refer only to its own parts, not to other files")
