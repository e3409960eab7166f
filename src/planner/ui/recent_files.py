"""The recently opened plans, newest first, kept in the app's QSettings (window state, not a
preference). Files that no longer exist are dropped when the list is read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent/plans"
MAXIMUM = 8


class RecentFiles:
    def __init__(self, settings: QSettings | None):
        # without settings (tests, self-test) the list lives only as long as the window
        self._settings = settings
        self._memory: list[str] = []

    def paths(self) -> list[Path]:
        stored = self._memory if self._settings is None else self._settings.value(KEY, [])
        names = [stored] if isinstance(stored, str) else list(stored or [])
        return [Path(n) for n in names if Path(n).exists()]

    def add(self, path: Path) -> None:
        resolved = Path(path).resolve()
        kept = [p for p in self.paths() if p.resolve() != resolved]
        names = [str(p) for p in [resolved, *kept][:MAXIMUM]]
        if self._settings is None:
            self._memory = names
            return
        self._settings.setValue(KEY, names)
        self._settings.sync()

