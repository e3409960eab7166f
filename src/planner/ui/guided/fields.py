"""Number fields of the guided start, read and checked like the plan editor reads them (the
locale's grouping and currency symbols allowed) against the same bounds."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from planner.domain.fields import FieldSpec
from planner.ui.field_editors import format_plain
from planner.ui.formatting import parse_user_number


class NumberField(QLineEdit):
    """A line edit for one numeric field; ``value()`` is the checked number or None (problem set)."""

    def __init__(self, spec: FieldSpec, initial: Decimal | int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.key)
        self.setAccessibleName(spec.label)
        self.setToolTip(spec.help)
        self.setText(format_plain(Decimal(initial if initial is not None else spec.default), spec))
        self.problem = ""

    def value(self) -> Decimal | None:
        number, problem = self.spec.check(parse_user_number(self.text()))
        self.problem = problem or ""
        return number


def problem_label() -> QLabel:
    """Where a page says what stops it from going on."""
    label = QLabel()
    label.setObjectName("problem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020")
    return label


def first_problem(fields: list[NumberField]) -> str:
    """The first field's problem, checking every field (so each knows its own)."""
    problems = [field.problem for field in fields if field.value() is None]
    return problems[0] if problems else ""
