"""What the gunicorn master builds once, before it forks the workers: every template
compiled, the URL resolver filled, both languages' catalogues loaded. It opens no
database connection or cache client; `forget_inherited_connections` makes sure a
worker never shares one it did not open."""

import logging
from contextlib import suppress
from importlib.util import find_spec
from pathlib import Path

from django.core.cache import caches
from django.db import connections
from django.template import Engine, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from rolefit import PACKAGE_DIR

logger = logging.getLogger(__name__)


def warm() -> None:
    get_resolver().url_patterns  # noqa: B018 (imports every view and fills the resolver)
    get_resolver()._populate()
    for language in ("en", "es"):
        with translation.override(language):
            translation.gettext("Your result")
    for name in _template_names():
        try:
            get_template(name)
        except TemplateSyntaxError:  # a template of a package that is not installed
            logger.debug("not compiled: %s", name)
    forget_inherited_connections()


def _template_names() -> list[str]:
    """RoleFit's own templates, and the form templates crispy draws its fields with."""
    Engine.get_default().template_loaders  # noqa: B018 (the cached loader, made once)
    folders = [PACKAGE_DIR / "templates"]
    crispy = find_spec("crispy_bootstrap5")
    if crispy is not None and crispy.origin is not None:
        folders.append(Path(crispy.origin).parent / "templates")
    names = []
    for folder in folders:
        names += sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return names


def forget_inherited_connections() -> None:
    connections.close_all()
    for alias in caches:
        with suppress(AttributeError):  # never opened in this process
            del caches[alias]
