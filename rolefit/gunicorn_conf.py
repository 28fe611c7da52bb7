"""Production server settings, shipped inside the package:
`gunicorn --config python:rolefit.gunicorn_conf rolefit.wsgi` (deploy/rolefit.service)."""

import multiprocessing
import os

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
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# Keeps capability tokens out of both logs (rolefit/redaction.py).
logger_class = "rolefit.gunicorn_logging.RedactingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
