"""What make bench times without HTTP: the scoring engine, the impact preview over
100,000 stored assessments, the retention purge on the same database, and Insights at a
million results."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from server import PYTHON, ROOT, manage

from rolefit import FIXTURES_DIR


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
    editor = manage(env, "shell", "-c", WEIGHTS_EDITOR_UPDATE)
    html_seconds, pdf_seconds = map(float, manage(env, "shell", "-c", REPORT_RENDER).split()[-2:])
    return {
        **preview,
        "score_only_seconds": float(timing.split()[-1]),
        "editor_latest": float(editor.split()[-2]),
        "editor_update_seconds": float(editor.split()[-1]),
        "result_html_seconds": html_seconds,
        "result_pdf_seconds": pdf_seconds,
    }


# A result's HTML body and its PDF report, each made afresh (the cache emptied first), for
# 10 results in both languages: the medians, in seconds.
REPORT_RENDER = """
import statistics, time
from django.core.cache import cache
from assessments.models import Assessment
from assessments.rendering import result_body
from assessments.reports import result_pdf
html, pdf = [], []
for assessment in Assessment.objects.filter(status="submitted").order_by("pk")[:10]:
    for language in ("en", "es"):
        cache.clear()
        started = time.perf_counter()
        result_body(assessment, language=language, show_free_text=True)
        html.append(time.perf_counter() - started)
        cache.clear()
        started = time.perf_counter()
        result_pdf(assessment, language=language, audience="owner", show_free_text=True)
        pdf.append(time.perf_counter() - started)
print(statistics.median(html), statistics.median(pdf))
"""


# One update of the weights editor's panel (what each keystroke's preview request does):
# the draft scored on the reference units and the latest stored results, the median of 5.
WEIGHTS_EDITOR_UPDATE = """
import statistics, time
from django.utils import translation
from assessments import weights_editor
from assessments.models import QuestionnaireVersion
translation.activate("en")
draft = QuestionnaireVersion.live().clone_to_draft(f"bench-editor-{time.time_ns()}")
runs = []
for _ in range(5):
    started = time.perf_counter()
    weights_editor._state(draft, {})
    runs.append(time.perf_counter() - started)
draft.delete()
print(weights_editor.LATEST_STORED, statistics.median(runs))
"""


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


INSIGHTS_RESULTS = 1_000_000

# The Insights page and one CSV download rendered by their views (the middleware left
# out: /healthz pays it too), as a signed-in superuser would get them; medians of 3.
INSIGHTS_PAGES = """
import statistics, time
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.utils import translation
from insights import views
translation.activate("en")
admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
    "bench-admin", "bench@example.com", "bench-pass-4471")
for query in ({}, {"channel": "direct", "language": "es"}, {"download": "questions"}):
    runs = []
    for _ in range(3):
        request = RequestFactory().get("/admin/insights/", query)
        request.user = admin
        started = time.perf_counter()
        response = views.page(request)
        assert response.status_code == 200, response.status_code
        runs.append(time.perf_counter() - started)
    print(statistics.median(runs))
"""

# The pseudonymous export of every result, streamed as CSV and thrown away.
INSIGHTS_EXPORT = """
from assessments.models import QuestionnaireVersion
from insights import exports
from insights.queries import Filters
filters = Filters(QuestionnaireVersion.live())
rows = sum(1 for _ in exports.csv_lines(exports.header(filters), exports.rows(filters)))
print(rows - 1)
"""


def _timed(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Wall seconds, peak resident MiB and output of `rolefit <args>` in a process of its own."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        if status:
            raise RuntimeError(f"rolefit {' '.join(args)} failed")
        out.seek(0)
        return time.perf_counter() - started, usage.ru_maxrss / 1024, out.read().decode()


def insights_figures(env: dict[str, str]) -> dict[str, float]:
    """Insights at a million results: seeding them (decisions only, no texts), tallying
    every day cold, then the command, the page and the export on the tallies."""
    count = (
        "from assessments.models import Assessment as A; "
        "print(A.objects.filter(status='submitted').count())"
    )
    have = int(manage(env, "shell", "-c", count).split()[-1])
    started = time.perf_counter()
    more = str(INSIGHTS_RESULTS - have)
    manage(env, "seed_demo", "--assessments", more, "--force", "--without-texts")
    seeded = time.perf_counter() - started
    total = int(
        manage(env, "shell", "-c", count.replace("filter(status='submitted')", "all()")).split()[-1]
    )
    cold_seconds, cold_mib, _out = _timed(env, "insights", "--refresh")
    warm_seconds, warm_mib, printed = _timed(env, "insights", "--format", "json")
    figures = json.loads(printed)
    narrow = ("--format", "json", "--language", "es", "--channel", "direct")
    narrow_seconds, _mib, _out = _timed(env, "insights", *narrow)
    baseline_seconds, baseline_mib, _out = _timed(env, "check")
    page, narrowed, download = map(float, manage(env, "shell", "-c", INSIGHTS_PAGES).split()[-3:])
    export_seconds, export_mib, exported = _timed(env, "shell", "-c", INSIGHTS_EXPORT)
    return {
        "results": sum(row["count"] for row in figures["scores"]["histogram"]),
        "assessments": total,
        "seed_seconds": seeded,
        "cold_seconds": cold_seconds,
        "cold_mib": cold_mib,
        "warm_seconds": warm_seconds,
        "warm_mib": warm_mib,
        "narrow_seconds": narrow_seconds,
        "baseline_seconds": baseline_seconds,
        "baseline_mib": baseline_mib,
        "page_seconds": page,
        "narrowed_page_seconds": narrowed,
        "download_seconds": download,
        "export_seconds": export_seconds,
        "export_mib": export_mib,
        "exported": int(exported.split()[-1]),
    }


# 100,000 demo results get a synthetic check-in each: hires that follow the
# recommendation work out more often, with noise, as `outcomes` documents.
SEED_OUTCOMES = """
import random
from datetime import timedelta
from django.utils import timezone
from assessments.models import Assessment
from outcomes.models import Outcome
rng = random.Random(2026)
today = timezone.localdate()
done = Outcome.objects.count()
rows = Assessment.objects.filter(status="submitted", outcomes=None).order_by("pk")
batch = []
for pk, recommendation in rows.values_list("pk", "recommendation")[: max(0, 100_000 - done)]:
    followed = rng.random() < 0.6
    hired = recommendation if followed else ("CSO" if recommendation == "CRO" else "CRO")
    worked = rng.random() < (0.7 if followed else 0.4)
    batch.append(Outcome(
        assessment_id=pk, hired=hired, started_on=today - timedelta(days=500),
        still_in_seat=worked, left_on=None if worked else today - timedelta(days=300),
        revenue="on" if worked else "below", fit_rating=4 if worked else 2,
        hindsight="yes" if followed == worked else "no", demo=True))
Outcome.objects.bulk_create(batch, batch_size=5000)
print(Outcome.objects.count())
"""

# The same answers scored alone, with no outcomes read: the baseline of the same run.
SCORE_OUTCOME_ANSWERS = """
import time
from assessments.models import QuestionnaireVersion
from assessments.scoring import score_many
from outcomes.evidence import cases
bank = QuestionnaireVersion.live().parsed()
started = time.perf_counter()
answers = [answers for answers, _outcome in cases()]
read = time.perf_counter() - started
started = time.perf_counter()
for _ in score_many(bank=bank, answer_sets=answers):
    pass
print(read, time.perf_counter() - started)
"""


def backtest_figures(env: dict[str, str]) -> dict[str, float]:
    """`rolefit backtest` over 100,000 recorded outcomes, against reading them and
    scoring their answers alone in the same run."""
    outcomes = int(manage(env, "shell", "-c", SEED_OUTCOMES).split()[-1])
    seconds, peak_mib, printed = _timed(env, "backtest", "--format", "json")
    timed = manage(env, "shell", "-c", SCORE_OUTCOME_ANSWERS).split()[-2:]
    read_seconds, score_seconds = map(float, timed)
    return {
        "outcomes": outcomes,
        "usable": json.loads(printed)["n"],
        "seconds": seconds,
        "peak_mib": peak_mib,
        "read_seconds": read_seconds,
        "score_seconds": score_seconds,
    }
