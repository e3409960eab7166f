"""Inputs for one plan field each: the value in the user's locale, its unit beside it, a tooltip
saying what it does and where its default comes from, and an inline message when a typed value is
refused. A refused value stays in the field for the user to correct; nothing is saved.

Every editor emits ``committed(value)`` with a typed value (Decimal, int, str, bool, enum member or
YearMonth) and leaves saving to whoever listens.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.calendar import YearMonth
from planner.domain.fields import FieldSpec
from planner.domain.plan import Household
from planner.services.month_entry import MONTH_HINT, parse_month_entry
from planner.ui.formatting import currency_symbol, label, user_locale
from planner.ui.text_looks import hint_look, problem_look

OVERRIDE_STYLE = "font-weight: bold;"


class FieldEditor(QWidget):
    """Common frame: the input, its unit, a reset button for scenario overrides, a message line."""

    committed = Signal(object)
    reset_requested = Signal()

    def __init__(self, input_widget: QWidget, unit: str = "", tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.input = input_widget
        self.input.setToolTip(tooltip)
        self._tooltip = self._tip = tooltip
        self._overridden = False
        self._last_value: Any = None
        self._note = ""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        self.unit_label = QLabel(unit)
        self.unit_label.setMinimumWidth(56)  # inputs line up whatever their unit
        self.unit_label.setVisible(bool(unit))
        row.addWidget(self.unit_label)
        self.reset_button = QToolButton()
        self.reset_button.setText("Reset")
        self.reset_button.setToolTip("Use the base plan's value in this scenario")
        self.reset_button.setVisible(False)
        self.reset_button.clicked.connect(self.reset_requested)
        row.addWidget(self.reset_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        column.addWidget(self.message)
        self.hint = QLabel()
        self.hint.setObjectName("fieldHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        column.addWidget(self.hint)
        self.setFocusProxy(self.input)
        self.input.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Ctrl+Z / Ctrl+Y in a field undo the plan's last edit, unless the field has typing of its
        own to undo (a line edit claims those keys for itself, which would make them dead keys)."""
        if watched is self.input and event.type() == QEvent.Type.ShortcutOverride:
            own_undo = event.matches(QKeySequence.StandardKey.Undo) and _can(self.input, "isUndoAvailable")
            own_redo = event.matches(QKeySequence.StandardKey.Redo) and _can(self.input, "isRedoAvailable")
            plan_key = event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            if plan_key and not (own_undo or own_redo):
                return True  # not accepted: the window's Undo/Redo shortcut runs
        return super().eventFilter(watched, event)

    def show_problem(self, text: str) -> None:
        problem_look(self.message)
        self.message.setText(text)
        self.message.setVisible(True)

    def clear_problem(self) -> None:
        self.message.clear()
        self.message.setVisible(False)

    @property
    def problem(self) -> str:
        """The refused value's message; kept while the editor's tab or section is out of sight."""
        return "" if self.message.isHidden() else self.message.text()

    def set_value(self, value: Any, overridden: bool = False, base_text: str = "") -> None:
        """Show a stored value; ``overridden`` marks a scenario's own value (base value in the tooltip).

        A refused text stays in the field until the user corrects it or the stored value changes,
        so an edit elsewhere does not wipe what they typed.
        """
        if self.problem and value == self._last_value:
            return
        self._last_value = value
        self.clear_problem()
        self._show(value)
        if overridden != self._overridden:  # a style sheet set again re-polishes the field: only on change
            self._overridden = overridden
            self.input.setStyleSheet(OVERRIDE_STYLE if overridden else "")
            self.reset_button.setVisible(overridden)
        self._note = f"\n\nThis scenario changes it; the base plan has {base_text}." if overridden else ""
        self._set_tip(self._tooltip + self._note)

    def _set_tip(self, text: str) -> None:
        """Tooltips are set on every refresh of every field (about 270 an edit): only the changed ones reach Qt."""
        if text != self._tip:
            self._tip = text
            self.input.setToolTip(text)

    def set_hint(self, text: str) -> None:
        """A standing note under the field about what it means now (not a problem: nothing was refused)."""
        if text:
            hint_look(self.hint)
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_locked(self, reason: str) -> None:
        """Disable the field with a reason (e.g. a scenario cannot rename a stream), or enable it."""
        self.input.setEnabled(not reason)
        self._set_tip(reason or self._tooltip + self._note)

    def _show(self, value: Any) -> None:
        raise NotImplementedError


class NumberEditor(FieldEditor):
    """A number with bounds from its FieldSpec; money is shown with two decimals."""

    def __init__(self, spec: FieldSpec, currency: str, whole: bool = False, parent: QWidget | None = None):
        self.spec = spec
        self._whole = whole  # the record stores an int (years, paths), not a Decimal
        self._shown = ""
        self._currency = ""
        line = QLineEdit()
        line.setAlignment(Qt.AlignmentFlag.AlignRight)
        super().__init__(line, "", "", parent)
        self.set_currency(currency)
        line.editingFinished.connect(self._finish)

    def set_currency(self, currency: str) -> None:
        """Money fields show the plan's currency; it can change (File > Open, the Currency field).
        The forms call this on every refresh: the same currency changes nothing."""
        if currency == self._currency:
            return
        self._currency = currency
        unit = (currency_symbol(currency) if self.spec.unit.is_money else "") + self.spec.unit.suffix
        self.unit_label.setText(unit)
        self.unit_label.setVisible(bool(unit))
        self._tooltip = field_tooltip(self.spec, currency)
        self._set_tip(self._tooltip + self._note)

    def _show(self, value: Any) -> None:
        self._shown = format_plain(Decimal(value), self.spec)
        self.input.setText(self._shown)  # type: ignore[attr-defined]

    def _finish(self) -> None:
        from planner.ui.formatting import parse_user_number

        text = self.input.text()  # type: ignore[attr-defined]
        if text == self._shown and not self.problem:
            return
        number, problem = self.spec.check(parse_user_number(text) if text.strip() else text)
        if problem:
            self.show_problem(problem)
            return
        assert number is not None
        self.clear_problem()
        self.committed.emit(int(number) if self._whole else number)


class ChoiceEditor(FieldEditor):
    """One of a closed set (an enum); a pick is committed at once."""

    def __init__(self, choices: type[StrEnum], tooltip: str = "", names: dict[str, str] | None = None,
                 parent: QWidget | None = None):
        combo = QComboBox()
        self._choices = list(choices)
        for choice in self._choices:
            combo.addItem((names or {}).get(choice.value, label(choice.value)), choice.value)
        super().__init__(combo, "", tooltip, parent)
        combo.activated.connect(lambda index: self.committed.emit(self._choices[index]))

    def _show(self, value: Any) -> None:
        combo: QComboBox = self.input  # type: ignore[assignment]
        combo.setCurrentIndex(self._choices.index(value))


class CheckEditor(FieldEditor):
    def __init__(self, text: str, tooltip: str = "", parent: QWidget | None = None):
        box = QCheckBox(text)
        super().__init__(box, "", tooltip, parent)
        box.clicked.connect(lambda checked: self.committed.emit(bool(checked)))

    def _show(self, value: Any) -> None:
        self.input.setChecked(bool(value))  # type: ignore[attr-defined]

    def set_text(self, text: str, tooltip: str) -> None:
        """Say what the box means now (the same field reads differently in a scenario)."""
        self.input.setText(text)  # type: ignore[attr-defined]
        self._tooltip = tooltip
        self._set_tip(tooltip + self._note)


class TextEditor(FieldEditor):
    """Free text (names, notes); committed when editing finishes and the text changed."""

    def __init__(self, tooltip: str = "", placeholder: str = "", parent: QWidget | None = None):
        line = QLineEdit()
        line.setPlaceholderText(placeholder)
        super().__init__(line, "", tooltip, parent)
        self._shown = ""
        line.editingFinished.connect(self._finish)

    def _show(self, value: Any) -> None:
        self._shown = str(value)
        self.input.setText(self._shown)  # type: ignore[attr-defined]
        self.input.setCursorPosition(0)  # type: ignore[attr-defined] # long notes show their start

    def _finish(self) -> None:
        text = self.input.text().strip()  # type: ignore[attr-defined]
        if text != self._shown or self.problem:
            self.committed.emit(text)


class MonthEditor(TextEditor):
    """A calendar month typed as YYYY-MM; optional months accept an empty field (None)."""

    def __init__(self, tooltip: str = "", optional: bool = False, parent: QWidget | None = None):
        super().__init__(tooltip, "YYYY-MM, empty: to the horizon" if optional else "YYYY-MM", parent)
        self._optional = optional

    def _show(self, value: Any) -> None:
        super()._show("" if value is None else str(value))

    def _finish(self) -> None:
        text = self.input.text().strip()  # type: ignore[attr-defined]
        if text == self._shown and not self.problem:
            return
        if not text and self._optional:
            self.clear_problem()
            self.committed.emit(None)
            return
        try:
            month = self._parse(text)
        except ValueError as error:
            self.show_problem(str(error))
            return
        self.clear_problem()
        self.committed.emit(month)
        self._after_commit(text, month)

    def _parse(self, text: str) -> YearMonth:
        """The month typed; ValueError with a sentence for the user."""
        return YearMonth.parse(text)

    def _after_commit(self, text: str, month: YearMonth) -> None:
        """Hook for a month typed in another form than the one shown (see AgeMonthEditor)."""


class AgeMonthEditor(MonthEditor):
    """A month typed as YYYY-MM or as an age ("age 50": January of the year the first adult turns 50),
    shown as YYYY-MM with the adults' ages beside it. It needs the household (``set_household``)."""

    def __init__(self, household: Household, tooltip: str = "", optional: bool = False,
                 parent: QWidget | None = None):
        super().__init__(tooltip, optional, parent)
        self.household = household
        self.input.setPlaceholderText(f"{MONTH_HINT}, empty: to the end" if optional else MONTH_HINT)  # type: ignore[attr-defined]

    def set_household(self, household: Household) -> None:
        self.household = household

    def _show(self, value: Any) -> None:
        super()._show(value)
        self.unit_label.setText("" if value is None else self.household.ages_text(value))
        self.unit_label.setVisible(value is not None)

    def _parse(self, text: str) -> YearMonth:
        return parse_month_entry(text, self.household)

    def _after_commit(self, text: str, month: YearMonth) -> None:
        if not self.problem and self.input.text().strip() == text and month == self._last_value:  # type: ignore[attr-defined]
            self._show(month)  # "age 50" for the month already stored: nothing saved, shown as a month


def _can(widget: QWidget, method: str) -> bool:
    check = getattr(widget, method, None)
    return bool(check()) if check is not None else False


def format_plain(value: Decimal, spec: FieldSpec) -> str:
    """The number as the user edits it: grouped in the locale, two decimals for money."""
    locale = user_locale()
    if spec.unit.is_money:
        return locale.toString(float(value), "f", 2)
    if spec.integer or value == value.to_integral_value():
        return locale.toString(int(value)) if spec.grouped else str(int(value))
    decimals = min(-value.normalize().as_tuple().exponent, 6)  # type: ignore[operator]
    return locale.toString(float(value), "f", decimals)


def field_tooltip(spec: FieldSpec, currency: str) -> str:
    default = format_plain(spec.default, spec)
    unit = currency_symbol(currency) + spec.unit.suffix if spec.unit.is_money else spec.unit.suffix
    return f"{spec.help}\n\nDefault {default} {unit}".rstrip() + f". Source: {spec.source}"
