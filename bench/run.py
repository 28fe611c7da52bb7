"""`make bench`: RoleFit under real HTTP load, reported as ratios to /healthz.

Starts gunicorn with production settings (SQLite in a scratch folder, or the database
in DATABASE_URL), loads each endpoint with wrk (16 connections), measures page weight
over the wire, times the scoring engine, and writes everything to docs/performance.md.
Figures are ratios against /healthz measured in the same run, because these machines
are shared and noisy.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from offline import (
    backtest_figures,
    insights_figures,
    preview_figures,
    purge_figures,
    scoring_figures,
    start_draft,
)
from report import render
from server import (
    ANSWERS,
    ROOT,
    SECONDS,
    free_port,
    manage,
    page_weight,
    production_env,
    request,
    start_server,
    wrk,
)


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("make bench needs wrk: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="rolefit-bench-") as scratch:
        env = production_env(Path(scratch))
        print("Preparing: migrate, load the bank, collect static files…", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_question_bank")
        manage(env, "collectstatic", "--noinput")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(env, port)
        try:
            created = json.load(
                request(
                    f"{base}/api/v1/assessments",
                    body=json.dumps({"answers": ANSWERS}).encode(),
                    headers={"Content-Type": "application/json"},
                )
            )
            result_path = re.sub(r"^https?://[^/]+", "", created["result_url"])
            step_path = start_draft(env)
            targets = [
                ("/healthz (baseline)", f"{base}/healthz", None),
                ("results page", base + result_path, None),
                ("questionnaire step", base + step_path, None),
                ("submit API", f"{base}/api/v1/assessments", ROOT / "bench" / "submit.lua"),
            ]
            rows = []
            for name, url, script in targets:
                print(f"Loading {name} for {SECONDS}s…", flush=True)
                rows.append((name, wrk(url, script)))
            weight = page_weight(base, result_path)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print("Seeding 100,000 demo assessments for the impact preview…", flush=True)
        preview = preview_figures(env, Path(scratch))
        print("Timing the retention purge on that database…", flush=True)
        purging = purge_figures(env, Path(scratch))
        print("Seeding a million results and timing Insights on them…", flush=True)
        insights = insights_figures(env)
        print("Recording 100,000 outcomes and timing the backtest…", flush=True)
        backtesting = backtest_figures(env)
    print("Timing the scoring engine on 100,000 answer sets…", flush=True)
    scoring = scoring_figures()
    database = env["DATABASE_URL"].split(":")[0]
    report = render(rows, weight, scoring, preview, purging, insights, backtesting, database)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
