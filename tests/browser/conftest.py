"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live
server. No browser is ever downloaded; if Chromium is missing the suite fails and says so."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session", autouse=True)
def _sync_database_beside_playwright() -> Iterator[None]:
    # Playwright's sync API runs an event loop in the test thread; the test's own
    # database calls (and pytest-django's flush after each test) are still ordinary
    # synchronous Django. Set for the browser tests, removed when the session ends.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            "Chromium was not found at /usr/bin/chromium. Install Debian's package with "
            "`apt-get install chromium`; the browser tests never download a browser.",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
        ],
    }


class Watcher:
    """Collects console errors, page errors and CSP violations; a journey expects none."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.expected: list[str] = []

    def expect(self, fragment: str) -> None:
        """A journey that opens a dead link on purpose expects the browser to log it."""
        self.expected.append(fragment)

    def attach(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        return page

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            if any(fragment in message.text for fragment in self.expected):
                return
            self.problems.append(f"console {message.type}: {message.text}")


@pytest.fixture
def watcher() -> Watcher:
    return Watcher()


@pytest.fixture
def open_page(browser: Any, live_server: Any, watcher: Watcher, live_version: Any) -> Iterator[Any]:
    """Open a fresh browser context in a language; every page it makes is watched."""
    contexts: list[BrowserContext] = []

    def opener(language: str = "en", **options: Any) -> Page:
        context = browser.new_context(
            locale="es-ES" if language == "es" else "en-GB", base_url=live_server.url, **options
        )
        contexts.append(context)
        return watcher.attach(context.new_page())

    yield opener
    for context in contexts:
        context.close()
    assert watcher.problems == [], watcher.problems


AXE = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core on the page as it stands: no violation of serious or critical impact."""
    results = AXE.run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
    CHECKED_PAGES.add(page.url.split("?")[0])


CHECKED_PAGES: set[str] = set()
