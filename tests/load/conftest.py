from pathlib import Path

import pytest

from .server import collect_static


@pytest.fixture(scope="session")
def static_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static")
    collect_static(root)
    return root
