"""rolefit/clientip.py: every limit keys on the client's address, counted from the right
of X-Forwarded-For past the trusted proxies, so a client cannot name itself."""

import pytest
from django.test import RequestFactory

from rolefit import tokens
from rolefit.clientip import client_address
from tests.flow import owner_path, submitted

NGINX = "127.0.0.1"


def _address(xff: str | None, *, peer: str = NGINX) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=peer)
    if xff is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = xff
    return client_address(request)


@pytest.mark.parametrize(
    ("proxies", "xff", "expected"),
    [
        (0, None, NGINX),
        (0, "198.51.100.7", NGINX),  # no proxy configured: the header is ignored
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "8.8.8.8, 198.51.100.7", "198.51.100.7"),  # a spoofed entry on the left
        (1, "garbage, 198.51.100.7", "198.51.100.7"),
        (1, "2001:db8::5", "2001:db8::5"),
        (1, "not an address", "unreadable:not an address"),  # never pooled with nginx
        (1, '"', NGINX),  # a lone quote (nothing before the proxy's entry)
        (2, "198.51.100.7, 10.0.0.9", "198.51.100.7"),  # load balancer, then nginx
        (2, "8.8.8.8, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "10.0.0.9", NGINX),  # skipped the first proxy: never trust what it says
        (1, '", 198.51.100.7', "198.51.100.7"),  # a quote cannot swallow the proxy's entry
        (1, '"8.8.8.8, 198.51.100.7', "198.51.100.7"),
    ],
)
def test_the_client_is_counted_from_the_right(settings, proxies, xff, expected):
    settings.RF_PROXY_COUNT = proxies
    assert _address(xff) == expected


@pytest.mark.django_db
def test_behind_the_proxy_one_guesser_never_locks_out_another(client, live_version, settings):
    settings.RF_PROXY_COUNT = 1
    settings.RF_TOKEN_MISS_LIMIT = 3
    token = submitted(client)
    guesser = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(3):
        assert client.get(f"/r/{tokens.new_token()}/", **guesser).status_code == 404
    assert client.get(f"/r/{tokens.new_token()}/", **guesser).status_code == 429
    owner = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.get(owner_path(token), **owner).status_code == 200
    # Naming someone else on the left of the header changes nothing.
    spoofed = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.9, 203.0.113.66"}
    assert client.get(owner_path(token), **spoofed).status_code == 429


@pytest.mark.django_db
def test_sign_in_lockouts_key_on_the_same_address(client, live_version, settings):
    from axes.models import AccessAttempt

    from tests.recruiting import recruiter

    settings.RF_PROXY_COUNT = 1
    recruiter("alice")
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "alice", "password": "wrong"},
            REMOTE_ADDR=NGINX,
            HTTP_X_FORWARDED_FOR="203.0.113.66",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.66"}


def test_axes_gets_an_ip_address_or_none(settings):
    from rolefit.clientip import client_ip

    settings.RF_PROXY_COUNT = 1
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=NGINX)) == NGINX
    request = RequestFactory().get("/", REMOTE_ADDR=NGINX)
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert client_ip(request) is None
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) is None
