"""Production server settings, shipped inside the package:
`gunicorn --config python:rolefit.gunicorn_conf rolefit.wsgi` (deploy/rolefit.service)."""

import multiprocessing
import os
from typing import Any

# Loopback by default: clients reach gunicorn only through the proxy in front, which
# is what makes X-Forwarded-For trustworthy. Several servers bind a private address.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual 2 x cores + 1: Django is synchronous, so a worker waiting on the database
# leaves a core free for another.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# The master imports Django and the app, and warms what every worker would otherwise
# build on its first requests (rolefit/warmup.py); workers are forked from it, so a
# new or recycled worker serves at full speed at once. `systemctl reload` (HUP) then
# re-reads this file and replaces the workers without dropping a request, but they keep
# the code the master loaded: a release restarts the master (docs/deploy.md, section 6).
# GUNICORN_PRELOAD=0 loads the app in each worker instead, and HUP swaps the code.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# Recycle workers now and then so a slow leak can never grow without bound. With the
# app preloaded a recycle costs a fork, not a cold start; the jitter keeps the workers
# from all recycling at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Keeps capability tokens out of both logs (rolefit/redaction.py).
logger_class = "rolefit.gunicorn_logging.RedactingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server: Any) -> None:
    """In the master, once the app is loaded: build what every worker shares."""
    if server.cfg.preload_app:
        from rolefit.warmup import warm

        warm()


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker: nothing that holds a socket may be shared with the master or
    another worker. Database connections and cache clients (a Redis pool, the database
    cache's connection) are opened again, by this worker, on first use."""
    from rolefit.warmup import forget_inherited_connections

    forget_inherited_connections()
