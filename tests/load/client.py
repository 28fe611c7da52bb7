"""Plain HTTP clients for the load suite: bounded in count and time, loopback only."""

from __future__ import annotations

import hashlib
import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

ANSWERS: dict[str, Any] = {
    "sales_channels": 2,
    "verticals": 3,
    "product_lines": 2,
    "competitors": 8,
    "revenue_model": "mixed",
    "growth_vs_plan": "below",
    "churn_trend": "stable",
    "sales_cycle_trend": "longer",
    "lead_shortage": True,
    "lifecycle_scope": "sales_and_marketing",
}

# The shipped questionnaire's steps, and the keys each one asks.
STEPS = [
    ["sales_channels", "verticals", "product_lines", "competitors"],
    ["revenue_model", "growth_vs_plan", "churn_trend", "sales_cycle_trend", "lead_shortage"],
    ["lifecycle_scope"],
]


def step_form(number: int) -> dict[str, str]:
    """What a browser posts for one step of ANSWERS, then "next"."""
    values = {key: ANSWERS[key] for key in STEPS[number - 1]}
    fields = {
        key: str(value).lower() if isinstance(value, bool) else str(value)
        for key, value in values.items()
    }
    return {**fields, "action": "next"}


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    stored_digests: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int, digest: str | None = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if digest:
                self.stored_digests.add(digest)

    @property
    def ok(self) -> int:
        return sum(n for status, n in self.statuses.items() if 200 <= status < 300)


def submit_via_api(base: str, tally: Tally, language: str = "en") -> None:
    body = json.dumps({"answers": ANSWERS, "language": language}).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{base}/api/v1/assessments", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            result_url = json.load(response)["result_url"]
            token = result_url.rstrip("/").rsplit("/", 1)[-1]
            tally.count(response.status, hashlib.sha256(token.encode()).hexdigest())
    except urllib.error.HTTPError as error:
        tally.count(error.code)
    except OSError:
        tally.count(0)  # the connection died: no answer at all


def hammer(base: str, *, requests: int, clients: int) -> Tally:
    tally = Tally()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(requests):
            pool.submit(submit_via_api, base, tally)
    return tally


class Browser:
    """A cookie-keeping client that fills in the questionnaire like a person would."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken") or ""

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return str(response.read().decode())

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(  # noqa: S310
            self.base + path, data=body, headers={"Referer": self.base + "/"}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

    def start_and_answer(self) -> str:
        self.get("/")
        status, location = self.post("/start/", {"business_unit": "Load"})
        assert status == 302, status
        token = re.fullmatch(r"/a/([^/]+)/step/1/", location).group(1)  # type: ignore[union-attr]
        for number in range(1, len(STEPS) + 1):
            status, _ = self.post(f"/a/{token}/step/{number}/", step_form(number))
            assert status == 302, status
        return token


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
