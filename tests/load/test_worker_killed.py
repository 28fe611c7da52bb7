"""A gunicorn worker killed with SIGKILL mid-load: every 2xx is stored, and serving goes on."""

import threading
import time
import urllib.request

import pytest

from .client import hammer
from .server import running_server

pytestmark = pytest.mark.load


def test_a_killed_worker_loses_no_acknowledged_submit(tmp_path, static_root):
    with running_server(tmp_path, static_root) as server:
        killed: list[int] = []

        def kill_soon() -> None:
            time.sleep(1.0)
            killed.append(server.kill_a_worker())

        killer = threading.Thread(target=kill_soon)
        killer.start()
        tally = hammer(server.base, requests=600, clients=20)
        killer.join()
        stored = {
            row[0] for row in server.query("SELECT result_token_digest FROM assessments_assessment")
        }
        with urllib.request.urlopen(f"{server.base}/healthz", timeout=10) as response:  # noqa: S310
            still_serving = response.status
        workers_after = server.workers()
    assert killed, "a worker was killed during the load"
    assert tally.stored_digests <= stored, "every acknowledged submit is in the database"
    assert tally.ok >= 500
    assert not any(500 <= status < 600 for status in tally.statuses), tally.statuses
    assert still_serving == 200
    assert killed[0] not in workers_after
