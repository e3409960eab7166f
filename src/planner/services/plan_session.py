"""An open plan: the current plan record, the file behind it, and the only way to change it."""

from __future__ import annotations

from pathlib import Path

from planner.domain.plan import Plan
from planner.domain.problems import PlanProblems, Problem
from planner.domain.validation import validate_plan
from planner.services.commands import Change, Command
from planner.storage.backup import backup_beside, backups_of, restore_into, rotating_backup
from planner.storage.errors import PlanFileError
from planner.storage.plan_store import PlanStore

READ_ONLY_MESSAGE = "this plan is open read-only: nothing can be changed (File > Save a Copy makes an editable copy)"


class PlanSession:
    """Holds the plan in memory; the only way to change it, and to write it to its file.

    A change that would make the plan invalid is refused (PlanProblems) and nothing changes.
    ``execute``/``revert`` write the accepted plan at once by default (the command line); the
    window passes ``save=False`` and its autosaver writes later, off the GUI thread, with
    ``write(plan)`` then ``mark_saved(plan)``. Until a write succeeds ``unsaved`` is set: when the
    file cannot be written (disk full, permissions) the change stays in memory and the
    PlanFileError propagates so the UI can say so and retry.
    """

    def __init__(self, store: PlanStore):
        self._store = store
        self.plan: Plan = store.load()
        self.unsaved = False
        self.read_only_reason = ""  # why a read-only session is read-only, in words, when known

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> PlanSession:
        """Open a plan; ``read_only`` sessions refuse every change (PlanProblems) and never write."""
        return cls(PlanStore.open(Path(path), read_only))

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @classmethod
    def create(cls, path: Path, plan: Plan) -> PlanSession:
        problems = validate_plan(plan)
        if problems:
            raise PlanProblems(problems)
        return cls(PlanStore.create(Path(path), plan))

    @property
    def path(self) -> Path:
        return self._store.path

    @property
    def migration_backup(self) -> Path | None:
        return self._store.migration_backup

    def execute(self, command: Command, save: bool = True) -> Change:
        """Apply the command; with save=False the caller saves later (the window's autosave)."""
        return self._commit(*command.apply(self.plan), save=save)

    def revert(self, command: Command, save: bool = True) -> Change:
        return self._commit(*command.revert(self.plan), save=save)

    def _commit(self, plan: Plan, change: Change, save: bool = True) -> Change:
        if self.read_only:
            raise PlanProblems([Problem("", READ_ONLY_MESSAGE)])
        problems = validate_plan(plan)
        if problems:
            raise PlanProblems(problems)
        self.plan = plan
        self.unsaved = True
        if save:
            self.save()
        return change

    def save(self) -> None:
        if self.read_only:
            return
        self._store.save(self.plan)
        self.unsaved = False

    def write(self, plan: Plan) -> None:
        """Write this snapshot of the plan (any thread, one write at a time); unlike save() it leaves
        ``unsaved`` alone, because the plan may have changed meanwhile: see mark_saved()."""
        if self.read_only:
            return
        self._store.save(plan)

    def mark_saved(self, plan: Plan) -> None:
        """``plan`` was written: the session is saved unless it has moved on since that snapshot."""
        if plan is self.plan:
            self.unsaved = False

    def replace_plan(self, plan: Plan) -> None:
        """Swap in a whole plan (JSON import); validated and saved like any change."""
        self._commit(plan, Change())

    def backup_after_open(self) -> Path | None:
        """A rotating backup of the plan as opened (none for a read-only plan)."""
        if self.read_only:
            return None
        return rotating_backup(self.path)

    def save_copy(self, target: Path) -> Path:
        return self._store.save_copy(target)

    def close(self) -> None:
        self._store.close()


def available_backups(path: Path) -> list[Path]:
    """Backups the app made of the plan at ``path``, newest first."""
    return backups_of(Path(path))


def restore_backup(session: PlanSession, backup: Path) -> tuple[PlanSession, Path]:
    """Back the plan up as it is ("before-restore"), put the backup's contents in its place and open
    it again; a backup that does not open as a plan is undone from the safety copy. The old session
    stays usable when this fails (PlanFileError) and is closed when it succeeds."""
    path = Path(session.path)
    session.save()
    safety = backup_beside(path, "before-restore")
    restore_into(Path(backup), path)  # the session holds no connection between its writes
    try:
        reopened = PlanSession.open(path)
    except PlanFileError:
        restore_into(safety, path)
        raise
    session.close()
    return reopened, safety
