"""Whether a person is there to answer a dialog: offscreen (tests, the self-test, benchmarks)
nobody is, and a modal question would wait forever, so callers take their safe default instead."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def can_ask() -> bool:
    return QApplication.platformName() != "offscreen"
