"""Call something at most once per interval: at once when the interval has passed, otherwise once
at its end (later requests in between are folded into that one call)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Pacer:
    def __init__(self, parent: QObject, interval_ms: int, call: Callable[[], None]) -> None:
        self.interval_ms = interval_ms
        self._call = call
        self._last = -1e9
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.fire)

    def request(self) -> None:
        wait = self.interval_ms - (time.perf_counter() - self._last) * 1000
        if wait <= 0:
            self.fire()
        elif not self._timer.isActive():
            self._timer.start(int(wait) + 1)

    def fire(self) -> None:
        """Call now, and start a new interval."""
        self._timer.stop()
        self._last = time.perf_counter()
        self._call()

    def cancel(self) -> None:
        """Drop a call waiting for the end of the interval."""
        self._timer.stop()
