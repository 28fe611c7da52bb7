import json
import os
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from assessments.bank.rules import parse_bank
from assessments.bank.schema import QuestionBank
from rolefit import FIXTURES_DIR

BANK_PATH = FIXTURES_DIR / "question_bank.json"

# A steady, single-channel business: the textbook CSO case.
SIMPLE_ANSWERS: dict[str, Any] = {
    "sales_channels": 1,
    "verticals": 1,
    "product_lines": 1,
    "competitors": 2,
    "revenue_model": "transactional",
    "growth_vs_plan": "on_plan",
    "churn_trend": "stable",
    "sales_cycle_trend": "stable",
    "lead_shortage": False,
    "lifecycle_scope": "sales_only",
}

# Several channels, verticals, products and competitors, and growth trouble on top.
COMPLEX_ANSWERS: dict[str, Any] = {
    "sales_channels": 4,
    "verticals": 5,
    "product_lines": 6,
    "competitors": 20,
    "revenue_model": "recurring",
    "growth_vs_plan": "below",
    "churn_trend": "rising",
    "sales_cycle_trend": "longer",
    "lead_shortage": True,
    "lifecycle_scope": "full_lifecycle",
}


# Shared machines are noisy, so no per-example deadline; CI replays the same examples.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Tests render templates without running collectstatic first, so they use the plain
    # storage; the hashed, compressed storage is exercised by the production build.
    # Real password hashing is deliberately slow; tests need accounts, not that slowness.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every API response any test provokes is checked against the OpenAPI document, as
    # the client receives it: outside every other middleware.
    settings.MIDDLEWARE = ["tests.integrations.contract.CheckAPIResponses", *settings.MIDDLEWARE]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    # CI runs the suite twice; the header shows which database each run really used.
    return f"database: {settings.DATABASES['default']['ENGINE']}"


def raw_bank() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped bank, for tests that break it on purpose."""
    return json.loads(BANK_PATH.read_text(encoding="utf-8"))


@cache
def shipped_bank() -> QuestionBank:
    return parse_bank(raw_bank())


@pytest.fixture(autouse=True)
def _fresh_caches(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test starts with empty caches and no rate-limit counts.

    The shared cache is a table in the test database: a test in a transaction loses its
    entries at the rollback, but a test that commits keeps them, so it clears the table
    before and after itself."""
    from django.core.cache import caches

    from assessments.models import QuestionnaireVersion

    caches["local"].clear()
    QuestionnaireVersion.forget_cached()
    committing = {"transactional_db", "live_server"} & set(request.fixturenames)
    if committing or _commits(request):
        request.getfixturevalue("transactional_db")
        caches["default"].clear()
        yield
        caches["default"].clear()
    else:
        yield


def _commits(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def _api_responses_match_the_openapi_document() -> Iterator[None]:
    from .integrations.contract import MISMATCHES

    MISMATCHES.clear()
    yield
    found = list(MISMATCHES)
    MISMATCHES.clear()
    assert found == [], "API responses that do not match /api/v1/openapi.json:\n" + "\n".join(found)


@pytest.fixture
def admin_client(admin_user: Any) -> Any:
    """pytest-django's admin client, past the second step that staff always need."""
    from .recruiting import signed_in

    return signed_in(admin_user)


@pytest.fixture
def bank() -> QuestionBank:
    return shipped_bank()


@pytest.fixture
def live_version(db: None) -> Any:
    from assessments.versions import load_bank_version, seed_reference_units

    version, _changed = load_bank_version(raw_bank())
    # Migrations seed them, but tests that commit start from flushed tables.
    seed_reference_units()
    return version
