"""RoleFit settings, read from the environment with safe development defaults.

Every variable is listed in the README. Production sets DJANGO_DEBUG=0 and a real
DJANGO_SECRET_KEY; without the key a non-debug start refuses to run.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rolefit import PACKAGE_DIR

# Lets typed generics such as ModelAdmin[Model] work at run time, not only under mypy.
django_stubs_ext.monkeypatch()

# A checkout keeps its database and collected static files beside manage.py; an installed
# package has no such folder, so it keeps them in the working directory unless told.
BASE_DIR = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "manage.py").is_file() else Path.cwd()


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or _DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG=0.")

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "rolefit.apps.RoleFitStaticFilesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "privacy",
    "insights",
    "outcomes",
    "teams",
    "notices",
    "integrations",
    "assessments",
    "sharing",
    "firms",
    "recruiters",
    "leaders",
    "units",
    "plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rolefit.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records whether this session gave its second factor; the gate below acts on it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "rolefit.middleware.PermissionsPolicyMiddleware",
    "rolefit.middleware.PrivateForSignedInMiddleware",
    "rolefit.middleware.NoStoreForLinksMiddleware",
    "assessments.middleware.NotReadyMiddleware",
    # Records who made each audited change in the admin.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rolefit.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "libraries": {"blank_forms": "rolefit.blank_forms"},
        },
    },
]

WSGI_APPLICATION = "rolefit.wsgi.application"


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Production-tuned SQLite: WAL lets readers run beside the writer, IMMEDIATE takes
        # the write lock at BEGIN so two writers queue instead of failing with "database is
        # locked", and the busy timeout is how long a writer waits in that queue. Each
        # worker keeps its connection like on PostgreSQL: opening one and running these
        # pragmas costs more than most pages' queries (docs/performance.md).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    return config


DATABASES = {"default": _database()}


def _shared_cache() -> dict[str, object]:
    """The cache every worker and server shares: rate limits and cached result pages.

    By default it is a table in the database, so the workers of one machine count and
    forget together with nothing else to run; several servers on one PostgreSQL share it
    too. Redis (CACHE_URL=redis://…) takes the load off the database.
    """
    url = os.environ.get("CACHE_URL", "db://")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "db://":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rolefit_cache",
            # Culling drops entries once the table is full; rate-limit counters must not
            # be among them while an attack is under way.
            "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
        }
    raise ImproperlyConfigured(f"CACHE_URL must be db:// or start with redis://, not {url!r}")


CACHES = {
    "default": _shared_cache(),
    # Each process's own memory, for fragments that anyone may see and that never go
    # stale (a published questionnaire's blank forms). Never for anything deletable.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rolefit"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The dev server reads static files straight from the finders; production serves the
# collected, hashed and compressed copies.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Capability links are the only credential a CEO has, so no page may leak its address
# to another site through the Referer header. Within the site the Referer is allowed:
# browsers send `Origin: null` on forms from "no-referrer" pages, which fails CSRF checks.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True

# Production sits behind a TLS-terminating proxy that says which scheme the client used.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", True)

# A strict policy: scripts only from our own origin, nothing inline, no eval. Plotly sets
# inline styles on the chart, which is the one allowance.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for an hour;
# staff unlock it by deleting the access attempt in the admin or with `axes_reset`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Lockouts key on the client's address derived the same way as every other limit.
AXES_CLIENT_IP_CALLABLE = "rolefit.clientip.client_ip"

# Trusted proxies in front of gunicorn, each appending to X-Forwarded-For (nginx, a load
# balancer). 0 ignores the header: right when clients reach gunicorn directly.
RF_PROXY_COUNT = envint("RF_PROXY_COUNT", 0)

# Two-step sign-in (accounts/mfa.py): always for staff; for recruiters too by default in
# production, where one password otherwise guards many clients' confidential answers.
RF_REQUIRE_MFA_FOR_RECRUITERS = envbool("RF_REQUIRE_MFA_FOR_RECRUITERS", not DEBUG)
OTP_TOTP_ISSUER = "RoleFit"

# Rate limits per client (see rolefit/ratelimit.py); raise them for load tests.
RF_START_LIMIT_PER_HOUR = envint("RF_START_LIMIT_PER_HOUR", 60)
RF_SUBMIT_LIMIT_PER_HOUR = envint("RF_SUBMIT_LIMIT_PER_HOUR", 120)
RF_API_LIMIT_PER_MINUTE = envint("RF_API_LIMIT_PER_MINUTE", 120)
# Each firm API key's own budget, on top of the per-address limits.
RF_API_KEY_LIMIT_PER_MINUTE = envint("RF_API_KEY_LIMIT_PER_MINUTE", 120)
# Webhooks never reach private, loopback or link-local addresses, checked after DNS at
# each delivery; only the test suite, with its receiver on 127.0.0.1, turns this on.
RF_WEBHOOKS_ALLOW_PRIVATE = envbool("RF_WEBHOOKS_ALLOW_PRIVATE", False)
# How long a worker holds a delivery it is sending; one killed mid-send frees it then.
# Keep it well above the 10 s a send can take (its deadline in integrations/delivery.py).
RF_WEBHOOK_LEASE_SECONDS = envint("RF_WEBHOOK_LEASE_SECONDS", 120)
# When a hire counts as having worked out, for the backtest (outcomes/backtest.py).
RF_OUTCOME_MONTHS_IN_SEAT = envint("RF_OUTCOME_MONTHS_IN_SEAT", 12)
RF_OUTCOME_FIT_AT_LEAST = envint("RF_OUTCOME_FIT_AT_LEAST", 4)
RF_OUTCOME_REVENUE_AT_LEAST = os.environ.get("RF_OUTCOME_REVENUE_AT_LEAST", "on")
if RF_OUTCOME_REVENUE_AT_LEAST not in ("well_below", "below", "on", "above"):
    raise ImproperlyConfigured(
        "RF_OUTCOME_REVENUE_AT_LEAST must be well_below, below, on or above, "
        f"not {RF_OUTCOME_REVENUE_AT_LEAST!r}"
    )
if not 1 <= RF_OUTCOME_FIT_AT_LEAST <= 5 or RF_OUTCOME_MONTHS_IN_SEAT < 1:
    raise ImproperlyConfigured(
        "RF_OUTCOME_FIT_AT_LEAST must be from 1 to 5 and RF_OUTCOME_MONTHS_IN_SEAT at least 1"
    )

# django-tasks with its database backend sends webhooks: the task rows are written in
# the same transaction as the event. `rolefit deliver_webhooks` runs them (--once: cron).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "webhooks"],
    }
}
# Organisations, units, people, reference links, share links, plans and engagements.
RF_CREATE_LIMIT_PER_HOUR = envint("RF_CREATE_LIMIT_PER_HOUR", 100)
# Owner links emailed per client per hour: each email goes to an address someone typed.
RF_OWNER_EMAIL_LIMIT_PER_HOUR = envint("RF_OWNER_EMAIL_LIMIT_PER_HOUR", 5)

# A client that presents this many unknown tokens within the window is refused (429)
# until the window ends: enough for typos, far too few to guess a 192-bit token.
RF_TOKEN_MISS_LIMIT = envint("RF_TOKEN_MISS_LIMIT", 20)
RF_TOKEN_MISS_WINDOW_SECONDS = envint("RF_TOKEN_MISS_WINDOW_SECONDS", 600)

# How long each kind of record is kept, in days (privacy/retention.py; the README's
# "Keeping data" explains each). Submitted results stay until their owner deletes them
# unless RF_RESULT_RETENTION_DAYS is set.
RF_DRAFT_RETENTION_DAYS = envint("RF_DRAFT_RETENTION_DAYS", 90)
RF_ACCESS_EVENT_RETENTION_DAYS = envint("RF_ACCESS_EVENT_RETENTION_DAYS", 180)
RF_DEAD_LINK_RETENTION_DAYS = envint("RF_DEAD_LINK_RETENTION_DAYS", 30)
RF_REMINDER_RETENTION_DAYS = envint("RF_REMINDER_RETENTION_DAYS", 400)
RF_SIGN_IN_RECORD_RETENTION_DAYS = envint("RF_SIGN_IN_RECORD_RETENTION_DAYS", 30)
RF_RESULT_RETENTION_DAYS = envint("RF_RESULT_RETENTION_DAYS", 0)
RF_RESULT_RETENTION_WARNING_DAYS = envint("RF_RESULT_RETENTION_WARNING_DAYS", 14)
# The operator's own words on the privacy page: who to contact, and on what legal basis
# the data is processed. Or override the template privacy/operator.html.
RF_PRIVACY_CONTACT = os.environ.get("RF_PRIVACY_CONTACT", "")
RF_PRIVACY_LEGAL_BASIS = os.environ.get("RF_PRIVACY_LEGAL_BASIS", "")

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "RoleFit <rolefit@localhost>")

# Where emailed links (re-assessment reminders) point when no request is at hand.
RF_BASE_URL = os.environ.get("RF_BASE_URL", "http://127.0.0.1:8000")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "recruiters-dashboard"
LOGOUT_REDIRECT_URL = "assessments-landing"

# API bodies are small JSON objects; anything larger is refused before parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("RF_MAX_BODY_BYTES", 64 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django logs the path of every 404 and 500; a path can carry a capability token.
    "formatters": {"redacted": {"()": "rolefit.redaction.RedactingFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "redacted"},
        "security": {"class": "logging.StreamHandler", "formatter": "redacted"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # django-axes announces itself at start-up; keep its lockout warnings only.
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every report at INFO; its warnings stay.
        "weasyprint": {"level": "WARNING"},
        # One JSON object a line (rolefit/security_log.py), nothing else around it.
        "rolefit.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
    },
}
