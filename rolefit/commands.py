"""What every management command shares: reading an input file an operator names."""

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import CommandError

from .untrusted import UntrustedInputError, parse_json

# Input files are banks, answers and ratings: a few kilobytes. Far beyond that is a
# mistake, refused before it is read into memory.
MAX_INPUT_BYTES = 10 * 1024 * 1024
# Enough to fix a file by; a file of thousands of bad keys is the wrong file.
MAX_PROBLEMS_SHOWN = 50


def read_json_file(path: Path) -> Any:
    """A JSON file's content, or CommandError saying plainly why it cannot be used."""
    try:
        # Read at most one byte past the limit: a pipe or a device has no size to check
        # first, and /dev/zero never ends.
        with path.open("rb") as stream:
            raw = stream.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise CommandError(f"{path}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        return parse_json(raw)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc})") from None
    except UntrustedInputError as exc:
        raise CommandError(f"{path}: {exc}") from None


Cleaned = TypeVar("Cleaned")


def clean_batch(
    batch: list[Any],
    clean: Callable[[Any], Cleaned],
    *,
    many: bool,
    what: str,
    errors: type[Exception],
) -> list[Cleaned]:
    """Clean every item of an input file; on any problem, raise one CommandError listing
    each bad key of each item ("[1].verticals: …" when the file holds a list). `errors` is
    the cleaner's exception, which names its bad keys in `.errors` (AnswersError,
    RatingsError)."""
    cleaned: list[Cleaned] = []
    problems: list[str] = []
    for index, raw in enumerate(batch):
        prefix = f"[{index}]." if many else ""
        try:
            cleaned.append(clean(raw))
        except errors as exc:
            keyed: dict[str, str] = getattr(exc, "errors", {"": str(exc)})
            problems.extend(f"  {prefix}{key}: {msg}" for key, msg in keyed.items())
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(f"  … and {len(problems) - len(shown)} more")
        raise CommandError(f"the {what} are not valid:\n" + "\n".join(shown))
    return cleaned
