"""`make bench`: RoleFit under real HTTP load, reported as ratios to /healthz.

Starts gunicorn with production settings on SQLite (in a scratch folder, the database
as the shared cache: the one-machine default) and on PostgreSQL with Redis as the
shared cache, as docs/deploy.md deploys it (a scratch database `rolefit_bench` on the
server of BENCH_POSTGRES_URL, dropped afterwards, and a scratch redis-server), loads
every page of the flow with wrk (16 connections), measures page weight over the wire,
times the scoring engine, the impact preview, the purge, Insights at a million results
and the backtest, and writes docs/performance.md, with the raw figures in
docs/performance.json and the previous run's beside them. Figures are ratios against
/healthz measured in the same run, because these machines are shared and noisy.

BENCH_PARTS=http runs the HTTP part alone (on both databases) while iterating; the
report then keeps the other sections' figures from the previous run, and says so.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from http_part import http_figures, postgres_database, psql
from offline import (
    backtest_figures,
    insights_figures,
    preview_figures,
    purge_figures,
    scoring_figures,
)
from report import render
from server import ROOT, free_port, production_env

POSTGRES_URL = "postgres://rolefit:rolefit@127.0.0.1:5432/rolefit"
REPORT = ROOT / "docs" / "performance.md"
FIGURES = ROOT / "docs" / "performance.json"


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("make bench needs wrk: apt-get install wrk")
    parts = os.environ.get("BENCH_PARTS", "all")
    previous = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    previous_report = REPORT.read_text() if REPORT.exists() else ""
    figures: dict[str, Any] = {"http": {}}
    with tempfile.TemporaryDirectory(prefix="rolefit-bench-") as scratch:
        env = production_env(Path(scratch))
        print("SQLite: preparing and loading every page…", flush=True)
        rows, figures["weight"] = http_figures(env)
        figures["http"]["sqlite"] = rows
        # BENCH_DATABASES=sqlite skips PostgreSQL while iterating.
        if "postgresql" in os.environ.get("BENCH_DATABASES", "sqlite,postgresql"):
            figures["http"]["postgresql"] = _on_postgres(Path(scratch))
        # The HTTP figures are written at once, so a failure further on keeps them.
        _write(figures, previous, previous_report)
        if parts == "all":
            offline = Path(scratch)
            for key, message, measure in (
                (
                    "preview",
                    "Seeding 100,000 demo assessments for the impact preview",
                    lambda: preview_figures(env, offline),
                ),
                (
                    "purging",
                    "Timing the retention purge on that database",
                    lambda: purge_figures(env, offline),
                ),
                (
                    "insights",
                    "Seeding a million results and timing Insights on them",
                    lambda: insights_figures(env),
                ),
                (
                    "backtesting",
                    "Recording 100,000 outcomes and timing the backtest",
                    lambda: backtest_figures(env),
                ),
                ("scoring", "Timing the scoring engine on 100,000 answer sets", scoring_figures),
            ):
                print(f"{message}…", flush=True)
                try:
                    figures[key] = measure()
                except (subprocess.CalledProcessError, RuntimeError, ValueError) as exc:
                    # The section keeps the previous run's figures, marked as such.
                    print(f"  failed, previous figures kept: {exc}", flush=True)
                    if isinstance(exc, subprocess.CalledProcessError):
                        print(exc.stderr, flush=True)
    print(_write(figures, previous, previous_report))


def _write(figures: dict[str, Any], previous: dict[str, Any], previous_report: str) -> str:
    report = render(figures, previous, previous_report)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report)
    # Offline sections not re-measured keep their previous figures in the JSON too.
    kept = {key: value for key, value in previous.items() if key not in figures}
    FIGURES.write_text(json.dumps({**kept, **figures}, indent=1) + "\n")
    return report


def _on_postgres(scratch: Path) -> list[tuple[str, dict[str, float]]]:
    """The same HTTP part on a scratch PostgreSQL database, dropped afterwards."""
    url = os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL)
    bench_url, name = postgres_database(url)
    try:
        psql(url, f"DROP DATABASE IF EXISTS {name}")
        psql(url, f"CREATE DATABASE {name}")
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        raise SystemExit(f"PostgreSQL at {url} is not reachable ({exc}); start it first") from exc
    env = production_env(scratch)
    env["DATABASE_URL"] = bench_url
    try:
        with _redis() as cache_url:
            env["CACHE_URL"] = cache_url
            print("PostgreSQL and Redis: preparing and loading every page…", flush=True)
            rows, _weight = http_figures(env)
    finally:
        psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return rows


@contextmanager
def _redis() -> Iterator[str]:
    """A scratch redis-server on a free port, keeping nothing on disk."""
    if shutil.which("redis-server") is None:
        raise SystemExit("make bench needs redis-server: apt-get install redis-server")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    server = subprocess.Popen([*command, "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("redis-server did not start within 10 seconds") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
