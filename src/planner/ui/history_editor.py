"""The Assumptions field "History table": which history the historical return models replay, the
one that ships with the app or a table imported into the plan, with a way to remove an imported
one (File > Import Returns Table adds them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from planner.domain.plan import BUILT_IN_HISTORY
from planner.ui.field_editors import FieldEditor

TOOLTIP = ("Which monthly history the historical return models replay, and the backtest (What-if > Backtest) "
           "runs on: the US history 1871–2023 built from Robert Shiller's public data, or a table imported with "
           "File > Import Returns Table.")


class HistoryEditor(FieldEditor):
    """A choice among the plan's histories (key, label); picking one commits its key."""

    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        combo = QComboBox()
        combo.setObjectName("historyTableChoice")
        super().__init__(combo, "", TOOLTIP, parent)
        self.remove_button = QToolButton()
        self.remove_button.setText("Remove")
        self.remove_button.setObjectName("removeReturnsTable")
        self.remove_button.setToolTip("Remove the chosen imported table from the plan (Undo puts it back)")
        row = self.layout().itemAt(0).layout()
        assert isinstance(row, QHBoxLayout)
        row.insertWidget(1, self.remove_button)
        combo.activated.connect(lambda index: self.committed.emit(combo.itemData(index)))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(combo.currentData()))

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """The histories to offer, as (key, label); kept when unchanged so an open list stays open."""
        combo: QComboBox = self.input  # type: ignore[assignment]
        if [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())] == choices:
            return
        combo.blockSignals(True)
        combo.clear()
        for key, text in choices:
            combo.addItem(text, key)
        combo.blockSignals(False)
        self._last_value = None  # the list changed: show the stored value again

    def _show(self, value: Any) -> None:
        combo: QComboBox = self.input  # type: ignore[assignment]
        combo.setCurrentIndex(max(combo.findData(value), 0))
        self.remove_button.setEnabled(value != BUILT_IN_HISTORY)

    def set_locked(self, reason: str) -> None:
        super().set_locked(reason)
        self.remove_button.setEnabled(not reason and self.input.currentData() != BUILT_IN_HISTORY)  # type: ignore[attr-defined]
