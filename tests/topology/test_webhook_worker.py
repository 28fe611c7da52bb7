"""The webhook worker as shipped (deploy/rolefit-webhooks.service), killed with SIGKILL
in the middle of a send: the delivery is not lost, and its next send keeps its id."""

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.integrations.receiver import Receiver, receiving

from .pieces import ROOT, Topology, manage, unit_command

pytestmark = pytest.mark.topology
# Longer than a send can take (10 s), short enough for a test to wait out.
LEASE_SECONDS = 15

_QUEUE_ONE_EVENT = (
    "from firms.models import Firm\n"
    "from integrations import delivery, endpoints\n"
    "firm = Firm.objects.get(name='Topology Search')\n"
    "endpoints.create(firm, {url!r}, ['engagement.created'])\n"
    "delivery.emit(firm.pk, 'engagement.created', {{'engagement': {{'id': 'kill-test'}}}})\n"
)


@contextmanager
def webhook_worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as sink:
        process = subprocess.Popen(
            unit_command("rolefit-webhooks.service"),
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _wait(what: str, done, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.2)


def _delivery(topology: Topology, webhook_id: str) -> tuple[str, int]:
    ((status, attempts),) = topology.sql(
        "SELECT status, attempts FROM integrations_webhookdelivery WHERE webhook_id = %s",
        webhook_id,
    )
    return status, attempts


def test_a_worker_killed_mid_send_loses_nothing(topology: Topology, tmp_path: Path) -> None:
    env = {
        **topology.env,
        "RF_WEBHOOKS_ALLOW_PRIVATE": "1",
        "RF_WEBHOOK_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    log = tmp_path / "webhooks.log"
    receiver: Receiver
    with receiving() as receiver:
        # The first request is held long enough for the worker to die holding it.
        receiver.answers.append((200, 4.0))
        manage(env, "shell", "-c", _QUEUE_ONE_EVENT.format(url=receiver.url))
        with webhook_worker(env, log) as worker:
            _wait("the first send", lambda: receiver.received, 30)
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        webhook_id = receiver.received[0].headers["webhook-id"]
        assert _delivery(topology, webhook_id) == ("pending", 0), "the kill left it unsent"

        # systemd restarts the unit; its sweeper frees the delivery once the lease is out.
        with webhook_worker(env, log):
            _wait(
                "the delivery after the restart",
                lambda: _delivery(topology, webhook_id)[0] == "delivered",
                LEASE_SECONDS * 4,
            )
    ids = [request.headers["webhook-id"] for request in receiver.received]
    assert ids == [webhook_id, webhook_id], log.read_text()[-2000:]
    assert _delivery(topology, webhook_id) == ("delivered", 1)
