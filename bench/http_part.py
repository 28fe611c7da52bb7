"""The HTTP part of `make bench`, on one database: gunicorn with production settings,
every page of the flow loaded by wrk, ratios against /healthz in the same run."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from fixtures import FIXTURES
from server import (
    ANSWERS,
    ROOT,
    SECONDS,
    free_port,
    manage,
    page_weight,
    request,
    start_server,
    wrk,
)

# Enough never-opened results that the cache-miss pass never comes back to one.
MISSES = 8000
DRAFTS = 200
ENGAGEMENTS = 1000
PATHS_SCRIPT = ROOT / "bench" / "paths.lua"
STEP_ONE = {
    "sales_channels": "3",
    "verticals": "2",
    "product_lines": "4",
    "competitors": "12",
    "action": "next",
}


def http_figures(env: dict[str, str]) -> tuple[list[tuple[str, dict[str, float]]], dict[str, int]]:
    """Rows of (endpoint, figures) in report order, and the result page's weight."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_question_bank")
    manage(env, "collectstatic", "--noinput")
    made = json.loads(
        manage(
            env,
            "shell",
            "-c",
            FIXTURES
            % {
                "answers": json.dumps(ANSWERS),
                "misses": MISSES,
                "drafts": DRAFTS,
                "engagements": ENGAGEMENTS,
            },
        ).splitlines()[-1]
    )
    if env["DATABASE_URL"].startswith("postgres"):
        # In production autovacuum keeps the planner's statistics; right after this bulk
        # load it has not run yet, and the plans would be those of empty tables.
        subprocess.run(
            ["psql", env["DATABASE_URL"], "-qc", "ANALYZE"], check=True, capture_output=True
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(env, port)
    try:
        with tempfile.TemporaryDirectory(prefix="rolefit-wrk-") as folder:
            rows = _load_all(base, made, Path(folder))
        weight = page_weight(base, made["result"])
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows, weight


def _load_all(base: str, made: dict[str, Any], folder: Path) -> list[tuple[str, dict[str, float]]]:
    drafts = _lines(folder / "drafts.txt", made["drafts"])
    misses = _lines(folder / "misses.txt", made["misses"])
    csrf = secrets.token_hex(16)  # a bare 32-character secret, as the cookie holds it
    body = folder / "step.txt"
    fields = {**STEP_ONE, "csrfmiddlewaretoken": csrf}
    body.write_text("&".join(f"{key}={value}" for key, value in fields.items()))
    form_headers = [
        f"Cookie: csrftoken={csrf}",
        "Content-Type: application/x-www-form-urlencoded",
        f"Origin: {base.replace('http:', 'https:')}",
        f"Referer: {base.replace('http:', 'https:')}/",
    ]
    signed_in = [f"Cookie: sessionid={made['session']}"]
    # Warm the one result and the shared page: the hit passes measure a warm cache.
    for path in (made["result"], made["shared"], made["owner"]):
        request(base + path).read()
    targets: list[tuple[str, str, list[str], list[str]]] = [
        ("/healthz (baseline)", "/healthz", [], []),
        ("questionnaire step GET", "/", ["--", str(drafts), "GET"], []),
        ("questionnaire step POST", "/", ["--", str(drafts), "POST", str(body)], form_headers),
        ("submit API", "/api/v1/assessments", [], []),
        ("results page, cache hit", made["result"], [], []),
        ("results page, cache miss", "/", ["--", str(misses), "GET"], []),
        ("shared page", made["shared"], [], []),
        ("owner page", made["owner"], [], []),
        (f"recruiter dashboard, {ENGAGEMENTS:,} engagements", "/recruiter/", [], signed_in),
    ]
    # BENCH_PAGES=dashboard,owner loads /healthz and the pages whose names contain those.
    wanted = [w for w in os.environ.get("BENCH_PAGES", "").split(",") if w]
    # /healthz first: every page is compared with the /healthz passes on either side.
    assert targets[0][1] == "/healthz"
    rows = []
    healthz_passes: list[float] = []
    for name, path, script_args, headers in targets:
        if wanted and not name.startswith("/healthz") and not any(w in name for w in wanted):
            continue
        script = None
        if name == "submit API":
            script = ROOT / "bench" / "submit.lua"
        elif script_args:
            script = PATHS_SCRIPT
        print(f"  {name} for {SECONDS}s…", flush=True)
        figures = wrk(base + path, script, headers=headers, script_args=script_args[1:])
        if name.startswith("results page, cache miss"):
            figures["pool"] = float(len(made["misses"]))
        if not name.startswith("/healthz"):
            # The machine is shared and its speed drifts over a run, so each page is
            # compared with /healthz measured just before and just after it.
            healthz_passes.append(_healthz(base))
            figures["baseline_rps"] = (healthz_passes[-2] + healthz_passes[-1]) / 2
        else:
            healthz_passes.append(figures["rps"])
        rows.append((name, figures))
    if rows:
        rows[0][1].update(slowest=min(healthz_passes), fastest=max(healthz_passes))
    return rows


def _healthz(base: str) -> float:
    """/healthz's requests per second now, in a pass half as long as a page's."""
    print("  /healthz again, as the next baseline…", flush=True)
    return wrk(f"{base}/healthz", seconds=max(1, SECONDS // 2))["rps"]


def _lines(path: Path, items: list[str]) -> Path:
    path.write_text("\n".join(items) + "\n")
    return path


def postgres_database(url: str) -> tuple[str, str]:
    """A scratch database beside the one in `url` (same server and role): its URL and name."""
    match = re.fullmatch(r"(postgres(?:ql)?://[^/]+)/([^?]+)", url)
    if match is None:
        raise SystemExit(f"BENCH_POSTGRES_URL must be postgres://user:pass@host:port/db, not {url}")
    return f"{match.group(1)}/rolefit_bench", "rolefit_bench"


def psql(url: str, sql: str) -> None:
    """Run one statement on the server of `url`, connected to its own database."""
    subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )
