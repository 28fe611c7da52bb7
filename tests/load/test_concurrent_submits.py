"""50 clients submit 2,000 assessments through gunicorn: no 5xx, no lock errors, none lost."""

import pytest

from .client import hammer
from .server import running_server

pytestmark = pytest.mark.load


def test_concurrent_submits_are_all_stored(tmp_path, static_root):
    with running_server(tmp_path, static_root) as server:
        tally = hammer(server.base, requests=2000, clients=50)
        stored = server.query("SELECT result_token_digest FROM assessments_assessment")
        log = server.log.read_text()
    assert tally.statuses == {201: 2000}, tally.statuses
    assert len(stored) == tally.ok
    assert {row[0] for row in stored} == tally.stored_digests
    assert "database is locked" not in log
    assert "Traceback" not in log
