"""The API reference page (/api/v1/docs) works under the strict CSP, from our own static
files: the operations show, and the browser logs no violation or error."""

from playwright.sync_api import expect


def test_the_api_reference_renders_under_the_strict_csp(open_page):
    page = open_page("en")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/engagements").first).to_be_visible()
    expect(page.get_by_text("/api/v1/assessments").first).to_be_visible()
    base = page.url.split("/api/")[0]
    assert all(url.startswith(base) or url.startswith("data:") for url in requested), requested
