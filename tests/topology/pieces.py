"""The production topology, started for real: nginx with the shipped config, gunicorn
with the shipped unit's command line, a private PostgreSQL 15 cluster and Redis.

Each piece is a context manager that starts a Debian-packaged server on loopback, waits
until it answers, and stops it, so nothing outlives the test session.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(what: str, ready: Any, *, log: Path | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not start\n{tail}")


def _port_open(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=1):
        return True


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root; CI runs as root, a developer may not."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL 15 cluster of its own, on a free port."""
    data = Path(tempfile.mkdtemp(prefix="rolefit-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    log = data / "server.log"
    subprocess.run(
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(data / "db"), "-U", "rolefit", "-A", "trust"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=200"
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data / "db"),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "rolefit",
                "rolefit",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgres://rolefit@127.0.0.1:{port}/rolefit"
    finally:
        subprocess.run(
            [
                *_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate"]),
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def redis() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for("redis", lambda: _port_open(port))
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def manage(env: dict[str, str], *args: str) -> str:
    """`rolefit <command>`, the console entry point an operator uses."""
    done = subprocess.run(
        [sys.executable, "-m", "rolefit", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"rolefit {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def unit_command(unit: str) -> list[str]:
    """ExecStart of a shipped systemd unit, with the venv's path swapped for this one's."""
    text = (DEPLOY / unit).read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)
    assert line, f"{unit} has no ExecStart"
    program, *args = shlex.split(line.group(1))
    name = Path(program).name
    if name == "gunicorn":
        return [sys.executable, "-m", "gunicorn", *args]
    assert name == "rolefit", program
    return [sys.executable, "-m", "rolefit", *args]


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once, as a crashed machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@contextmanager
def app_server(
    env: dict[str, str], tmp: Path, name: str, *, port: int | None = None
) -> Iterator[AppServer]:
    port = port or free_port()
    log = tmp / f"{name}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            unit_command("rolefit.service"),
            cwd=tmp,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so kill() takes every worker
        )
    server = AppServer(port, process, log)
    try:
        _wait_for(
            f"gunicorn {name}",
            lambda: urllib.request.urlopen(f"{server.base}/healthz", timeout=2).status == 200,  # noqa: S310
            log=log,
        )
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Proxy:
    https_port: int
    http_port: int
    certificate: Path
    access_log: Path

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"


def shipped_nginx_site(
    *, upstreams: list[int], http_port: int, https_port: int, cert: Path, key: Path, log: Path
) -> str:
    """deploy/nginx.conf with only its "# EDIT" lines changed for this machine."""
    servers = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in upstreams
    )
    replacements = [
        (r"^\s*server 127\.0\.0\.1:8000 .*# EDIT$", servers),
        (r"^(\s*)listen 80;\s*# EDIT$", rf"\1listen 127.0.0.1:{http_port};"),
        (r"^(\s*)listen 443 ssl http2;\s*# EDIT$", rf"\1listen 127.0.0.1:{https_port} ssl http2;"),
        (r"^(\s*)server_name .*# EDIT$", r"\1server_name 127.0.0.1 localhost;"),
        (r"^(\s*)ssl_certificate .*# EDIT$", rf"\1ssl_certificate {cert};"),
        (r"^(\s*)ssl_certificate_key .*# EDIT$", rf"\1ssl_certificate_key {key};"),
        (r"^(\s*)access_log .*# EDIT$", rf"\1access_log {log} rolefit;"),
    ]
    site = (DEPLOY / "nginx.conf").read_text()
    for pattern, replacement in replacements:
        site, count = re.subn(pattern, replacement, site, flags=re.MULTILINE)
        assert count, f"deploy/nginx.conf no longer has a line matching {pattern}"
    left = re.findall(r"^.*# EDIT$", site, flags=re.MULTILINE)
    assert not left, f"lines of deploy/nginx.conf the test does not fill in: {left}"
    return site


@contextmanager
def nginx(tmp: Path, upstreams: list[int]) -> Iterator[Proxy]:
    """Debian's nginx in the foreground, with the shipped site inside a minimal http{}."""
    folder = tmp / "nginx"
    (folder / "temp").mkdir(parents=True)
    cert, key = self_signed_certificate(folder)
    proxy = Proxy(free_port(), free_port(), cert, folder / "access.log")
    site = folder / "rolefit.conf"
    site.write_text(
        shipped_nginx_site(
            upstreams=upstreams,
            http_port=proxy.http_port,
            https_port=proxy.https_port,
            cert=cert,
            key=key,
            log=proxy.access_log,
        )
    )
    user = "user root;" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"""{user}
worker_processes 2;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {folder}/temp/body;
    proxy_temp_path {folder}/temp/proxy;
    fastcgi_temp_path {folder}/temp/fastcgi;
    uwsgi_temp_path {folder}/temp/uwsgi;
    scgi_temp_path {folder}/temp/scgi;
    include {site};
}}
"""
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(main), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "stderr.log").open("wb"),
    )
    try:
        _wait_for("nginx", lambda: _port_open(proxy.https_port), log=folder / "stderr.log")
        yield proxy
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Topology:
    """What the tests see: the proxy, the app servers behind it, and the database."""

    name: str
    proxy: Proxy
    servers: list[AppServer]
    env: dict[str, str]
    settings: dict[str, int] = field(default_factory=dict)
    respawn: Callable[[int], None] = lambda index: None

    def sql(self, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite"):
            with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as connection:
                return connection.execute(statement.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as connection:
            cursor = connection.execute(statement, params)
            return cursor.fetchall() if cursor.description else []


LIMITS = {
    "RF_TOKEN_MISS_LIMIT": 40,
    "RF_START_LIMIT_PER_HOUR": 12,
    "RF_API_LIMIT_PER_MINUTE": 60,
    "RF_SUBMIT_LIMIT_PER_HOUR": 120,
}


def server_env(database_url: str, cache_url: str | None, static_root: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "RF_", "CACHE_URL", "DATABASE_URL", "GUNICORN"))
    }
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_STATIC_ROOT": str(static_root),
            "RF_PROXY_COUNT": "1",
            "WEB_CONCURRENCY": "2",
            **{key: str(value) for key, value in LIMITS.items()},
        }
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env
