"""integrations/endpoints.py: which addresses may be webhook endpoints, checked when one
is added (the form and the API alike) and again after DNS at each delivery."""

import ipaddress

import pytest

from integrations.endpoints import MAX_ENDPOINTS, firm_problem, is_public, url_problem
from tests.recruiting import firm_of, recruiter


@pytest.fixture(autouse=True)
def _no_private(settings):
    settings.RF_WEBHOOKS_ALLOW_PRIVATE = False


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://a..b/", "is not a URL"),
        ("https://" + "a" * 64 + ".com/", "is not a URL"),
        ("https://hooks.example.com/a\r\nX-Injected: 1", "must be one line"),
        ("https://hooks.example.com/a b", "must be one line"),
        ("https://hooks.example.com/\u202ecod.exe", "must be one line"),
        ("https://hooks.example.com/\x85", "must be one line"),
        ("http://hooks.example.com/", "must start with https://"),
        ("https://user:pw@hooks.example.com/", "must not carry a user name"),
        ("https://127.0.0.1:9443/", "points to a private"),
        ("https://169.254.169.254/latest", "points to a private"),
        ("https://[::1]/", "points to a private"),
        ("https://[::ffff:127.0.0.1]/", "points to a private"),
        ("https://[64:ff9b::7f00:1]/", "points to a private"),
        ("https://[2002:7f00:1::]/", "points to a private"),
    ],
)
def test_bad_addresses_are_refused_with_a_reason(url, problem):
    assert (url_problem(url) or "").startswith(problem)


@pytest.mark.parametrize(
    "url",
    ["https://hooks.example.com/rolefit?x=1", "https://93.184.216.34/x", "https://[2606:4700::1]/"],
)
def test_public_addresses_pass(url):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("10.1.2.3", False),
        ("::ffff:10.1.2.3", False),
        ("64:ff9b::a01:203", False),  # NAT64 of 10.1.2.3
        ("64:ff9b::5db8:d822", True),  # NAT64 of 93.184.216.34
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1
        ("ff02::1", False),
    ],
)
def test_an_address_is_public_only_with_what_it_carries_inside(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_a_firm_adds_an_address_once_and_at_most_ten(db, live_version):
    from integrations import endpoints

    firm = firm_of(recruiter("olga"))
    endpoints.create(firm, "https://hooks.example.com/0", ["engagement.created"])
    assert (
        firm_problem(firm, "https://hooks.example.com/0") == "is already an endpoint of this firm"
    )
    for number in range(1, MAX_ENDPOINTS):
        endpoints.create(firm, f"https://hooks.example.com/{number}", ["engagement.created"])
    assert "at most 10" in (firm_problem(firm, "https://hooks.example.com/new") or "")
