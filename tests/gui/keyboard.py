"""Driving the window the way a keyboard user does: Tab to a field, type, press Enter; answer
dialogs with keys. tab_to fails when Tab never reaches the widget, so it also tests tab order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

MAX_TABS = 400


def tab_to(qtbot, window: QWidget, target: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until target has the focus."""
    if QApplication.activeModalWidget() is None and QApplication.activeWindow() is not window:
        activate(window)
    for _ in range(MAX_TABS):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {target.objectName() or target}")


def type_in(qtbot, window: QWidget, target: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tab to a line edit, replace its text and press Enter."""
    tab_to(qtbot, window, target)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def choose(qtbot, window: QWidget, combo: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tab to a closed combo box and move with arrow keys to the item reading text."""
    tab_to(qtbot, window, combo)
    for key in (Qt.Key.Key_Home, *[Qt.Key.Key_Down] * combo.count()):  # type: ignore[attr-defined]
        if combo.currentText() == text:  # type: ignore[attr-defined]
            return
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text  # type: ignore[attr-defined]


def activate(window: QWidget) -> None:
    """Show and activate the window: keys and shortcuts reach only the active window."""
    from PySide6.QtTest import QTest

    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window, 3000)
    for _ in range(100):  # offscreen, a window closing does not hand activation back at once
        if QApplication.activeWindow() is window:
            return
        window.windowHandle().requestActivate()
        QTest.qWait(10)
    raise AssertionError(f"{window} never became the active window")


def shortcut(qtbot, window: QWidget, keys: str) -> None:  # type: ignore[no-untyped-def]
    """Press a key sequence such as "Ctrl+Shift+A" on the focused widget."""
    from PySide6.QtGui import QKeySequence

    combination = QKeySequence(keys)[0]
    if QApplication.activeModalWidget() is None and QApplication.activeWindow() is not window:
        activate(window)
    qtbot.keyClick(QApplication.focusWidget() or window, combination.key(), combination.keyboardModifiers())


def answer_dialog(qtbot, act: Callable[[QWidget], None]) -> None:  # type: ignore[no-untyped-def]
    """Run act on the next modal dialog once it is open (the call that opens it blocks until it closes)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, attempt)
            return
        try:
            activate(dialog)
            act(dialog)
        except BaseException:
            dialog.close()  # let the blocked call return; pytest-qt reports the error
            raise

    QTimer.singleShot(0, attempt)


def type_here(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over the focused field's selected text and press Enter."""
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def undo_all_then_redo_all(qtbot, window: QWidget):  # type: ignore[no-untyped-def]
    """Undo every step, read the saved plan, redo every step; returns the plan as it was undone."""
    from tests.helpers import saved_plan

    steps = window.editor.stack.index()
    for _ in range(steps):
        shortcut(qtbot, window, "Ctrl+Z")
    undone = saved_plan(window)
    for _ in range(steps):
        shortcut(qtbot, window, "Ctrl+Y")
    return undone
