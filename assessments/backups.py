"""Consistent copies of the database: SQLite's online backup API, or pg_dump/pg_restore.

Both run while the site serves: SQLite's backup copies a consistent snapshot page by
page, and pg_dump reads inside one repeatable-read transaction.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection


class BackupError(RuntimeError):
    pass


def _vendor() -> str:
    return connection.vendor


def backup(path: Path) -> None:
    if _vendor() == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif _vendor() == "postgresql":
        _run_pg("pg_dump", "--format=custom", f"--file={path}")
    else:
        raise BackupError(f"backups are not supported on {_vendor()}")


def restore(path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    if _vendor() == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            source.close()
            raise BackupError(f"{path} is not a SQLite database ({exc})") from None
        connection.ensure_connection()
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    elif _vendor() == "postgresql":
        connection.close()  # pg_restore replaces tables this connection may be using
        _run_pg(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)
        )
    else:
        raise BackupError(f"restores are not supported on {_vendor()}")


def _run_pg(program: str, *args: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian package postgresql-client)")
    settings: dict[str, Any] = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
    command = [
        executable,
        f"--host={settings.get('HOST') or 'localhost'}",
        f"--port={settings.get('PORT') or 5432}",
        f"--username={settings.get('USER') or ''}",
        f"--dbname={settings['NAME']}",
        *args,
    ]
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise BackupError(f"{program} failed: {completed.stderr.strip()}")
