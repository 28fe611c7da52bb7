"""docs/performance.md from the figures of one run."""

from __future__ import annotations

import os
import platform
import re
from typing import Any

from server import CONNECTIONS, SECONDS

# The goals of issue #20, as ratios of requests/s to /healthz in the same run.
GOALS = {
    "questionnaire step GET": 0.35,
    "questionnaire step POST": 0.20,
    "submit API": 0.20,
    "results page, cache hit": 0.60,
    "results page, cache miss": 0.15,
    "shared page": 0.60,
    "owner page": 0.30,
    "recruiter dashboard, 1,000 engagements": 0.20,
}
DATABASES = (("sqlite", "SQLite"), ("postgresql", "PostgreSQL + Redis"))
KEPT = (
    "\n_Not re-measured in this run (`BENCH_PARTS=http`, or the part failed): the figures "
    "below are the previous full run's._\n"
)


# What `bench/profile_pages.py` (cProfile, one process, the test client, production
# settings) showed, and what was cut. Written by hand: update it with the code.
PROFILE = [
    "",
    "## Where the time went, and what was cut",
    "",
    "Profiled with `bench/profile_pages.py` (cProfile around Django's test client in one "
    "process, production settings, SQLite); milliseconds a request in that process, "
    "before → after, with /healthz at 0.24 ms:",
    "",
    "| page | before | after | what the profile showed | what was cut |",
    "|---|---:|---:|---|---|",
    "| every page with a query (server only) | — | — | a new SQLite connection per "
    "request: `connect` and four PRAGMAs cost 0.7 ms, more than most pages' queries "
    "(0.007 ms each on an open connection) | workers keep their connection (CONN_MAX_AGE "
    "60, as on PostgreSQL) |",
    "| questionnaire step GET | 2.31 | 1.26 | 40 % in templates: the frame, progress, "
    "resume link and labels were rendered for every visitor though only the token, the "
    "CSRF token and the unit differ | the whole blank page is rendered once per process "
    "for each questionnaire version, step, language and stored choices, the visitor's "
    "three parts filled in (`assessments/step_pages.py`); never with errors, free text, "
    "a query string or a signed-in visitor |",
    "| questionnaire step POST | 2.09 | 2.09 | two writes in two transactions | both "
    "in one transaction: one commit, one lock on SQLite, one WAL flush on PostgreSQL |",
    "| shared page | 2.40 | 1.72 | the frame re-rendered on every view; two writes "
    "per view in two transactions; the whole frozen result read to check the link | the "
    "page kept in the shared cache per link and language after the link is found usable "
    "and the view recorded; one transaction for the count and the access event; the "
    "result read only on a miss; a revoke or an erasure forgets the copy |",
    "| owner page | 3.55 | ~3 | a third in crispy drawing the two blank forms | blank "
    "forms drawn once per process and language (`rolefit/blank_forms.py`) |",
    "| recruiter dashboard, 1,000 engagements | 472 (profiled) | 12.7 | 95 % rendering "
    "1,000 rows | 25 rows a page (Paginator), row labels translated once a page |",
    "| every page reached by a link | — | — | each token lookup was `.first()`, which "
    "adds `ORDER BY created_at DESC` (the model's ordering) to a lookup on a unique "
    "digest: PostgreSQL planned a sort for it (0.25 ms planning against 0.04 ms) | the "
    "lookups ask for the one row with no order (`rolefit.links.unique_or_none`) |",
    "| submit API, start | — | — | `QuestionnaireVersion.live()` read and decoded the "
    "whole bank (a large JSON column) on every call | it asks which version is live and "
    "takes the published, immutable version from memory |",
    "| gunicorn workers | — | — | each recycle (every 5,000 requests) paid a cold "
    "start: imports, URL resolver, template compiling, catalogues | the master preloads "
    "the app and warms all of it (`rolefit/warmup.py`), workers fork warm, recycle every "
    "50,000 (±10 %) requests |",
    "| every page reached by a link, again: step GET, result (cache hit), shared page | "
    "1.11, 0.67, 1.51 | 0.84, 0.49, 0.97 | compiling each lookup to SQL (the select "
    "list, deferred fields, the share link's join) cost several times running it: a "
    "third of a step GET's view, half of a shared view's | the busiest lookups are "
    "compiled once per process and database; each call runs the SQL and builds the model "
    "instance as Django's own iterator does (`rolefit.links.UniqueLookup`): a draft's "
    "lookup alone went from 0.21 ms to 0.036 ms on SQLite (0.094 ms through `raw()`); the "
    "share link's lookup reads its result's id and state in the same row, as "
    "annotations; a blank step whose page is kept no longer builds its form |",
    "| submit API | 2.31 | 1.97 | the assessment inserted as a draft, then updated as "
    "submitted; which version is live, compiled on every call | stored submitted in one "
    "insert (`Assessment.start(submit=True)`); the live-version lookup compiled once |",
    "| results page, first view | 3.65 | 2.68 | the whole result read and its existence "
    "checked twice (after each copy is stored), each query compiled anew; 58 "
    "`{% translate %}` tags rendered a view, half of them the three labels for phones "
    "repeated on every row of the drivers table | the same queries, compiled once; "
    "those labels translated once a table (the owner page's share links and the team "
    "tables likewise) |",
    "| recruiter dashboard, again | 11.6 | 4.3 | crispy drawing the blank filter and "
    '"new engagement" forms on every request; each row a model instance with its '
    "lead's, its link reversed, its status label and date formatted in the template; "
    "SQLite sorting all of the firm's engagements (1.3 ms) for a page of 25 | both blank "
    "forms drawn once per process and language (`rolefit/blank_forms.py`); the rows read "
    "only the columns shown and made ready once a page (`recruiters/dashboard.py`: one "
    "reversal, labels once, each day formatted once); an index on (firm, newest first) |",
    "| results page, cache hit | 0.49 | 0.38 | on PostgreSQL three round trips: the "
    "guessing count and the page on Redis, and the check on PostgreSQL that the result "
    "still exists | the page kept under its link (the digest of its token) and read "
    "with the guessing count in one round trip to the shared cache, and served with no "
    "query: every delete (the owner's, the purge's, an admin's, a cascade) writes a mark "
    "over it through a post_delete receiver, and a copy is only ever added where no mark "
    "is; a copy lasts no longer than an opening needs no noting for retention |",
    "| shared page | 0.97 | 0.92 | on PostgreSQL seven round trips: the guessing count, "
    "the link, BEGIN, the count, the access event, COMMIT, the page | the page read with "
    "the guessing count, served once the link is checked and the view recorded; on "
    "PostgreSQL the count and the event in one statement (a CTE), no BEGIN or COMMIT: "
    "four round trips |",
    "| every rate-limited request on Redis (the submit API, starts, token misses) | — | — "
    "| Django's add() then incr() made three round trips (SET NX, EXISTS, INCR) | one "
    "atomic script: INCR, and the window's expiry set by the event that opens it |",
    "| questionnaire step GET and POST | 0.61, 1.44 | 0.56, 1.46 | the step's timing "
    "written through bulk_create, which wraps its one INSERT in a transaction (a BEGIN "
    "and a COMMIT round trip on PostgreSQL); a repeat save an UPDATE, then a lookup | "
    "one INSERT … ON CONFLICT DO NOTHING of its own for a view, one upsert for a save |",
    "| owner page | 2.9 (12× /healthz) | 2.36 (8× /healthz, measured on a loaded "
    "machine) | the owner link's lookup with its two joined rows compiled anew on every "
    "request | compiled once: `UniqueLookup` builds select_related rows with Django's "
    "own populators (`Assessment.objects.owned_result`) |",
    "| submit API, scoring | 0.26 (both languages) | 0.23 | the decision and what would "
    "flip it worked out again for each language | once, for both "
    "(`score_in_languages`) |",
    "| results page, first view, again | 2.55 | 2.23 | after rendering, two writes to "
    "the shared cache, each with a look that the result is still there: the whole page "
    "and, besides, its body; the opening noted by a queryset update compiled on every "
    "first view of the day | a page kept whole keeps no separate copy of its body (the "
    "owner page still keeps one); the opening noted by one UPDATE statement |",
    "| every rendered page (the base template) | 0.30 | 0.20 | the head's links to four "
    "static files, the header and footer (3 URL reversals, 5 translated strings) rendered "
    "again on every page, each `{% static %}` and `{% url %}` about 10 µs, each "
    "`{% translate %}` about 5 µs | rendered once a worker per language and script "
    "prefix and kept in the worker's memory for five minutes (Django's `{% cache %}` "
    "tag on the `local` cache) |",
    "| Insights page at a million results | 1,431 (the view alone) | see below | today's "
    "figures are tallied live on each view, and SQLite found today's assessments of the "
    "version through the version's index alone: it read all 1.5 million | an index on "
    "(questionnaire, created_at); the version-alone index, which it covers, dropped |",
    "",
    "On PostgreSQL the pages are bound by their round trips more than by Python: each "
    "query is a round trip to a PostgreSQL backend that shares the same 2 cores with the "
    "workers and wrk (about 0.5 ms in one idle process here, about 1 ms under this "
    "load), and each cache read one to Redis, while SQLite answers inside the worker in "
    "microseconds. That is why the same page scores lower on PostgreSQL here, and why the "
    "query budgets matter most there; on servers of their own PostgreSQL and Redis give "
    "the app servers their cores back. Since this round the PostgreSQL column runs with "
    "Redis as the shared cache, as docs/deploy.md deploys several servers; the previous "
    "run and the before column had the database as the cache there too.",
    "",
    "Not reached yet (the ✗ above), and why. The runs of one session differ by up to "
    "±15 % on this shared machine, even against /healthz measured beside each page, so "
    "a ratio at its goal in one run can miss it in the next.",
    "",
    "- On PostgreSQL every page but the results page hit pays round trips to a database "
    "on the same 2 cores that /healthz does not, and every write a commit (a WAL flush): "
    "a step GET two (the draft, the timing), a step POST five (the draft, then BEGIN, "
    "the answers and the timing, COMMIT: one transaction, so that a save is never half "
    "stored). Writing both in one statement saved 2 % of a step POST in one process and "
    "needed a second, PostgreSQL-only copy of the answers' save: not kept.",
    "- On SQLite the pages that write (the submit API, the shared page, a step POST) "
    "queue for its one write lock, and a writer that finds it taken sleeps at least a "
    "millisecond before it looks again (SQLite's busy handler): their p99s are those "
    "waits.",
    "- The shared page must check its link and record each view, a write: 0.60 is out of "
    "reach while every view is recorded as it happens. Counting views in Redis and "
    "writing them later would change what the owner sees and when: a product decision.",
    "- The submit API spends its time in django-ninja's parsing and validation, scoring "
    "in both languages (0.23 ms), the rate-limit counter (on SQLite a transaction on the "
    "cache table, with Django's `COUNT(*)` for culling) and the insert.",
    "- The owner page takes about 2.2 ms in one process against /healthz's 0.22 ms; 0.30 "
    "needs it near 1 ms. Its template alone takes about 1.2 ms: 43 translated strings at "
    "about 5 µs each, 16 URL reversals at about 10 µs, the forms, the share links, the "
    "outcome and team sections. That is the floor of Django's template engine for this "
    "page; its parts differ by result, by visitor (CSRF tokens) and by the hour (views "
    "of share links), so it cannot be kept whole like the results page.",
    "- A result's first view spends half its time rendering the body (the drivers table, "
    "the flips, 15 localized numbers) and the chart.",
    "- The dashboard takes about 4.3 ms in one process: half signing in (session, user, "
    "second factor, membership), the rest the count, a page of 25 rows and the base "
    "template.",
    "- The fixed cost of the middleware stack is paid by /healthz too, so cutting it "
    "lowers every ratio rather than raising it.",
    "",
    "Left as they were, and why: the token-guessing check (one cache read per link page, "
    "now shared with the kept page) is the abuse guarantee; the shared page's check of "
    "its link and the recorded view are its privacy and audit guarantees; a step save "
    "stores both of its writes or neither; the database cache counts its table on every write "
    "(`SELECT COUNT(*)` for culling), which grows with the table: a cluster should use "
    "Redis (`CACHE_URL`).",
]


def render(figures: dict[str, Any], previous: dict[str, Any], previous_report: str) -> str:
    """The report; sections whose figures this run did not measure are copied from the
    previous report, marked as such."""
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (bench/run.py): gunicorn with production settings "
        f"({os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}) on SQLite, the database also the shared "
        "cache (the one-machine default), and on PostgreSQL 15 with Redis as the shared "
        "cache, as docs/deploy.md deploys several servers; loaded by "
        f"`wrk -t2 -c{CONNECTIONS} -d{SECONDS}s --latency` from the same machine. "
        "Ratios are requests/s against /healthz in the same run on the same database, "
        "measured just before and just after each page (the mean of those two passes, "
        "each half as long), since the machine's speed drifts over a run; "
        "absolute numbers vary with the machine, which is shared and noisy. p99 is read "
        "against /healthz's own p99 in the same run. Raw figures: docs/performance.json.",
        "",
        *_http(figures["http"], previous),
        *PROFILE,
        *_scale(figures["http"]),
        *_weight(figures["weight"]),
    ]
    old = _sections(previous_report)
    for title, key, section in (
        ("Scoring engine", "scoring", _scoring),
        ("Impact preview", "preview", _preview),
        ("PDF reports", "preview", _pdf),
        ("Retention purge", "purging", _purge),
        ("Insights at a million results", "insights", _insights),
        ("Backtest", "backtesting", _backtest),
    ):
        if key in figures:
            lines += section(figures[key])
        elif title in old:
            lines += ["", f"## {title}", KEPT + "\n" + old[title].strip()]
    lines.append("")
    return "\n".join(lines)


def _sections(report: str) -> dict[str, str]:
    """A report's sections by title, without the note a kept section carries."""
    sections = {}
    for chunk in report.split("\n## ")[1:]:
        title, _, body = chunk.partition("\n")
        kept_note = re.compile(r"^_Not re-measured in this run.*$\n?", re.MULTILINE)
        sections[title.strip()] = kept_note.sub("", body)
    return sections


def _ratio(rows: list[list[Any]], name: str) -> float | None:
    by_name = {row[0]: row[1] for row in rows}
    if name not in by_name or not rows:
        return None
    # Against /healthz just before and after the page (runs before that had one pass).
    baseline = by_name[name].get("baseline_rps") or rows[0][1]["rps"]
    return float(by_name[name]["rps"] / baseline)


def _http(runs: dict[str, list[Any]], previous: dict[str, Any]) -> list[str]:
    lines = [
        "## Pages under load",
        "",
        "| endpoint | goal | SQLite ratio | p50 / p99 ms | PostgreSQL + Redis ratio "
        "| p50 / p99 ms | previous run (SQLite / PostgreSQL) "
        "| before issue #20 (SQLite / PostgreSQL) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = [row[0] for row in runs["sqlite"]]
    for name in names:
        goal = GOALS.get(name)
        cells = [name, f"≥ {goal:.2f}" if goal else "—"]
        for key, _label in DATABASES:
            rows = runs.get(key) or []
            figures = {row[0]: row[1] for row in rows}.get(name)
            ratio = _ratio(rows, name)
            if figures is None or ratio is None:
                cells += ["—", "—"]
                continue
            mark = "" if goal is None or ratio >= goal else " ✗"
            errors = f", {figures['non_2xx']:.0f} non-2xx" if figures["non_2xx"] else ""
            # A miss that two decimals would round up to the goal shows a third.
            shown = f"{ratio:.3f}" if mark and f"{ratio:.2f}" == f"{goal:.2f}" else f"{ratio:.2f}"
            cells += [
                f"{shown}{mark} ({figures['rps']:.0f}/s)",
                f"{figures['p50_ms']:.1f} / {figures['p99_ms']:.1f}{errors}",
            ]
        for runs_before in (previous.get("http", {}), previous.get("baseline_http", {})):
            before = [_ratio(runs_before.get(key) or [], name) for key, _label in DATABASES]
            cells.append(" / ".join("—" if r is None else f"{r:.2f}" for r in before))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for key, label in DATABASES:
        rows = runs.get(key) or []
        healthz = rows[0][1] if rows else {}
        if "slowest" in healthz:
            lines.append(
                f"- /healthz over the {label} run: {healthz['slowest']:.0f} to "
                f"{healthz['fastest']:.0f} requests/s across its passes."
            )
    lines += [
        "- Step GET and POST: step 1 of 200 drafts in turn; the POST saves the step and "
        "answers the redirect to step 2 (the redirect is not followed).",
        "- Results page, cache hit: one result, warmed before the pass; each request "
        "reads the guessing count and the page kept under its link in one round trip to "
        "the shared cache, which a delete erases (a deleted result is never served).",
        "- Results page, cache miss: results never opened before, each asked for once, "
        "so every request renders the body, the chart and the page and stores both "
        "(the worst case: a first view everywhere).",
        "- Shared page: one share link, each view recorded (a count and an access event), "
        "the link's existence, expiry and revocation checked on every request.",
        "- Recruiter dashboard: signed in with the second factor, a firm with 1,000 "
        "engagements (the page lists them a page at a time).",
    ]
    misses = {key: {r[0]: r[1] for r in rows} for key, rows in runs.items() if rows}
    for key, label in DATABASES:
        miss = misses.get(key, {}).get("results page, cache miss")
        if miss and miss["requests"] > miss.get("pool", miss["requests"]):
            lines.append(
                f"- {label}: the miss pass made {miss['requests']:.0f} requests on "
                f"{miss['pool']:.0f} results, so some were hits."
            )
    return lines


def _scale(runs: dict[str, list[Any]]) -> list[str]:
    """Capacity on paper, from the measured requests/s: see the assumptions listed."""
    lines = [
        "",
        "## What one server holds, on paper",
        "",
        "Assumptions: one assessment makes 3 step GETs and 3 step POSTs, a review GET "
        "(counted as a step GET) and the submit (counted as a submit API call), 1 owner "
        "page, 2 result views (the first a cache miss, the second a hit) and 1 shared "
        "view (a hit): 12 requests, each costing what the benchmark measured for its "
        "page on a saturated server. The busiest hour carries 4 times the average "
        "(peak-to-average 4), and a server runs at no more than 60 % of what it "
        "saturates at, leaving room for static files, the admin and recruiters' pages.",
        "",
    ]
    mix = {
        "questionnaire step GET": 4,
        "questionnaire step POST": 3,
        "submit API": 1,
        "owner page": 1,
        "results page, cache miss": 1,
        "results page, cache hit": 1,
        "shared page": 1,
    }
    for key, label in DATABASES:
        rows = {r[0]: r[1] for r in runs.get(key) or []}
        if not all(name in rows for name in mix):
            continue
        seconds = sum(count / rows[name]["rps"] for name, count in mix.items())
        per_second = 0.6 / seconds
        per_day = per_second * 86_400 / 4
        lines.append(
            f"- {label}: one assessment costs {seconds * 1000:.1f} ms of a saturated "
            f"2-core server, so one server holds {per_second:.0f} assessments/s at 60 %, "
            f"about {per_day:,.0f} a day with a peak 4 times the average."
        )
    rows = {r[0]: r[1] for r in runs.get("postgresql") or []}
    if all(name in rows for name in mix):
        per_server = 0.6 / sum(count / rows[name]["rps"] for name, count in mix.items())
        # The database's share: the page budgets (tests/rolefit/test_query_budgets.py)
        # give about 29 small indexed queries and 11 commits per assessment.
        database_limit = 300
        servers = max(1, int(database_limit / per_server))
        lines.append(
            f"- PostgreSQL plus N app servers: the servers share only the database and "
            f"Redis (CACHE_URL), so capacity grows about linearly with N: each 2-core app "
            f"server holds about {per_server:.0f} assessments/s at 60 % (the figure above, "
            f"measured with PostgreSQL on the same 2 cores, so a conservative one). One "
            f"assessment costs the database about 29 small indexed queries and 11 commits "
            f"(the page budgets); a dedicated 2-core PostgreSQL 15 on SSD answers on the "
            f"order of 10,000 such queries and 2,500 commits a second, so it becomes the "
            f"limit near {database_limit} assessments/s, about {servers} app servers of "
            f"this size: {database_limit * 86_400 / 4 / 1e6:.1f} million assessments a day "
            f"at the same peak-to-average of 4. These database figures are estimates, not "
            f"measured here."
        )
    return lines


def _weight(weight: dict[str, int]) -> list[str]:
    return [
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
    ]


def _scoring(scoring: dict[str, float]) -> list[str]:
    return [
        "",
        "## Scoring engine",
        "",
        f"- 100,000 answer sets, decision only (`score_many`): {scoring['bulk_seconds']:.2f} s, "
        f"peak traced memory {scoring['bulk_peak_mib']:.1f} MiB",
        f"- Full explained results (`score`, drivers, flips and advice), timed on 10,000 and "
        f"scaled: {scoring['full_seconds_per_100k']:.1f} s per 100,000",
    ]


def _preview(preview: dict[str, float]) -> list[str]:
    return [
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
    ]


def _pdf(preview: dict[str, float]) -> list[str]:
    return [
        "",
        "## PDF reports",
        "",
        f"- A result's PDF report made afresh: {preview['result_pdf_seconds'] * 1000:.0f} ms "
        f"(median of 20, both languages), against {preview['result_html_seconds'] * 1000:.0f}"
        f" ms for its HTML page body: ratio "
        f"{preview['result_pdf_seconds'] / preview['result_html_seconds']:.1f}. Both are "
        "cached in the shared cache afterwards, until the result is deleted.",
    ]


def _purge(purging: dict[str, float]) -> list[str]:
    lines = [
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
    return lines


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
