"""Getting back into a plan: its backups listed newest first, and one put back in its place -
whether the plan still opens or is damaged, foreign or unreadable. Nothing is ever deleted: a plan
that opens is backed up first ("before-restore"); one that does not is moved aside as it is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.services.plan_session import PlanSession, available_backups, restore_backup
from planner.storage.backup import backup_to, name_beside
from planner.storage.errors import PlanFileError

#: SQLite's companion files, moved aside with a damaged plan so they cannot be replayed into a restore.
COMPANIONS = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # when the copy was written

    @property
    def name(self) -> str:
        return self.path.name

    def label(self) -> str:
        """When it was made and its name: how the command line and the window list it."""
        return f"{self.made:%Y-%m-%d %H:%M:%S}  {self.name}"


def backups(plan: Path) -> list[Backup]:
    """The app's backups of the plan at ``plan``, newest first."""
    return [Backup(path, datetime.fromtimestamp(path.stat().st_mtime)) for path in available_backups(Path(plan))]


def find_backup(plan: Path, name: str) -> Backup:
    for backup in backups(plan):
        if backup.name == name or str(backup.path) == name:
            return backup
    names = ", ".join(b.name for b in backups(plan)) or "none"
    raise PlanFileError(f"{plan}: no backup named {name!r} (its backups: {names})")


def restore(plan: Path, backup: Backup) -> tuple[PlanSession, Path]:
    """Put ``backup`` in the plan's place and open it. Returns the session and where the plan as it
    was is kept: a "before-restore" backup when it opened, else the damaged file moved aside."""
    plan = Path(plan)
    try:
        current = PlanSession.open(plan)
    except PlanFileError:
        return _replace_damaged(plan, backup)
    return restore_backup(current, backup.path)


def _replace_damaged(plan: Path, backup: Backup) -> tuple[PlanSession, Path]:
    aside = name_beside(plan, "damaged")
    try:
        if plan.exists():
            os.replace(plan, aside)
        for suffix in COMPANIONS:
            companion = plan.with_name(plan.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
    except OSError as error:
        raise PlanFileError(f"{plan}: cannot move the damaged plan aside ({error.strerror or error})") from None
    try:
        backup_to(backup.path, plan)
        return PlanSession.open(plan), aside
    except PlanFileError:
        plan.unlink(missing_ok=True)  # the copy of a bad backup; the damaged plan goes back where it was
        os.replace(aside, plan)
        raise
