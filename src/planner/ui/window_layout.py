"""The main window's size, place and splitters: it opens fitting the screen it is on (never a fixed
size that runs off a small screen) and comes back as the user left it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

#: The size the window would like on a large screen; a smaller screen gets less.
PREFERRED = QSize(1440, 900)
#: Share of the available screen a first window takes at most, leaving the desktop visible around it.
SCREEN_SHARE = 0.96


def first_geometry(available: QRect, preferred: QSize = PREFERRED) -> QRect:
    """The window's frame on a first start: the preferred size, shrunk to fit, centred."""
    width = min(preferred.width(), int(available.width() * SCREEN_SHARE))
    height = min(preferred.height(), int(available.height() * SCREEN_SHARE))
    frame = QRect(0, 0, width, height)
    frame.moveCenter(available.center())
    return frame


def fitted(frame: QRect, available: QRect) -> QRect:
    """A remembered frame moved and shrunk as little as needed to lie wholly on the screen."""
    size = frame.size().boundedTo(available.size())
    left = min(max(frame.left(), available.left()), available.right() + 1 - size.width())
    top = min(max(frame.top(), available.top()), available.bottom() + 1 - size.height())
    return QRect(left, top, size.width(), size.height())


class Foldable(Protocol):
    def folded(self) -> list[str]: ...
    def set_folded(self, titles: list[str]) -> None: ...


class WindowLayout:
    """Restores and saves a window's geometry, named splitters and folded sections in the app's
    settings (nothing is remembered without settings, as in tests)."""

    def __init__(self, window: QMainWindow, settings: QSettings | None, splitters: list[QSplitter],
                 panel: Foldable | None = None):
        self.window = window
        self.settings = settings
        self.splitters = splitters
        self.panel = panel

    def restore(self) -> None:
        saved = self._value("window/geometry")
        if saved is None or not self.window.restoreGeometry(saved):
            self._place(first_geometry(self._available()))
        for splitter in self.splitters:
            state = self._value(f"splitters/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)
        folded = self.settings.value("planPanel/folded") if self.settings is not None else None
        if self.panel is not None and isinstance(folded, str):
            self.panel.set_folded([title for title in folded.split("|") if title])

    def fit_to_screen(self) -> None:
        """After the window is shown (its frame known): keep all of it on the screen."""
        frame, available = self.window.frameGeometry(), self._available()
        if not available.contains(frame):
            self._place(fitted(frame, available))

    def save(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        for splitter in self.splitters:
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        if self.panel is not None:
            self.settings.setValue("planPanel/folded", "|".join(self.panel.folded()))

    def _place(self, frame: QRect) -> None:
        """Set the frame (title bar and borders included) by sizing the inner window to match."""
        extra = self.window.frameGeometry().size() - self.window.geometry().size()
        inner = frame.size() - extra
        self.window.resize(inner.expandedTo(self.window.minimumSizeHint()))
        self.window.move(frame.topLeft())

    def _available(self) -> QRect:
        screen = self.window.screen()
        return screen.availableGeometry()

    def _value(self, key: str) -> QByteArray | None:
        if self.settings is None:
            return None
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
