"""Copies of a live plan through SQLite's backup API (a file copy could catch a half-written page)."""

from __future__ import annotations

import os
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


def name_beside(source: Path, reason: str, suffix: str = "") -> Path:
    """A free name next to the plan after the reason and the time: ``NAME.REASON-STAMP[-N]SUFFIX``."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.{reason}-{stamp}{suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = source.with_name(f"{source.name}.{reason}-{stamp}-{counter}{suffix}")
    return target


def backup_beside(source: Path, reason: str) -> Path:
    """A backup next to the plan named after the reason and the time, e.g. before a migration."""
    return backup_to(source, name_beside(source, reason, ".bak"))



#: Backups made each time a plan is opened for writing; older ones the app made are removed.
KEEP_OPEN_BACKUPS = 10
#: The list of files the app made in a plan's backup folder: only these are ever deleted.
MANIFEST = "made-by-planner.txt"


def backup_folder(plan: Path) -> Path:
    return Path(plan).with_name(f"{Path(plan).name}.backups")


def _manifest(folder: Path) -> list[str]:
    try:
        return [line for line in (folder / MANIFEST).read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(f"{folder}: the list of backups cannot be read ({error})") from None


def rotating_backup(plan: Path, keep: int = KEEP_OPEN_BACKUPS) -> Path:
    """A backup in the plan's backup folder, then the oldest of the app's own beyond ``keep`` are
    removed. Files someone else put in the folder are never touched (they are not in the manifest)."""
    folder = backup_folder(plan)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise PlanFileError(f"{folder}: cannot make the backup folder ({error.strerror or error})") from None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{Path(plan).stem}-{stamp}.plan"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{Path(plan).stem}-{stamp}-{counter}.plan"
    backup_to(Path(plan), target)
    made = [name for name in _manifest(folder) if (folder / name).exists()] + [target.name]
    for name in made[:-keep] if keep > 0 else made:
        (folder / name).unlink(missing_ok=True)
    kept = made[-keep:] if keep > 0 else []
    temporary = folder / f".{MANIFEST}.tmp"
    temporary.write_text("".join(f"{name}\n" for name in kept), encoding="utf-8")
    temporary.replace(folder / MANIFEST)
    return target


def backups_of(plan: Path) -> list[Path]:
    """The backups the app made of this plan (after opening it, before migrations, imports or a
    restore), newest first."""
    folder = backup_folder(plan)
    try:
        made = [folder / name for name in _manifest(folder) if (folder / name).is_file()]
        beside = [p for p in Path(plan).parent.glob(f"{Path(plan).name}.before-*.bak") if p.is_file()]
        return sorted(made + beside, key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError as error:
        raise PlanFileError(f"{folder}: the backups cannot be listed ({error.strerror or error})") from None


#: SQLite's companion files of a plan: they belong to it and move with it.
COMPANIONS = ("-journal", "-wal", "-shm")


def move_aside(plan: Path, reason: str) -> Path:
    """Move a plan that cannot be used, with its companion files, to ``NAME.REASON-STAMP`` beside it:
    kept as it was, never deleted, and out of the way of a backup put in its place."""
    aside = name_beside(plan, reason)
    _move_with_companions(plan, aside, "cannot move the plan aside")
    return aside


def move_back(aside: Path, plan: Path) -> None:
    """Undo move_aside: the plan and its companion files back where they were."""
    _move_with_companions(aside, plan, f"cannot move it back from {aside.name}")


def _move_with_companions(source: Path, target: Path, failing: str) -> None:
    try:
        os.replace(source, target)
        for suffix in COMPANIONS:
            companion = source.with_name(source.name + suffix)
            if companion.exists():
                os.replace(companion, target.with_name(target.name + suffix))
    except OSError as error:
        raise PlanFileError(f"{source}: {failing} ({error.strerror or error})") from None


def restore_into(backup: Path, plan: Path) -> None:
    """Replace the plan's contents with the backup's, page by page, in one SQLite transaction
    (the plan must not be open elsewhere; the caller backs it up first)."""
    try:
        with closing(sqlite3.connect(read_only_uri(backup), uri=True)) as src:
            with closing(sqlite3.connect(plan)) as dst:
                src.backup(dst)
    except (sqlite3.Error, OSError) as error:
        raise PlanFileError(f"{plan}: cannot restore {backup.name} ({error})") from None
