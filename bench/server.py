"""gunicorn with production settings, loaded by wrk, and the page weight over the wire."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CONNECTIONS = 16
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ANSWERS = {
    "sales_channels": 3,
    "verticals": 2,
    "product_lines": 4,
    "competitors": 12,
    "revenue_model": "recurring",
    "growth_vs_plan": "below",
    "churn_trend": "rising",
    "sales_cycle_trend": "stable",
    "lead_shortage": True,
    "lifecycle_scope": "full_lifecycle",
}


def production_env(scratch: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUNICORN_ACCESS_LOG": "",
        # The benchmark is one client hammering the server: lift the per-client limits.
        "RF_API_LIMIT_PER_MINUTE": "100000000",
        "RF_START_LIMIT_PER_HOUR": "100000000",
        "RF_SUBMIT_LIMIT_PER_HOUR": "100000000",
    }
    # SQLite here; bench/run.py points a copy of this environment at PostgreSQL.
    env["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    env.pop("CACHE_URL", None)
    # As on a server without Node.js: nothing at deploy or run time may depend on it.
    env["PATH"] = os.pathsep.join(
        folder
        for folder in env.get("PATH", "").split(os.pathsep)
        if not (Path(folder) / "node").exists()
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return completed.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    all_headers = {"X-Forwarded-Proto": "https", **(headers or {})}
    req = urllib.request.Request(url, data=body, headers=all_headers)
    return urllib.request.urlopen(req, timeout=10)


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            PYTHON,
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            request(f"http://127.0.0.1:{port}/healthz").read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start within 30 seconds")


def wrk(
    url: str,
    script: Path | None = None,
    *,
    headers: list[str] | None = None,
    script_args: list[str] | None = None,
    seconds: int = SECONDS,
) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    for header in ["X-Forwarded-Proto: https", *(headers or [])]:
        command += ["-H", header]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    for label, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()  # type: ignore[union-attr]
        figures[key] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = float(errors.group(1)) if errors else 0.0
    figures["requests"] = float(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return figures


def page_weight(base: str, path: str) -> dict[str, int]:
    """Bytes over the wire for a first visit (HTML and every asset) and a repeat visit."""
    encodings = {"Accept-Encoding": "br, gzip"}
    html = request(base + path, headers=encodings).read()
    text = request(base + path).read().decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', text)
    asset_bytes = 0
    immutable = True
    for asset in assets:
        response = request(base + asset, headers=encodings)
        asset_bytes += len(response.read())
        immutable &= "immutable" in response.headers.get("Cache-Control", "")
    return {
        "html": len(html),
        "assets": asset_bytes,
        "first_visit": len(html) + asset_bytes,
        # Hashed static files are immutable, so a repeat visit fetches the HTML alone.
        "repeat_visit": len(html) if immutable else len(html) + asset_bytes,
        "asset_count": len(assets),
    }
