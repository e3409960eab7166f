"""Copies of a live plan through SQLite's backup API (a file copy could catch a half-written page)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from planner.storage.connection import read_only_uri
from planner.storage.errors import PlanFileError


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database at source into a new file at target, page by page, consistently."""
    if target.exists():
        raise PlanFileError(f"{target}: already exists; choose another name")
    try:
        _copy(source, target)
    except (sqlite3.Error, OSError) as error:
        Path(target).unlink(missing_ok=True)
        raise PlanFileError(f"{target}: cannot write a backup copy ({error})") from None
    return target


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(read_only_uri(source), uri=True)) as src:
        with closing(sqlite3.connect(target)) as dst:
            src.backup(dst)


def backup_beside(source: Path, reason: str) -> Path:
    """A backup next to the plan named after the reason and the time, e.g. before a migration."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.{reason}-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = source.with_name(f"{source.name}.{reason}-{stamp}-{counter}.bak")
    return backup_to(source, target)

