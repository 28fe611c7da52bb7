"""firms/logos.py and the firm's logo page: PNGs, SVGs of plain drawing, nothing else."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from firms.logos import LogoError, checked_logo
from firms.models import Firm, Role
from tests.recruiting import firm_of, recruiter, signed_in

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="5" fill="#1f5f99"/></svg>'
)


def _png(width: int = 40, height: int = 20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_png_and_a_plain_svg_are_logos():
    assert checked_logo(_png())[1] == "image/png"
    assert checked_logo(SVG) == (SVG, "image/svg+xml")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (SVG.replace(b"<rect", b"<script>alert(1)</script><rect"), "<script>"),
        (SVG.replace(b"<rect ", b'<rect onload="alert(1)" '), "onload"),
        (SVG.replace(b"<rect", b'<image href="http://evil.example/x.png"/><rect'), "<image>"),
        (SVG.replace(b"<rect", b'<use href="http://evil.example/a.svg#x"/><rect'), "<use>"),
        (SVG.replace(b"<rect", b'<g id="a"><rect/></g><use href="#a"/><rect'), "<use>"),
        (SVG.replace(b'fill="#1f5f99"', b'clip-path="url(http://evil.example/x)"'), "own parts"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 30 + b"</g>" * 30 + b"</svg>",
            "levels deep",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<rect/>" * 2001 + b"</svg>",
            "2000 elements",
        ),
        (SVG.replace(b'fill="#1f5f99"', b'style="fill: url(http://evil.example/x)"'), "own parts"),
        (SVG.replace(b"<rect", b"<foreignObject><p>x</p></foreignObject><rect"), "foreignObject"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "well-formed SVG",
        ),
        (b"<html><body>hi</body></html>", "neither a PNG nor an SVG"),
        (b"\x89PNG\r\n\x1a\nbroken", "cannot be read"),
        (_png(3000, 10), "at most 2000"),
        (b"x" * (201 * 1024), "at most 200 KB"),
    ],
)
def test_anything_else_is_refused_with_its_reason(data, problem):
    with pytest.raises(LogoError, match=problem):
        checked_logo(data)


@pytest.mark.django_db
def test_only_an_owner_sets_the_logo_and_a_bad_one_changes_nothing(live_version):
    owner = recruiter("olga")
    viewer = recruiter("vic", firm_of(owner), Role.VIEWER)
    assert signed_in(viewer).get("/firm/logo/").status_code == 403
    client = signed_in(owner)
    bad = SimpleUploadedFile("logo.svg", SVG.replace(b"<rect", b"<script/><rect"))
    response = client.post("/firm/logo/", {"logo": bad})
    assert response.status_code == 400
    assert "may hold only drawing" in response.content.decode()
    assert not Firm.objects.get().logo
    good = SimpleUploadedFile("logo.png", _png())
    assert client.post("/firm/logo/", {"logo": good}).status_code == 302
    assert Firm.objects.get().logo_type == "image/png"
    assert client.post("/firm/logo/", {"remove": "1"}).status_code == 302
    assert not Firm.objects.get().logo
