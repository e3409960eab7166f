"""The mouse wheel turns a value only in the editor that has keyboard focus; over any other
combo box, spin box or slider it scrolls the panel, so scrolling a form never changes the plan.

One application-wide event filter serves every window and dialog, the table's delegates included.
A wheel event an unfocused editor must not take is kept from it and handed to the nearest scroll
area around it (the panel scrolls; outside a scroll area nothing happens). Editors that Qt would
focus by the wheel (``Qt.WheelFocus``, a combo box's default) take focus by click or Tab instead.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

EDITORS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, EDITORS) or isinstance(watched, QScrollBar):  # scroll bars are for scrolling
            return False
        kind = event.type()
        if kind == QEvent.Type.Polish and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and not watched.hasFocus():
            area = _scroll_area_around(watched)
            if area is not None:
                QCoreApplication.sendEvent(area.viewport(), event)
            event.accept()  # handled: nothing else (least of all the editor) takes it
            return True
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard(app: QApplication) -> None:
    """Once per application (later calls find the guard already there)."""
    if app.property("wheelGuard") is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app.setProperty("wheelGuard", guard)
