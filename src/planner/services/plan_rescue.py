"""Getting back into a plan: its backups listed newest first, and one put back in its place -
whether the plan still opens or is damaged, foreign, newer or unreadable. Nothing is ever deleted:
a plan that opens is backed up first ("before-restore"); one that does not is moved aside as it is,
named after what was wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.services.plan_session import PlanSession, available_backups, restore_backup
from planner.storage.backup import backup_to, move_aside, move_back
from planner.storage.errors import DamagedPlanError, NewerPlanError, NotAPlanError, PlanFileError


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


def restore(plan: Path, backup: Backup) -> tuple[PlanSession, Path | None]:
    """Put ``backup`` in the plan's place and open it. Returns the session and where the plan as it
    was is kept: a "before-restore" backup when it opened, the file moved aside when it did not
    (None when there was no file). The caller holds the plan's lock, so no window writes it meanwhile."""
    plan = Path(plan)
    try:
        current = PlanSession.open(plan)
    except PlanFileError as error:
        return _replace_unusable(plan, backup, error)
    return restore_backup(current, backup.path)


def aside_reason(error: Exception) -> str:
    """The word a plan that does not open is kept under: what was wrong with it."""
    if isinstance(error, DamagedPlanError):
        return "damaged"
    if isinstance(error, NewerPlanError):
        return "newer-version"
    if isinstance(error, NotAPlanError):
        return "not-a-plan"
    return "unreadable"


def _replace_unusable(plan: Path, backup: Backup, error: PlanFileError) -> tuple[PlanSession, Path | None]:
    aside = move_aside(plan, aside_reason(error)) if plan.exists() else None
    try:
        backup_to(backup.path, plan)
        return PlanSession.open(plan), aside
    except PlanFileError:
        plan.unlink(missing_ok=True)  # the copy of a bad backup
        if aside is not None:
            move_back(aside, plan)
        raise PlanFileError(f"the backup {backup.name} is not a usable plan either; {plan.name} is as it was") from None
