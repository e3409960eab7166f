"""SQLAlchemy engines for plan files, with the same safety settings on every connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

#: "PIPL" as a big-endian integer: marks a SQLite file as a Passive Income Planner plan.
APPLICATION_ID = 0x5049504C
BUSY_TIMEOUT_MS = 5000


def plan_engine(path: Path, read_only: bool = False) -> Engine:
    """An engine whose connections enforce foreign keys, fsync fully and wait on locks (read-only:
    connections that can never change the file).

    pysqlite's own transaction handling is switched off so that SQLAlchemy's BEGIN/COMMIT are the
    only ones (the recipe in SQLAlchemy's SQLite dialect documentation).
    """
    # A creator instead of a sqlite:/// URL: file names may hold '#', '?' or '%'.
    def connect() -> sqlite3.Connection:
        return sqlite3.connect(read_only_uri(path), uri=True) if read_only else sqlite3.connect(str(path))

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def writable(path: Path) -> bool:
    """Whether the app may change the plan file: the file and its folder (for SQLite's journal)."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_uri(path: Path) -> str:
    """A percent-encoded URI that opens the file read-only (never creates or changes it)."""
    return Path(path).absolute().as_uri() + "?mode=ro"
