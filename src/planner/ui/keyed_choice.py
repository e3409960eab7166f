"""A choice among values that are not an enum, each with its own words: a stream's account (None
or one of the plan's accounts, by name), an account's owner (you, or the partner when there is one),
what a tax table sits on. The values offered can change with the plan; picking one commits it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from planner.ui.field_editors import FieldEditor


class KeyedChoiceEditor(FieldEditor):
    """A combo box of (value, text); ``set_choices`` replaces them, ``set_enabled_values`` greys some."""

    def __init__(self, tooltip: str = "", choices: list[tuple[Any, str]] | None = None,
                 parent: QWidget | None = None):
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)  # long names are cut short, the panel stays narrow
        super().__init__(combo, "", tooltip, parent)
        self._values: list[Any] = []
        self.set_choices(choices or [])
        combo.activated.connect(lambda index: self.committed.emit(self._values[index]))

    @property
    def combo(self) -> QComboBox:
        return self.input  # type: ignore[return-value]

    def set_choices(self, choices: list[tuple[Any, str]]) -> None:
        """The values to offer; kept when unchanged so an open list stays open."""
        if [(v, self.combo.itemText(i)) for i, v in enumerate(self._values)] == choices:
            return
        self.combo.blockSignals(True)
        self.combo.clear()
        self._values = [value for value, _ in choices]
        for _, text in choices:
            self.combo.addItem(text)
        self.combo.blockSignals(False)
        self._last_value = None  # the list changed: show the stored value again

    def set_enabled_values(self, enabled: set[Any]) -> None:
        """Grey the values not in ``enabled`` (still shown: the stored one may be among them)."""
        model = self.combo.model()
        assert isinstance(model, QStandardItemModel)
        for index, value in enumerate(self._values):
            model.item(index).setEnabled(value in enabled)

    def _show(self, value: Any) -> None:
        self.combo.setCurrentIndex(self._values.index(value) if value in self._values else -1)
