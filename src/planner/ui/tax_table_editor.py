"""One tax table in the Plan panel's Tax section: its name, allowance, the table it sits on, and its
brackets as a small table of from-amount and rate rows with Add and Remove. Each change asks the
section for one undoable command (services/tax.py); a value the plan refuses keeps what was typed,
with the plan's message under the table, until it is corrected or the stored table changes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plan import Plan, TaxTable
from planner.services import tax
from planner.services.commands import Command
from planner.ui.formatting import currency_symbol, parse_user_number, user_locale
from planner.ui.text_looks import problem_look

#: A change to the plan, built from the plan as it is when the user commits it.
Change = Callable[[Callable[[Plan], Command]], "str | None"]
ON_ITS_OWN = "On its own"
ROWS_SHOWN = 8  # brackets visible before the table scrolls
HELP = {
    "name": "How categories and other tables name this table; unique in the plan.",
    "allowance": "A yearly amount, in today's money (grown with inflation), taxed at nothing before the brackets.",
    "sits_on": "Another table this one's income sits on top of, as US long-term gains sit on ordinary income: its "
               "brackets fill from there, and that table's unused allowance shelters this income first.",
    "brackets": "From each amount of taxable income a year (today's money), each further unit pays the rate, up to "
                "the next bracket. The first starts at 0; a single bracket is a flat rate. Type over a cell, Enter.",
}


def plain(value: Decimal, money: bool) -> str:
    """A number as the user edits it: grouped for money, as few decimals as it has."""
    locale = user_locale()
    if money and value == value.to_integral_value():
        return locale.toString(int(value))
    decimals = max(-value.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
    return locale.toString(float(value), "f", min(decimals, 6))


def read_number(text: str, what: str) -> Decimal:
    """Typed text as a number; ValueError with a sentence naming the field."""
    try:
        return Decimal(parse_user_number(text))
    except InvalidOperation:
        raise ValueError(f"{what}: {text!r} is not a number") from None


class TaxTableEditor(QGroupBox):
    def __init__(self, index: int, change: Change, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.index, self._change, self._currency = index, change, currency
        self._shown: TaxTable | None = None
        self.setObjectName(f"taxTable{index}")
        self.name = QLineEdit()
        self.allowance = QLineEdit()
        self.allowance.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.sits_on = QComboBox()
        self.sits_on.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sits_on.setMinimumContentsLength(12)
        self.brackets = self._bracket_table()
        self.add_bracket = QPushButton("Add bracket")
        self.remove_bracket = QPushButton("Remove bracket")
        self.remove_table = QPushButton("Remove table")
        self.message = QLabel()
        self.message.setObjectName("taxTableMessage")
        self.message.setWordWrap(True)
        problem_look(self.message)
        self.message.hide()
        self._lay_out()
        self._connect()

    def _bracket_table(self) -> QTableWidget:
        table = QTableWidget(0, 2)
        table.setObjectName("taxBrackets")
        table.setHorizontalHeaderLabels([f"From ({currency_symbol(self._currency)} a year)", "Rate (%)"])
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)  # compact rows
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setToolTip(HELP["brackets"])
        return table

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        allowance = QHBoxLayout()
        allowance.addWidget(self.allowance, 1)
        allowance.addWidget(QLabel(currency_symbol(self._currency)))
        for text, widget, key in (("Name", self.name, "name"), ("Allowance", allowance, "allowance"),
                                  ("Sits on", self.sits_on, "sits_on")):
            caption = QLabel(text)
            caption.setToolTip(HELP[key])
            if isinstance(widget, QWidget):
                widget.setToolTip(HELP[key])
                caption.setBuddy(widget)
            else:
                self.allowance.setToolTip(HELP[key])
                caption.setBuddy(self.allowance)
            form.addRow(caption, widget)
        buttons = QHBoxLayout()
        for button in (self.add_bracket, self.remove_bracket):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_table)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(form)
        column.addWidget(self.brackets)
        column.addLayout(buttons)
        column.addWidget(self.message)

    def _connect(self) -> None:
        self.name.editingFinished.connect(self._name_typed)
        self.allowance.editingFinished.connect(self._allowance_typed)
        self.sits_on.activated.connect(
            lambda i: self._send(lambda plan: tax.set_stacked_on(plan, self.index, self.sits_on.itemData(i))))
        self.brackets.itemChanged.connect(self._cell_typed)
        self.add_bracket.clicked.connect(lambda: self._send(lambda plan: tax.add_bracket(plan, self.index)))
        self.remove_bracket.clicked.connect(self._remove_bracket)
        self.remove_table.clicked.connect(lambda: self._send(lambda plan: tax.remove_table(plan, self.index)))

    # ----- showing ------------------------------------------------------------------------
    @property
    def problem(self) -> str:
        return "" if self.message.isHidden() else self.message.text()

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def set_table(self, table: TaxTable, others: list[str]) -> None:
        """Show the stored table; a refused edit stays on screen while the stored table is the same."""
        choices = [("", ON_ITS_OWN), *((n, n) for n in others)]
        if [(self.sits_on.itemData(i), self.sits_on.itemText(i)) for i in range(self.sits_on.count())] != choices:
            self.sits_on.clear()
            for value, text in choices:
                self.sits_on.addItem(text, value)
        if self.problem and table == self._shown:
            return
        self._shown = table
        self.message.hide()
        self.name.setText(table.name)
        self.allowance.setText(plain(table.allowance, True))
        self.sits_on.setCurrentIndex(max(self.sits_on.findData(table.stacked_on), 0))
        self._show_brackets(table)

    def _show_brackets(self, table: TaxTable) -> None:
        current = self.brackets.currentRow()
        self.brackets.blockSignals(True)
        self.brackets.setRowCount(len(table.brackets))
        for row, bracket in enumerate(table.brackets):
            for column, (value, money) in enumerate(((bracket.from_amount, True), (bracket.rate, False))):
                item = QTableWidgetItem(plain(value, money))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.brackets.setItem(row, column, item)
        self.brackets.blockSignals(False)
        if 0 <= current < len(table.brackets):
            self.brackets.setCurrentCell(current, self.brackets.currentColumn())
        rows = min(max(len(table.brackets), 1), ROWS_SHOWN)
        height = self.brackets.horizontalHeader().sizeHint().height() + 2 * self.brackets.frameWidth()
        self.brackets.setFixedHeight(height + rows * self.brackets.verticalHeader().defaultSectionSize())
        self.remove_bracket.setEnabled(len(table.brackets) > 1)

    def set_locked(self, reason: str) -> None:
        for widget in (self.name, self.allowance, self.sits_on, self.brackets, self.add_bracket,
                       self.remove_bracket, self.remove_table):
            widget.setEnabled(not reason)
        self.setToolTip(reason)
        if not reason and self._shown is not None:
            self.remove_bracket.setEnabled(len(self._shown.brackets) > 1)

    # ----- changes ------------------------------------------------------------------------
    def _send(self, build: Callable[[Plan], Command]) -> None:
        problem = self._change(build)
        if problem:
            self.show_problem(problem)
        else:
            self.message.hide()  # taken, or typed back as it was

    def _name_typed(self) -> None:
        name = self.name.text().strip()
        if self._shown is not None and (name != self._shown.name or self.problem):
            self._send(lambda plan: tax.rename_table(plan, self.index, name))

    def _allowance_typed(self) -> None:
        if self._shown is None or (self.allowance.text() == plain(self._shown.allowance, True) and not self.problem):
            return
        try:
            value = read_number(self.allowance.text(), "Allowance")
        except ValueError as error:
            self.show_problem(str(error))
            return
        self._send(lambda plan: tax.set_allowance(plan, self.index, value))

    def _cell_typed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        cells = [self.brackets.item(row, column) for column in (0, 1)]
        try:
            start, rate = (read_number(c.text() if c else "", what) for c, what in zip(cells, ("From", "Rate"),
                                                                                      strict=True))
        except ValueError as error:
            self.show_problem(str(error))
            return
        self._send(lambda plan: tax.set_bracket(plan, self.index, row, start, rate))

    def _remove_bracket(self) -> None:
        row = self.brackets.currentRow()
        count = self.brackets.rowCount()
        self._send(lambda plan: tax.remove_bracket(plan, self.index, row if 0 <= row < count else count - 1))

    def input_widgets(self) -> list[QWidget]:
        return [self.name, self.allowance, self.sits_on, self.brackets, self.add_bracket, self.remove_bracket,
                self.remove_table]
