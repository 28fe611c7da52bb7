"""No log line written by nginx, gunicorn or Django holds a working capability link: the
tokens in paths and in Referer headers are cut to six characters in every log."""

import secrets
import time
from collections.abc import Callable

import pytest

from .pieces import Topology
from .visitor import Visitor

pytestmark = pytest.mark.topology


def test_tokens_never_reach_a_log(topology: Topology, visitor: Callable[..., Visitor]) -> None:
    owner = visitor()
    resume = owner.answer_everything()
    owner_path = owner.submit(resume)
    owner_token = owner_path.split("/")[2]
    unknown = secrets.token_urlsafe(24)
    referer = f"https://127.0.0.1/o/{owner_token}/"
    assert owner.get(owner_path, Referer=referer).status == 200
    assert owner.get(f"/r/{unknown}/", Referer=referer).status == 404  # Django logs 404s
    # The same page with the token's first character escaped, as a client may send it.
    escaped = f"/o/%{ord(owner_token[0]):02X}{owner_token[1:]}/"
    assert owner.get(escaped).status == 200
    time.sleep(0.5)  # access logs are written after the response

    logs = [server.log for server in topology.servers] + [topology.proxy.access_log]
    text = "\n".join(log.read_text(errors="replace") for log in logs)
    assert f"/o/{owner_token[:6]}" in text, "requests are still logged, redacted"
    for token in (resume, owner_token, unknown):
        assert token[1:] not in text
