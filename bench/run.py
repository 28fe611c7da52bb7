"""`make bench`: RoleFit under real HTTP load, reported as ratios to /healthz.

Starts gunicorn with production settings (SQLite in a scratch folder, or the database
in DATABASE_URL), loads each endpoint with wrk (16 connections), measures page weight
over the wire, times the scoring engine, and writes everything to docs/performance.md.
Figures are ratios against /healthz measured in the same run, because these machines
are shared and noisy.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from pathlib import Path
from typing import Any

from rolefit import FIXTURES_DIR

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
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}")
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


def wrk(url: str, script: Path | None = None) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
        url,
    ]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    for label, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        value, unit = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()  # type: ignore[union-attr]
        figures[key] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = float(errors.group(1)) if errors else 0.0
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


def scoring_figures() -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from assessments.bank.rules import parse_bank
    from assessments.scoring import score, score_many

    bank = parse_bank(json.loads((FIXTURES_DIR / "question_bank.json").read_text()))
    rng = random.Random(2026)
    questions = bank.scored_questions()
    answer_sets = [
        {
            q.key: rng.choice(list(q.values())) if q.required or rng.random() < 0.5 else None
            for q in questions
        }
        for _ in range(100_000)
    ]
    tracemalloc.start()
    started = time.perf_counter()
    verdicts = list(score_many(bank=bank, answer_sets=answer_sets))
    bulk_seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sample = answer_sets[:10_000]
    started = time.perf_counter()
    for answers in sample:
        score(bank=bank, answers=answers)
    full_seconds = (time.perf_counter() - started) * len(answer_sets) / len(sample)
    return {
        "bulk_seconds": bulk_seconds,
        "full_seconds_per_100k": full_seconds,
        "bulk_peak_mib": peak / 2**20,
        "cro_share": sum(v.recommendation == "CRO" for v in verdicts) / len(verdicts),
    }


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
    print("Timing the scoring engine on 100,000 answer sets…", flush=True)
    scoring = scoring_figures()
    report = render(rows, weight, scoring, preview, purging, env["DATABASE_URL"].split(":")[0])
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "performance.md").write_text(report)
    print(report)


def preview_figures(env: dict[str, str], scratch: Path) -> dict[str, float]:
    """The impact preview over 100,000 stored assessments, beside the same streaming and
    scoring with no comparison, both in this process's database."""
    manage(env, "seed_demo", "--assessments", "100000", "--force")
    bank = json.loads((FIXTURES_DIR / "question_bank.json").read_text())
    bank["version"] = "bench-draft"
    for section in bank["sections"]:
        for question in section["questions"]:
            if question["key"] == "churn_trend":
                question["options"][-1]["weight"] *= 2
    draft = scratch / "draft.json"
    draft.write_text(json.dumps(bank))
    preview = json.loads(manage(env, "preview_impact", "--bank", str(draft), "--format", "json"))
    timing = manage(
        env,
        "shell",
        "-c",
        "import time\n"
        "from assessments.models import Assessment, QuestionnaireVersion\n"
        "from assessments.scoring import score_many\n"
        "bank = QuestionnaireVersion.live().parsed()\n"
        "started = time.perf_counter()\n"
        "rows = Assessment.objects.order_by('pk').values_list('answers', flat=True)\n"
        "for _ in score_many(bank=bank, answer_sets=rows.iterator(chunk_size=5000)): pass\n"
        "print(time.perf_counter() - started)",
    )
    return {**preview, "score_only_seconds": float(timing.split()[-1])}


AGE_SOME_RECORDS = """
from datetime import timedelta
from django.utils import timezone
from assessments.models import Assessment
from sharing.models import AccessEvent, ShareLink
old = timezone.now() - timedelta(days=400)
pks = list(Assessment.objects.order_by("pk").values_list("pk", flat=True)[:30000])
Assessment.objects.filter(pk__in=pks).update(status="in_progress", updated_at=old)
kept = Assessment.objects.filter(status="submitted").order_by("pk")[:20000]
links = ShareLink.objects.bulk_create(
    ShareLink(assessment=a, label="old", token_digest=f"{a.pk:064x}", expires_at=old)
    for a in kept
)
AccessEvent.objects.bulk_create(
    AccessEvent(assessment_id=link.assessment_id, share_link=link, kind="share_view", at=old)
    for link in links for _ in range(2)
)
"""

ONE_BIG_TRANSACTION = """
import time
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from assessments.models import Assessment
from sharing.models import AccessEvent, ShareLink
cutoff = timezone.now() - timedelta(days=30)
started = time.perf_counter()
with transaction.atomic():
    Assessment.objects.filter(status="in_progress", updated_at__lt=cutoff).delete()
    AccessEvent.objects.filter(at__lt=cutoff).delete()
    ShareLink.objects.filter(expires_at__lt=cutoff).delete()
print(time.perf_counter() - started)
"""


def purge_figures(env: dict[str, str], scratch: Path) -> dict[str, float]:
    """`purge_expired` on the 100,000-assessment database, 30,000 of them turned into
    abandoned drafts and 20,000 given an expired share link with two old views. The
    baseline is the same removal done as one transaction on a copy of the database: the
    site's write lock would be held for all of it."""
    manage(env, "shell", "-c", AGE_SOME_RECORDS)
    figures: dict[str, float] = {}
    database = env["DATABASE_URL"]
    if database.startswith("sqlite:///"):
        copy = scratch / "one-transaction.sqlite3"
        shutil.copy(database.removeprefix("sqlite:///"), copy)
        single = manage(
            {**env, "DATABASE_URL": f"sqlite:///{copy}"}, "shell", "-c", ONE_BIG_TRANSACTION
        )
        figures["one_transaction_seconds"] = float(single.split()[-1])
    started = time.perf_counter()
    output = manage(env, "purge_expired")
    figures["purge_seconds"] = time.perf_counter() - started
    longest = re.search(r"longest transaction: (\d+) ms", output)
    figures["longest_transaction_ms"] = float(longest.group(1)) if longest else 0.0
    removed = re.findall(r"removed (\d+) ", output)
    figures["removed"] = float(sum(int(count) for count in removed))
    return figures


def start_draft(env: dict[str, str]) -> str:
    """A fresh draft's first step, made through the models as the start page would."""
    token = manage(
        env,
        "shell",
        "-c",
        "from assessments.models import Assessment, QuestionnaireVersion\n"
        "_, token = Assessment.start(questionnaire=QuestionnaireVersion.live())\n"
        "print(token)",
    ).split()[-1]
    return f"/a/{token}/step/1/"


def render(
    rows: list[tuple[str, dict[str, float]]],
    weight: dict[str, int],
    scoring: dict[str, float],
    preview: dict[str, float],
    purging: dict[str, float],
    database: str,
) -> str:
    baseline = rows[0][1]["rps"]
    goals = {"results page": 0.50, "questionnaire step": 0.25, "submit API": 0.15}
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (bench/run.py): gunicorn with production settings "
        f"({os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {database}), loaded by "
        f"`wrk -t2 -c{CONNECTIONS} -d{SECONDS}s --latency` from the same machine. "
        "Ratios are against /healthz in the same run; absolute numbers vary with the machine.",
        "",
        "| endpoint | requests/s | ratio to /healthz | goal | p50 ms | p99 ms | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, figures in rows:
        goal = goals.get(name)
        lines.append(
            f"| {name} | {figures['rps']:.0f} | {figures['rps'] / baseline:.2f} | "
            f"{'≥ ' + format(goal, '.2f') if goal else '—'} | {figures['p50_ms']:.1f} | "
            f"{figures['p99_ms']:.1f} | {figures['non_2xx']:.0f} |"
        )
    lines += [
        "",
        "## Page weight of a results page",
        "",
        f"- First visit, compressed (HTML and {weight['asset_count']} CSS/JS files): "
        f"{weight['first_visit'] / 1024:.0f} KB (goal ≤ 450 KB)",
        "- Measured with no Node.js on the server's PATH. plotly.js is the vendored partial "
        "bundle (`rolefit/static/vendor/`), so with Node.js the figure is the same: "
        "Node.js is needed only to rebuild that file (`make vendor`).",
        f"- Repeat visit (static files are immutable and cached): "
        f"{weight['repeat_visit'] / 1024:.1f} KB (goal < 30 KB)",
        "",
        "## Scoring engine",
        "",
        f"- 100,000 answer sets, decision only (`score_many`): {scoring['bulk_seconds']:.2f} s, "
        f"peak traced memory {scoring['bulk_peak_mib']:.1f} MiB",
        f"- Full explained results (`score`, drivers, flips and advice), timed on 10,000 and "
        f"scaled: {scoring['full_seconds_per_100k']:.1f} s per 100,000",
        "",
        "## Impact preview",
        "",
        f"- `preview_impact` over {preview['assessed']:,} stored assessments (a draft that "
        f"doubles the weight of rising churn): {preview['seconds']:.2f} s; "
        f"{preview['flipped']:,} would flip ({preview['to_cro']:,} to CRO, "
        f"{preview['to_cso']:,} to CSO), {preview['band_changes']:,} would change band",
        f"- The same stream scored with no comparison: {preview['score_only_seconds']:.2f} s "
        f"(ratio {preview['seconds'] / preview['score_only_seconds']:.2f})",
        "",
        "## Retention purge",
        "",
        f"- `purge_expired` on the same database (30,000 abandoned drafts, 20,000 expired "
        f"share links with 40,000 old views): removed {purging['removed']:,.0f} rows in "
        f"{purging['purge_seconds']:.2f} s; longest single transaction "
        f"{purging['longest_transaction_ms']:.0f} ms",
    ]
    if "one_transaction_seconds" in purging:
        single = purging["one_transaction_seconds"]
        lines.append(
            f"- The same removal as one transaction (the baseline): {single:.2f} s holding "
            f"the write lock; the purge's longest transaction is "
            f"{purging['longest_transaction_ms'] / 1000 / single:.3f} of it"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
