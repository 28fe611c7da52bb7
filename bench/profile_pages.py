"""Where a page's time goes: each page of the flow requested N times through Django's
test client in this one process (production settings, a scratch SQLite database, or
DATABASE_URL, which must be empty), under cProfile. Not part of `make bench`; for
finding the cost.

    .venv/bin/python bench/profile_pages.py [page ...]   # BENCH_PROFILE_N=300
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
N = int(os.environ.get("BENCH_PROFILE_N", "300"))


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="rolefit-profile-"))
    os.environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1",
        DJANGO_STATIC_ROOT=str(scratch / "static"),
        RF_API_LIMIT_PER_MINUTE="100000000",
        RF_START_LIMIT_PER_HOUR="100000000",
        RF_SUBMIT_LIMIT_PER_HOUR="100000000",
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'profile.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rolefit.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from fixtures import FIXTURES
    from server import ANSWERS

    if connection.introspection.table_names():
        # It fills the database with made-up results and accounts: never a real one.
        sys.exit(
            "bench/profile_pages.py needs an empty database, and "
            f"{connection.settings_dict['NAME']!r} has tables"
        )
    call_command("migrate", verbosity=0)
    call_command("load_question_bank", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    out = scratch / "made.json"
    code = FIXTURES % {
        "answers": json.dumps(ANSWERS),
        "misses": N + 5,
        "drafts": 20,
        "engagements": 1000,
    }
    code = code.replace("print(json.dumps(", f"open({str(out)!r}, 'w').write(json.dumps(")
    exec(code, {})  # noqa: S102 (our own fixture script)
    made = json.loads(out.read_text())
    secure: dict[str, Any] = {"HTTP_X_FORWARDED_PROTO": "https", "secure": True}
    csrf = secrets.token_hex(16)
    form = {
        "sales_channels": "3",
        "verticals": "2",
        "product_lines": "4",
        "competitors": "12",
        "action": "next",
        "csrfmiddlewaretoken": csrf,
    }
    misses = iter(made["misses"])
    drafts = made["drafts"]

    def client(cookies: dict[str, str] | None = None) -> Client:
        c = Client(enforce_csrf_checks=True)
        for k, v in (cookies or {}).items():
            c.cookies[k] = v
        return c

    anon, poster = client(), client({"csrftoken": csrf})
    recruiter = client({"sessionid": made["session"]})
    pages = {
        "healthz": lambda i: anon.get("/healthz", **secure),
        "step-get": lambda i: anon.get(drafts[i % 20], **secure),
        "step-post": lambda i: poster.post(
            drafts[i % 20], form, HTTP_ORIGIN="https://testserver", **secure
        ),
        "submit": lambda i: anon.post(
            "/api/v1/assessments", {"answers": ANSWERS}, content_type="application/json", **secure
        ),
        "result-hit": lambda i: anon.get(made["result"], **secure),
        "result-miss": lambda i: anon.get(next(misses), **secure),
        "shared": lambda i: anon.get(made["shared"], **secure),
        "owner": lambda i: anon.get(made["owner"], **secure),
        "dashboard": lambda i: recruiter.get("/recruiter/", **secure),
    }
    chosen = sys.argv[1:] or list(pages)
    for name in chosen:
        fetch = pages[name]
        response = fetch(0)
        assert response.status_code in (200, 201, 302), (name, response.status_code)
        queries: list[str] = []

        def log(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(log):
            fetch(1)
        started = time.perf_counter()
        for i in range(2, N // 2 + 2):
            fetch(i)
        plain = (time.perf_counter() - started) / (N // 2) * 1000
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for i in range(N // 2 + 2, N + 2):
            fetch(i)
        profile.disable()
        per = (time.perf_counter() - started) / (N - N // 2) * 1000
        print(f"\n=== {name}: {plain:.2f} ms a request ({per:.2f} profiled)", end="")
        print(f", {len(queries)} queries")
        for sql in queries:
            print("   ", sql[:200])
        stats = pstats.Stats(profile).sort_stats(os.environ.get("BENCH_PROFILE_SORT", "tottime"))
        stats.print_stats(int(os.environ.get("BENCH_PROFILE_LINES", "25")))


if __name__ == "__main__":
    main()
