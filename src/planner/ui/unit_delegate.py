"""Cell editor for the streams table: numbers are edited as the user's locale writes them,
right-aligned, with the field's unit, bounds and default source in the tooltip (the model reads
the text back with the same locale rules and refuses values outside the bounds)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from planner.ui.field_editors import field_tooltip
from planner.ui.formatting import currency_symbol


class UnitDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        spec, currency = _spec_of(index)
        if spec is not None and isinstance(editor, QLineEdit):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            unit = (currency_symbol(currency) if spec.unit.is_money else "") + spec.unit.suffix
            editor.setPlaceholderText(unit)
            editor.setToolTip(field_tooltip(spec, currency))
        return editor


def _spec_of(index: QModelIndex | QPersistentModelIndex) -> tuple[Any, str]:
    """The field spec and currency behind a (possibly proxied) index."""
    model = index.model()
    while hasattr(model, "sourceModel"):
        index = model.mapToSource(index)  # type: ignore[attr-defined]
        model = model.sourceModel()  # type: ignore[attr-defined]
    if not hasattr(model, "spec"):
        return None, ""
    return model.spec(index.column()), model.currency  # type: ignore[attr-defined]
