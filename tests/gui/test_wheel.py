"""The mouse wheel never changes the plan by accident: over an unfocused combo box, spin box or
slider it scrolls the panel; only the editor with keyboard focus takes it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollBar, QWidget

from tests.helpers import saved_plan

EDITORS = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One wheel turn over the widget's centre, delivered as Qt delivers a real one."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def visible_editors(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if isinstance(w, EDITORS) and not isinstance(w, QScrollBar) and w.isVisible() and w.isEnabled()]


def test_the_wheel_over_any_unfocused_editor_changes_nothing(demo_window, qtbot):
    window = demo_window
    window._select_uid("saas")  # a business: the stream editor shows its "Taxed as" and policy boxes
    window.plan_settings.set_folded([])  # every section open: the return model box too
    before, steps = saved_plan(window), window.editor.stack.count()
    editors = visible_editors(window)
    for tab in range(6):  # every what-if tab's boxes (paths, age, goal, step, preset…)
        window.open_whatif(tab)
        editors += [e for e in visible_editors(window.whatif) if e not in editors]
    assert len(editors) >= 15  # the plan's choices, the stream's choices, the what-if boxes
    for editor in editors:
        window.table.setFocus()
        assert not editor.hasFocus()
        state = editor.currentIndex() if isinstance(editor, QComboBox) else editor.value()
        for notches in (-1, 1, -3):
            wheel(editor, notches)
        assert (editor.currentIndex() if isinstance(editor, QComboBox) else editor.value()) == state, editor
        assert not editor.hasFocus()
    assert window.editor.stack.count() == steps
    assert saved_plan(window) == before


def test_the_wheel_over_an_editor_scrolls_its_panel(demo_window, qtbot):
    settings = demo_window.plan_settings
    settings.resize(settings.width(), 300)
    bar = settings.verticalScrollBar()
    bar.setValue(0)
    box = settings.editor("fi_rule", "withdrawal_method").input
    settings.ensureWidgetVisible(box)
    choice, start = box.currentIndex(), bar.value()
    assert 0 < start < bar.maximum()  # room to scroll either way
    wheel(box, 2)
    assert bar.value() < start  # the panel scrolled up
    settings.ensureWidgetVisible(box)
    start = bar.value()
    wheel(box, -2)
    assert bar.value() > start  # and down
    assert box.currentIndex() == choice  # the box kept its choice


def test_the_editor_with_focus_still_takes_the_wheel(demo_window, qtbot):
    demo_window.plan_settings.set_folded([])
    box = demo_window.plan_settings.editor("assumptions", "return_model").input
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    first = box.currentIndex()
    wheel(box, -1)
    assert box.currentIndex() != first
