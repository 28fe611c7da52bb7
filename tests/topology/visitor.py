"""A visitor with an address of its own: an HTTP(S) client bound to one loopback address
(127.0.0.0/8 all reach this machine), so nginx sees each visitor as a different client."""

from __future__ import annotations

import http.client
import itertools
import json
import re
import ssl
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from tests.load.client import ANSWERS, STEPS, step_form

_next_address = itertools.count(1)


def new_address() -> str:
    """A loopback address no other visitor of this session has used."""
    n = next(_next_address)
    return f"127.1.{n // 250}.{n % 250 + 1}"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def json(self) -> Any:
        return json.loads(self.body)


class Visitor:
    def __init__(
        self,
        base: str,
        *,
        address: str | None = None,
        cafile: Path | None = None,
        cookies: dict[str, str] | None = None,
        forwarded_for: str | None = None,
    ) -> None:
        parts = urllib.parse.urlsplit(base)
        self.base, self.cafile = base, cafile
        self.secure = parts.scheme == "https"
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port
        self.address = address or new_address()
        self.cookies: dict[str, str] = dict(cookies or {})
        # Straight to gunicorn, a test plays the proxy's part and says who the client is.
        self.proxy_headers = (
            {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"}
            if forwarded_for
            else {}
        )

    def at(self, base: str, *, forwarded_for: str | None = None) -> Visitor:
        """The same person, with the same cookies, talking to another server."""
        return Visitor(
            base,
            address=self.address,
            cafile=self.cafile,
            cookies=self.cookies,
            forwarded_for=forwarded_for,
        )

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        connection: http.client.HTTPConnection
        if self.secure:
            context = ssl.create_default_context(cafile=str(self.cafile))
            connection = http.client.HTTPSConnection(
                self.host, self.port, context=context, source_address=(self.address, 0), timeout=60
            )
        else:
            connection = http.client.HTTPConnection(
                self.host, self.port, source_address=(self.address, 0), timeout=60
            )
        sent = {"Host": "127.0.0.1", **self.proxy_headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, data: dict[str, str]) -> Response:
        if "csrftoken" not in self.cookies:
            self.get("/")  # the landing page always hands out the CSRF cookie
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
        # The browser's origin as production sees it: nginx passes the host without the
        # test's port, as it would on 443.
        return self.request(
            "POST",
            path,
            body.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "https://127.0.0.1",
                "Referer": "https://127.0.0.1/",
            },
        )

    def post_json(self, path: str, payload: object, **headers: str) -> Response:
        return self.request(
            "POST",
            path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", **headers},
        )

    def answer_everything(self) -> str:
        """Start an assessment and answer every step; returns the resume token."""
        self.get("/")
        started = self.post_form("/start/", {"business_unit": "Topology"})
        assert started.status == 302, started.status
        match = re.fullmatch(r"/a/([^/]+)/step/1/", started.location)
        assert match, started.location
        token = match.group(1)
        for number in range(1, len(STEPS) + 1):
            saved = self.post_form(f"/a/{token}/step/{number}/", step_form(number))
            assert saved.status == 302, saved.status
        return token

    def submit(self, resume_token: str) -> str:
        """Submit a finished draft; returns the owner page's path."""
        submitted = self.post_form(f"/a/{resume_token}/review/", {})
        assert submitted.status == 302, submitted.status
        assert submitted.location.startswith("/o/"), submitted.location
        return submitted.location


def api_submission() -> dict[str, Any]:
    return {"answers": ANSWERS, "language": "en"}
