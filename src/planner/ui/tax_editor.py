"""The body of the Plan panel's Tax section: the tax rules (Flat rates or a country's preset, one
edit), the withdrawal order after the stop, the marginal tax on pay; for each income category the
table that taxes it or its flat rate (which stays editable); and the tables themselves
(ui/tax_table_editor.py), with Add table. The tables, the preset and the categories' tables belong
to the base plan; a scenario may change the withdrawal order and the tax on pay."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.domain.enums import TaxCategory, WithdrawalOrder
from planner.domain.fields import FieldSpec
from planner.domain.plan import Plan
from planner.domain.record_fields import ASSUMPTION_FIELDS, TAX_RATE_FIELDS
from planner.services import tax
from planner.services.commands import Command
from planner.services.edits import TAX_RATES
from planner.ui.field_editors import ChoiceEditor, NumberEditor
from planner.ui.field_form import BASE_ONLY, Edit, FieldForm, Reset
from planner.ui.keyed_choice import KeyedChoiceEditor
from planner.ui.tax_table_editor import TaxTableEditor

#: Runs a command built from the plan as it is now: None, or the plan's reason for refusing it.
Perform = Callable[[Command], "str | None"]
FLAT_RATE = "Flat rate"
ORDER_NAMES = {"taxable_first": "Taxable, then deferred, then free", "proportional": "Proportionally",
               "low_bracket_first": "Fill the low brackets from deferred first"}
PRESET_HELP = ("Flat rates: each category pays its rate below. A country's preset fills progressive tables (with "
               "their year and source, docs/engine.md) and says which categories each taxes; any edit of a table "
               "makes it Custom.")
ORDER_HELP = ("Which accounts pay after the stop month, among those that can be drawn without a penalty: taxable "
              "first, then tax-deferred, then tax-free; in proportion to their balances; or tax-deferred first up "
              "to the top of the lowest bracket. Penalised withdrawals come last whatever the order.")
CATEGORY_HELP = "Taxed by a table (summed with the year's other income in it), or at the flat rate beside it."


class CategoryRateEditor(NumberEditor):
    """A category's flat rate, with the choice of the table that taxes it in front of it."""

    table_chosen = Signal(str)

    def __init__(self, spec: FieldSpec, currency: str, parent: QWidget | None = None):
        super().__init__(spec, currency, parent=parent)
        self.table = QComboBox()
        self.table.setObjectName(f"taxedBy_{spec.key}")
        self.table.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.table.setMinimumContentsLength(10)
        self.table.setToolTip(CATEGORY_HELP)
        row = self.layout().itemAt(0).layout()
        assert isinstance(row, QHBoxLayout)
        row.insertWidget(0, self.table, 2)
        self.input.setMaximumWidth(64)
        self.table.activated.connect(lambda index: self.table_chosen.emit(self.table.itemData(index)))

    def set_table(self, names: list[str], chosen: str) -> None:
        choices = [("", FLAT_RATE), *((n, n) for n in names)]
        if [(self.table.itemData(i), self.table.itemText(i)) for i in range(self.table.count())] != choices:
            self.table.clear()
            for value, text in choices:
                self.table.addItem(text, value)
        self.table.setCurrentIndex(max(self.table.findData(chosen), 0))
        palette = self.input.palette()  # the flat rate, greyed while a table taxes the category (still editable)
        role = QPalette.ColorRole.PlaceholderText if chosen else QPalette.ColorRole.Text
        palette.setColor(QPalette.ColorRole.Text, QApplication.palette().color(role))
        self.input.setPalette(palette)
        self.unit_label.setToolTip(f"Not used while {chosen} taxes this category; used at Flat rate." if chosen
                                   else "")

    def set_locked(self, reason: str) -> None:
        super().set_locked(reason)
        self.table.setEnabled(not reason)


class TaxSection(QWidget):
    def __init__(self, edit: Edit, reset: Reset, perform: Perform, currency: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._perform, self._currency = perform, currency
        self._plan: Plan | None = None
        self.rules = FieldForm(edit, reset)
        self.preset = KeyedChoiceEditor(PRESET_HELP, list(tax.tax_preset_names().items()))
        self.rules.add("assumptions", "tax_preset", "Tax rules", self.preset, self._preset_chosen)
        self.rules.add("assumptions", "withdrawal_order", "Withdrawal order",
                       ChoiceEditor(WithdrawalOrder, ORDER_HELP, ORDER_NAMES))
        spec = next(s for s in ASSUMPTION_FIELDS if s.key == "pay_tax_rate")
        self.rules.add("assumptions", spec.key, spec.label, NumberEditor(spec, currency))
        self.categories = FieldForm(edit, reset)
        for rate in TAX_RATE_FIELDS:
            editor = CategoryRateEditor(rate, currency)
            self.categories.add(TAX_RATES, rate.key, rate.label, editor)
            editor.table_chosen.connect(lambda name, key=rate.key: self._category_chosen(TaxCategory(key), name))
        self.tables: list[TaxTableEditor] = []
        self._tables_column = QVBoxLayout()
        self.add_table = QPushButton("Add table")
        self.add_table.setObjectName("addTaxTable")
        self.add_table.clicked.connect(lambda: self._change(tax.add_table))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.rules)
        column.addWidget(_heading("Income categories", CATEGORY_HELP))
        column.addWidget(self.categories)
        column.addWidget(_heading("Tax tables", "Progressive schedules in today's money, grown with inflation."))
        column.addLayout(self._tables_column)
        column.addWidget(self.add_table)
        self.forms = [self.rules, self.categories]

    def show_plan(self, plan: Plan, scenario: str | None) -> None:
        """After the panel showed the forms' values: the categories' tables and the tables themselves."""
        self._plan = plan
        assumptions = plan.assumptions
        names = [t.name for t in assumptions.tax_tables]
        chosen = dict(assumptions.category_tables)
        for (_, key), editor in self.categories.editors.items():
            assert isinstance(editor, CategoryRateEditor)
            editor.set_table(names, chosen.get(TaxCategory(key), ""))
        custom = assumptions.tax_preset == tax.CUSTOM
        offered = {k: v for k, v in tax.tax_preset_names().items() if custom or k != tax.CUSTOM}
        self.preset.set_choices(list(offered.items()))
        self.preset.set_value(assumptions.tax_preset)
        self._show_tables(plan, "" if scenario is None else BASE_ONLY)

    def _show_tables(self, plan: Plan, locked: str) -> None:
        tables = plan.assumptions.tax_tables
        while len(self.tables) > len(tables):
            self.tables.pop().deleteLater()
        while len(self.tables) < len(tables):
            editor = TaxTableEditor(len(self.tables), self._change, self._currency)
            self._tables_column.addWidget(editor)
            self.tables.append(editor)
        if self.tables:
            QWidget.setTabOrder(self.tables[-1].remove_table, self.add_table)  # Add table after the tables
        for editor, table in zip(self.tables, tables, strict=True):
            editor.set_table(table, [t.name for t in tables if t.name != table.name])
            editor.set_locked(locked)
        self.add_table.setEnabled(not locked)
        self.add_table.setToolTip(locked or "A new table at 0 %; choose it for a category to use it.")

    def _change(self, build: Callable[[Plan], Command]) -> str | None:
        assert self._plan is not None
        command = build(self._plan)
        return None if tax.is_empty(command) else self._perform(command)

    def _preset_chosen(self, key: str) -> None:
        if self._plan is None or key == self._plan.assumptions.tax_preset or key == tax.CUSTOM:
            return
        problem = self._change(lambda plan: tax.tax_preset_command(plan, key))
        if problem:
            self.preset.show_problem(problem)

    def _category_chosen(self, category: TaxCategory, name: str) -> None:
        problem = self._change(lambda plan: tax.set_category_table(plan, category, name))
        if problem:
            self.categories.editor(TAX_RATES, category.value).show_problem(problem)

    def order_tabs(self) -> None:
        """Tab meets each category's table before its rate, as they read (once the panel is built)."""
        for editor in self.categories.editors.values():
            assert isinstance(editor, CategoryRateEditor)
            editor.setFocusProxy(editor.table)  # Tab onto the row lands on its first input, the table
            QWidget.setTabOrder(editor.table, editor.input)

    def input_widgets(self) -> list[QWidget]:
        return [w for table in self.tables for w in table.input_widgets()] + [self.add_table]


def _heading(text: str, tooltip: str) -> QLabel:
    heading = QLabel(f"<b>{text}</b>")
    heading.setToolTip(tooltip)
    return heading
