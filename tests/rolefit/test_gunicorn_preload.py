"""The gunicorn master loads the app once and workers are forked from it: a recycled
worker starts warm, shares no connection with the master, and recycling stays in place
so a slow leak is still bounded."""

import importlib

from django.core.cache import caches
from django.template import Engine

from rolefit import gunicorn_conf, warmup


def test_the_app_is_preloaded_and_workers_still_recycle(monkeypatch):
    assert gunicorn_conf.preload_app
    assert gunicorn_conf.max_requests >= 50_000
    assert 0 < gunicorn_conf.max_requests_jitter < gunicorn_conf.max_requests
    monkeypatch.setenv("GUNICORN_PRELOAD", "0")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "20000")
    reloaded = importlib.reload(gunicorn_conf)
    try:
        assert not reloaded.preload_app
        assert reloaded.max_requests == 20_000
    finally:
        monkeypatch.undo()
        importlib.reload(gunicorn_conf)


def test_warming_compiles_the_templates_without_touching_the_database():
    # No django_db mark: any query here would fail the test.
    warmup.warm()
    loader = Engine.get_default().template_loaders[0]
    assert "base.html" in {key.split("-")[0] for key in loader.get_template_cache}


def test_a_forked_worker_opens_its_own_cache_client():
    inherited = caches["default"]
    gunicorn_conf.post_fork(server=None, worker=None)
    assert caches["default"] is not inherited
