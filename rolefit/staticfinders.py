"""Serve one plotly.js bundle as `vendor/plotly.min.js`.

The partial "basic" build (bar, scatter and pie: all RoleFit draws) comes from npm when
Node.js was there at setup; it is a third of the size. Without it, the full bundle that
ships inside the plotly Python package takes its place, so the two-command setup works
on a machine with Python alone. The finder exposes exactly one file either way.
"""

from pathlib import Path
from typing import Any, Literal, overload

import plotly
from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_PATH = "vendor/plotly.min.js"


def plotly_bundle_path() -> Path:
    partial = (
        Path(settings.BASE_DIR)
        / "node_modules"
        / "plotly.js-basic-dist-min"
        / "plotly-basic.min.js"
    )
    if partial.is_file():
        return partial
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class PlotlyBundleFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    @overload
    def find(self, path: str, find_all: Literal[False] = False) -> str | None: ...

    @overload
    def find(self, path: str, find_all: Literal[True]) -> list[str]: ...

    def find(self, path: str, find_all: bool = False) -> str | list[str] | None:
        if path != PLOTLY_STATIC_PATH:
            return [] if find_all else None
        found = str(plotly_bundle_path())
        return [found] if find_all else found

    def list(self, ignore_patterns: Any) -> Any:
        bundle = plotly_bundle_path()
        storage = _RenamingStorage(bundle, PLOTLY_STATIC_PATH)
        yield PLOTLY_STATIC_PATH, storage


class _RenamingStorage(FileSystemStorage):
    """Presents one file on disk under the static name the templates use."""

    def __init__(self, source: Path, name: str) -> None:
        super().__init__(location=str(source.parent))
        self.source, self.name = source, name

    def path(self, name: str) -> str:
        return str(self.source) if name == self.name else super().path(name)

    def open(self, name: str, mode: str = "rb") -> Any:
        return super().open(self.source.name if name == self.name else name, mode)
