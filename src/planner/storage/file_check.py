"""Checks that a file is a healthy plan of a version this app understands, without writing to it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from planner.storage.connection import APPLICATION_ID, read_only_uri
from planner.storage.errors import DamagedPlanError, NewerPlanError, NotAPlanError, PlanFileError
from planner.storage.migrate import head_revision, known_revisions

SQLITE_HEADER = b"SQLite format 3\x00"
#: Where SQLite keeps PRAGMA application_id in the 100-byte file header (big-endian).
APPLICATION_ID_OFFSET = 68


@dataclass(frozen=True)
class FileState:
    """What inspection found: the schema revision, and whether it needs migrating to head."""

    revision: str
    needs_migration: bool


def inspect_plan_file(path: Path) -> FileState:
    """Raise a PlanFileError subclass with a one-line message unless path is a usable plan."""
    if not path.exists():
        raise PlanFileError(f"{path}: no such file")
    if path.is_dir():
        raise PlanFileError(f"{path}: is a folder, not a plan file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise PlanFileError(f"{path}: cannot be read ({error.strerror})") from None
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotAPlanError(f"{path}: is not a Passive Income Planner plan (not an SQLite database)")
    # Read from the header bytes, before any connection: a foreign database is refused before
    # SQLite could roll back a journal of its own.
    application_id = int.from_bytes(header[APPLICATION_ID_OFFSET:APPLICATION_ID_OFFSET + 4], "big")
    if application_id != APPLICATION_ID:
        raise NotAPlanError(f"{path}: is an SQLite database but not a Passive Income Planner plan")
    _recover_hot_journal(path)
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as connection:
            return _inspect(path, connection)
    except sqlite3.OperationalError as error:
        raise PlanFileError(f"{path}: cannot be read ({error})") from None
    except sqlite3.DatabaseError as error:
        raise DamagedPlanError(f"{path}: the plan file is damaged ({error}); restore a backup") from None


def _recover_hot_journal(path: Path) -> None:
    """A crash during a save leaves a rollback journal that a read-only connection cannot apply.
    Opening read-write lets SQLite roll the unfinished transaction back, restoring the last commit
    (what any SQLite client does on its first read); nothing else is written."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(str(path))) as connection:
            connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.Error as error:
        raise PlanFileError(f"{path}: an interrupted save could not be rolled back ({error})") from None


def _inspect(path: Path, connection: sqlite3.Connection) -> FileState:
    check = connection.execute("PRAGMA quick_check").fetchall()
    if check != [("ok",)]:
        detail = " ".join(str(check[0][0]).replace("***", "").split())  # SQLite's report spans lines
        raise DamagedPlanError(f"{path}: the plan file is damaged ({detail}); restore a backup")
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        row = None
    if row is None:
        raise DamagedPlanError(f"{path}: the plan file has no schema version; restore a backup")
    revision = row[0]
    if revision not in known_revisions():
        raise NewerPlanError(
            f"{path}: was saved by a newer version of Passive Income Planner (schema {revision}); "
            "update the app to open it"
        )
    return FileState(revision=revision, needs_migration=revision != head_revision())
