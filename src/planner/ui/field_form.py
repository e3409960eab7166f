"""A form of field editors, each bound to a (target, field) of the plan.

The form knows nothing about commands: it hands typed values to an edit callback, which answers
with a problem text (shown under the field, nothing saved) or None when the edit was taken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from planner.ui.field_editors import FieldEditor

#: (target, field, value, label) -> problem text, or None when the plan took the edit.
Edit = Callable[[str, str, Any, str], "str | None"]
#: (target, field): put the base plan's value back in the current scenario.
Reset = Callable[[str, str], None]
Key = tuple[str, str]
#: Why a field is greyed out while a scenario is selected.
BASE_ONLY = "Only the base plan sets this; select the base plan to change it for every scenario."


class FieldForm(QWidget):
    def __init__(self, edit: Edit, reset: Reset | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._edit = edit
        self._reset = reset
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[Key, FieldEditor] = {}
        self._labels: dict[Key, str] = {}

    def add(self, target: str, field_name: str, label_text: str, editor: FieldEditor,
            commit: Callable[[Any], None] | None = None) -> FieldEditor:
        """Add a row; typed values go to the edit callback, or to ``commit`` for fields that need
        more than one value before they can be saved (the sleeve weights)."""
        key = (target, field_name)
        editor.setObjectName(f"field_{target.replace(':', '_')}_{field_name.replace('.', '_')}")
        self.editors[key] = editor
        self._labels[key] = label_text.lower()
        caption = QLabel(label_text)
        caption.setBuddy(editor.input)
        caption.setToolTip(editor.input.toolTip())
        self.layout_.addRow(caption, editor)
        editor.committed.connect(commit or (lambda value, k=key: self._commit(k, value)))
        if self._reset is not None:
            editor.reset_requested.connect(lambda k=key: self._reset(*k))  # type: ignore[misc]
        return editor

    def _commit(self, key: Key, value: Any) -> None:
        problem = self._edit(key[0], key[1], value, self._labels[key])
        if problem:
            self.editors[key].show_problem(problem)

    def editor(self, target: str, field_name: str) -> FieldEditor:
        return self.editors[(target, field_name)]

    def input_widgets(self) -> list[QWidget]:
        """The inputs in form order, for tab order."""
        return [e.input for e in self.editors.values()]
