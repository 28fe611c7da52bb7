"""Serve the plotly.js bundle that ships inside the plotly Python package.

The package's data folder holds more than the bundle (datasets, widget code), so this
finder exposes exactly one file instead of adding the whole folder to STATICFILES_DIRS.
"""

from pathlib import Path
from typing import Any, Literal, overload

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_PATH = "vendor/plotly.min.js"


def plotly_bundle_path() -> Path:
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
        storage = FileSystemStorage(location=str(bundle.parent))
        storage.prefix = "vendor"  # type: ignore[attr-defined]
        yield bundle.name, storage
