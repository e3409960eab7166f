"""The mouse wheel turns a value only in the editor that has keyboard focus; over any other
combo box, spin box or slider it scrolls the panel, so scrolling a form never changes the plan.

One guard serves every window and dialog, the table's delegates included: the application's style
(the platform's own, wrapped) hands the guard each editor as Qt polishes it, and the guard watches
that editor's events only. An application-wide event filter did the same, but it ran Python for
every event of every widget: a third of the time the main window took to build and show.
A wheel event an unfocused editor must not take is kept from it and handed to the nearest scroll
area around it (the panel scrolls; outside a scroll area nothing happens). Editors that Qt would
focus by the wheel (``Qt.WheelFocus``, a combo box's default) take focus by click or Tab instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QProxyStyle,
    QScrollBar,
    QWidget,
)

EDITORS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    """Installed on each editor: keeps the wheel from an editor without focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():  # type: ignore[attr-defined]
            area = _scroll_area_around(watched)  # type: ignore[arg-type]
            if area is not None:
                QCoreApplication.sendEvent(area.viewport(), event)
            event.accept()  # handled: nothing else (least of all the editor) takes it
            return True
        return False


class _GuardingStyle(QProxyStyle):
    """The application's own style, which also hands each editor to the guard as it is polished."""

    def __init__(self, base: str, guard: WheelGuard) -> None:
        super().__init__(base)
        self.guard = guard

    def polish(self, target: Any) -> Any:  # QStyle.polish has three overloads: widget, palette, application
        if isinstance(target, EDITORS) and not isinstance(target, QScrollBar):  # scroll bars are for scrolling
            if target.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            target.installEventFilter(self.guard)  # installed again on a re-polish: moved, not doubled
        return super().polish(target)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard(app: QApplication) -> None:
    """Once per application (later calls find the guard already there). The style wrapped is a new
    instance of the one the application uses (the application deletes the style it replaces)."""
    if app.property("wheelGuard") is None:
        guard = WheelGuard(app)
        app.setStyle(_GuardingStyle(app.style().name(), guard))
        app.setProperty("wheelGuard", guard)
