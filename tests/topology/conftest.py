"""Two topologies, each started once per session and stopped at its end:

- "single": the single-machine default. nginx, one gunicorn with three workers, SQLite,
  and the database as the shared cache (no Redis).
- "cluster": nginx in front of two gunicorn servers of two workers each, sharing one
  PostgreSQL 15 and one Redis.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from .pieces import (
    LIMITS,
    Topology,
    app_server,
    manage,
    nginx,
    postgres,
    redis,
    server_env,
)
from .visitor import Visitor

RECRUITER_PASSWORD = "topology-pass-4471"
# Production requires recruiters to use two-step sign-in: this one is enrolled already.
RECRUITER_TOTP_KEY = "3132333435363738393031323334353637383930"
_CREATE_RECRUITER = (
    "from django.contrib.auth.models import User\n"
    "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
    f"user = User.objects.create_user('recruiter', 'r@example.com', '{RECRUITER_PASSWORD}')\n"
    f"TOTPDevice.objects.create(user=user, key='{RECRUITER_TOTP_KEY}', confirmed=True)\n"
    # As an operator would: the command makes the firm with this account as its owner.
    "from django.core.management import call_command\n"
    "call_command('create_firm', name='Topology Search', owner_email='r@example.com')\n"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = [
        program for program in ("nginx", "redis-server", "openssl") if not shutil.which(program)
    ]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"not installed: {', '.join(missing)} (.ci/run installs them)")
    for item in items:
        if "topology" in str(item.fspath):
            item.add_marker(skip)


class Topologies:
    """Starts each topology on first use and keeps it for the session."""

    def __init__(self, tmp: pytest.TempPathFactory, stack: ExitStack) -> None:
        self.tmp, self.stack = tmp, stack
        self.started: dict[str, Topology] = {}
        self._static_root: Path | None = None

    def static_root(self) -> Path:
        if self._static_root is None:
            self._static_root = self.tmp.mktemp("static")
            env = server_env("sqlite:///:memory:", None, self._static_root)
            manage(env, "collectstatic", "--noinput")
        return self._static_root

    def get(self, name: str) -> Topology:
        if name not in self.started:
            self.started[name] = self._start(name)
        return self.started[name]

    def _start(self, name: str) -> Topology:
        tmp = self.tmp.mktemp(name)
        if name == "cluster":
            env = server_env(
                self.stack.enter_context(postgres()),
                self.stack.enter_context(redis()),
                self.static_root(),
            )
            count = 2
        else:
            env = server_env(f"sqlite:///{tmp / 'rolefit.sqlite3'}", None, self.static_root())
            env["WEB_CONCURRENCY"] = "3"
            count = 1
        manage(env, "migrate", "--noinput")
        manage(env, "load_question_bank")
        manage(env, "shell", "-c", _CREATE_RECRUITER)
        servers = [self.stack.enter_context(app_server(env, tmp, f"app{i}")) for i in range(count)]
        proxy = self.stack.enter_context(nginx(tmp, [server.port for server in servers]))

        def respawn(index: int) -> None:
            old = servers[index]
            servers[index] = self.stack.enter_context(
                app_server({**env}, tmp, f"app{index}-again", port=old.port)
            )

        return Topology(name, proxy, servers, env, dict(LIMITS), respawn=respawn)


@pytest.fixture(scope="session")
def topologies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topologies]:
    with ExitStack() as stack:
        yield Topologies(tmp_path_factory, stack)


@pytest.fixture(scope="session", params=["single", "cluster"])
def topology(request: pytest.FixtureRequest, topologies: Topologies) -> Topology:
    return topologies.get(request.param)


@pytest.fixture(scope="session")
def cluster(topologies: Topologies) -> Topology:
    return topologies.get("cluster")


@pytest.fixture
def visitor(topology: Topology) -> Callable[..., Visitor]:
    """A new visitor, with an address of its own, talking to nginx over TLS."""

    def make(**options: object) -> Visitor:
        return Visitor(topology.proxy.base, cafile=topology.proxy.certificate, **options)  # type: ignore[arg-type]

    return make
