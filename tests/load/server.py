"""A real RoleFit under gunicorn, on a scratch database of its own, for the load suite.

The load tests talk to it over HTTP only and read the database directly to count what
was stored, so nothing here goes through pytest-django's test database.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    base: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_a_worker(self) -> int:
        victim = self.workers()[0]
        os.kill(victim, signal.SIGKILL)
        return victim

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite"):
            with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as connection:
                return connection.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(_libpq(url)) as connection:
            return connection.execute(sql).fetchall()


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def scratch_database(tmp: Path) -> Iterator[str]:
    """SQLite in a temp folder, or a new database beside the one DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp / 'load.sqlite3'}"
        return
    import psycopg

    name = f"rolefit_load_{secrets.token_hex(4)}"
    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(_libpq(url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _drop_when_free(url, name)


def _drop_when_free(url: str, name: str) -> None:
    """Drop the scratch database once the server's connections are gone. A killed
    worker's backend can linger a moment, and ending it may need rights we lack, so
    wait and retry; a leftover scratch database is harmless, so never fail the test."""
    import psycopg

    for _ in range(20):
        try:
            with psycopg.connect(_libpq(url), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except psycopg.Error:
            time.sleep(0.5)


@contextmanager
def running_server(tmp: Path, static_root: Path, workers: int = 4) -> Iterator[Server]:
    with scratch_database(tmp) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_ACCESS_LOG": "",
            "RF_API_LIMIT_PER_MINUTE": "1000000",
            "RF_START_LIMIT_PER_HOUR": "1000000",
            "RF_SUBMIT_LIMIT_PER_HOUR": "1000000",
            "DJANGO_STATIC_ROOT": str(static_root),
        }
        for command in (["migrate", "--noinput"], ["load_question_bank"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        port = _free_port()
        log = tmp / "gunicorn.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "rolefit.wsgi",
                    "--config",
                    "python:rolefit.gunicorn_conf",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        server = Server(f"http://127.0.0.1:{port}", env, process, log)
        try:
            _wait_until_up(server)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{server.base}/healthz", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start: {server.log.read_text()[-2000:]}")


def collect_static(root: Path) -> None:
    """What a deploy does before gunicorn starts: hashed, compressed static files."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_STATIC_ROOT": str(root),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
