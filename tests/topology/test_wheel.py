"""The package installs and runs with no checkout: the wheel is built, installed into a
fresh virtual environment outside the repository, and from there migrates, loads the
bank, passes `check --deploy`, collects static files and serves a result page whose
first visit stays within the page-weight budget. Nothing here needs Node.js."""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .pieces import ROOT, free_port

pytestmark = pytest.mark.topology

# Every first-party package in the checkout: a new app is covered without editing this list.
APPS = sorted(
    path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests"
)
FIRST_VISIT_BUDGET = 450 * 1024
# Production settings redirect plain HTTP; the TLS proxy in front says HTTPS was used.
NOT_SHIPPED = [".git", ".venv", "node_modules", "build", "*.egg-info", "staticfiles", "db.sqlite3*"]
BEHIND_THE_PROXY = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy, as a release would be, so the checkout gains no build/ folder.
    source, dist = tmp_path_factory.mktemp("source") / "rolefit", tmp_path_factory.mktemp("dist")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SHIPPED))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(dist),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("rolefit-*.whl")
    return built


def test_the_wheel_holds_every_app_and_their_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for app in APPS:
        for module in (ROOT / app).rglob("*.py"):
            assert module.relative_to(ROOT).as_posix() in names, module
    for needed in [
        "rolefit/templates/base.html",
        "rolefit/templates/assessments/result.html",
        "rolefit/static/js/figure.js",
        "rolefit/static/vendor/plotly.min.js",
        "rolefit/static/vendor/plotly.js-LICENSE",
        "rolefit/fixtures/question_bank.json",
        "rolefit/fixtures/search_plan.json",
        "rolefit/locale/es/LC_MESSAGES/django.mo",
        "rolefit/gunicorn_conf.py",
    ]:
        assert needed in names, needed
    assert not any(name.startswith("tests/") for name in names)
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "rolefit = rolefit.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_package_serves_a_result_with_no_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    venv, site = tmp_path / "venv", tmp_path / "site"
    site.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{site / 'rolefit.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(site / "static"),
    }

    def rolefit(*args: str) -> str:
        done = subprocess.run(
            [str(venv / "bin" / "rolefit"), *args],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"rolefit {args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    where = rolefit("shell", "-c", "import rolefit, assessments; print(rolefit.__file__)")
    assert str(venv) in where, where
    assert str(ROOT) not in where, where
    rolefit("migrate", "--noinput")
    rolefit("load_question_bank")
    rolefit("check", "--deploy", "--fail-level", "WARNING")
    rolefit("collectstatic", "--noinput")

    port = free_port()
    server = subprocess.Popen(
        [
            str(venv / "bin" / "gunicorn"),
            "--config",
            "python:rolefit.gunicorn_conf",
            "rolefit.wsgi",
        ],
        cwd=site,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        body = json.dumps({"answers": _answers(), "language": "es"}).encode()
        request = urllib.request.Request(  # noqa: S310
            f"{base}/api/v1/assessments",
            data=body,
            headers={"Content-Type": "application/json", **BEHIND_THE_PROXY},
        )
        with urllib.request.urlopen(request, timeout=30) as created:  # noqa: S310
            result_url = json.load(created)["result_url"]
        page = _get(base + re.sub(r"^https?://[^/]+", "", result_url), **{"Accept-Language": "es"})
        assert "Qué cambiaría la respuesta" in page.decode(), "the compiled Spanish catalogue"
        weight = _first_visit_weight(base, page)
        print(f"\nfirst visit to a result page from the installed wheel: {weight / 1024:.0f} KB")
        assert weight <= FIRST_VISIT_BUDGET
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _answers() -> dict[str, object]:
    from tests.load.client import ANSWERS

    return ANSWERS


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(f"{base}/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn from the wheel did not start")


def _get(url: str, **headers: str) -> bytes:
    request = urllib.request.Request(url, headers={**BEHIND_THE_PROXY, **headers})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return bytes(response.read())


def _first_visit_weight(base: str, page: bytes) -> int:
    """Bytes on the wire for the page and every script and stylesheet it loads, as a
    browser asking for brotli or gzip gets them."""
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js|svg))"', page)
    assert any(b"plotly" in asset for asset in assets), "the result page draws its chart"
    compressed = {"Accept-Encoding": "br, gzip"}
    return len(page) + sum(len(_get(base + asset.decode(), **compressed)) for asset in assets)
