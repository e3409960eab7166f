"""Copies of a live plan through SQLite's backup API (a file copy could catch a half-written page)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path


def backup_to(source: Path, target: Path) -> Path:
    """Copy the database at source into a new file at target, page by page, consistently."""
    if target.exists():
        raise FileExistsError(f"{target} already exists")
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        with closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    return target


def backup_beside(source: Path, reason: str) -> Path:
    """A backup next to the plan named after the reason and the time, e.g. before a migration."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.{reason}-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = source.with_name(f"{source.name}.{reason}-{stamp}-{counter}.bak")
    return backup_to(source, target)

