"""What every management command shares: reading an input file an operator names."""

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from .untrusted import UntrustedInputError, parse_json

# Input files are banks, answers and ratings: a few kilobytes. Far beyond that is a
# mistake, refused before it is read into memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024


def read_json_file(path: Path) -> Any:
    """A JSON file's content, or CommandError saying plainly why it cannot be used."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise CommandError(f"{path}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        return parse_json(path.read_bytes())
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc})") from None
    except UntrustedInputError as exc:
        raise CommandError(f"{path}: {exc}") from None
