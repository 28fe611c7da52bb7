"""docs/performance.md from the figures of one run."""

from __future__ import annotations

import os
import platform

from server import CONNECTIONS, SECONDS


def render(
    rows: list[tuple[str, dict[str, float]]],
    weight: dict[str, int],
    scoring: dict[str, float],
    preview: dict[str, float],
    purging: dict[str, float],
    insights: dict[str, float],
    backtesting: dict[str, float],
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
        f"- One update of the weights editor's panel (reference units and the latest "
        f"{preview['editor_latest']:,.0f} stored results): "
        f"{preview['editor_update_seconds'] * 1000:.0f} ms, "
        f"{preview['editor_update_seconds'] / preview['score_only_seconds']:.2f} of the "
        f"score-only pass above; the promise is under a second",
        "",
        "## PDF reports",
        "",
        f"- A result's PDF report made afresh: {preview['result_pdf_seconds'] * 1000:.0f} ms "
        f"(median of 20, both languages), against {preview['result_html_seconds'] * 1000:.0f}"
        f" ms for its HTML page body: ratio "
        f"{preview['result_pdf_seconds'] / preview['result_html_seconds']:.1f}. Both are "
        "cached in the shared cache afterwards, until the result is deleted.",
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
    lines += _insights(insights)
    lines += _backtest(backtesting)
    lines.append("")
    return "\n".join(lines)


def _insights(figures: dict[str, float]) -> list[str]:
    """Absolute goals from the issue: the command under 10 s and a page under 1 s at a
    million results; `rolefit check` in the same run shows what a bare start costs."""
    return [
        "",
        "## Insights at a million results",
        "",
        f"- {figures['results']:,.0f} results and {figures['assessments']:,.0f} assessments "
        f"(the drafts abandoned on the way included), seeded in {figures['seed_seconds']:.0f} s "
        "(`seed_demo --without-texts`)",
        f"- Tallying every day cold (`insights --refresh`, what the hourly timer does once): "
        f"{figures['cold_seconds']:.1f} s, peak {figures['cold_mib']:.0f} MiB",
        f"- `insights --format json` on the tallies: {figures['warm_seconds']:.2f} s "
        f"(goal < 10 s), peak {figures['warm_mib']:.0f} MiB; with filters (Spanish, direct): "
        f"{figures['narrow_seconds']:.2f} s. A bare `rolefit check` in the same run: "
        f"{figures['baseline_seconds']:.2f} s, {figures['baseline_mib']:.0f} MiB",
        f"- The Insights page's view: {figures['page_seconds'] * 1000:.0f} ms (goal < 1 s); "
        f"filtered {figures['narrowed_page_seconds'] * 1000:.0f} ms; a CSV download "
        f"{figures['download_seconds'] * 1000:.0f} ms",
        f"- The pseudonymous export of all {figures['exported']:,.0f} results, streamed as "
        f"CSV: {figures['export_seconds']:.1f} s, peak {figures['export_mib']:.0f} MiB",
    ]


def _backtest(figures: dict[str, float]) -> list[str]:
    """The goal from the issue: under 5 s for 100,000 assessments with outcomes."""
    baseline = figures["read_seconds"] + figures["score_seconds"]
    return [
        "",
        "## Backtest",
        "",
        f"- `backtest --format json` over {figures['outcomes']:,.0f} recorded outcomes "
        f"({figures['usable']:,.0f} usable): {figures['seconds']:.2f} s (goal < 5 s), peak "
        f"{figures['peak_mib']:.0f} MiB",
        f"- Reading the same outcomes and scoring their answers alone: "
        f"{figures['read_seconds']:.2f} s + {figures['score_seconds']:.2f} s; the backtest "
        f"(with Django's start-up) is {figures['seconds'] / baseline:.2f} of that",
    ]
