"""Spending phases, one-off events or accounts as a read-only table, as the shown scenario sees them: the
selected row is edited in the form beside it (ui/item_pane.py). Rows a scenario (or the base plan)
leaves out stay listed, greyed, so they can be put back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from planner.domain.calendar import YearMonth
from planner.domain.field_refs import ACCOUNT, PHASE
from planner.domain.plan import Account, OneOffEvent, Plan, SpendingPhase
from planner.services.accounts import OWNER_NAMES, TYPE_NAMES, preset_names, streams_in
from planner.services.edits import scenario_view
from planner.services.items import ItemRow, item_rows
from planner.ui.formatting import money

Index = QModelIndex | QPersistentModelIndex
COLUMNS = {PHASE: ("Name", "A month", "From", "Until", "Included"),
           "event": ("Name", "Amount", "Month", "Repeats", "Probability", "Included"),
           ACCOUNT: ("Name", "Type", "Preset", "Limit a year", "Access age", "Owner", "Order", "Streams",
                     "Included")}
#: Columns of numbers, right-aligned.
NUMBERS = {PHASE: (1,), "event": (1, 4), ACCOUNT: (3, 4, 6, 7)}


class ItemTableModel(QAbstractTableModel):
    def __init__(self, owner: str, plan: Plan, parent: Any = None):
        super().__init__(parent)
        self.owner = owner
        self._plan = plan
        self._scenario: str | None = None
        self._rows: list[ItemRow] = item_rows(plan, None, owner)
        self._streams: dict[str, int] = self._stream_counts(plan, None)

    def show(self, plan: Plan, scenario: str | None) -> None:
        """Show a changed plan or another scenario; cells refresh in place when the rows are the same."""
        rows = item_rows(plan, scenario, self.owner)
        same = [r.item.uid for r in rows] == [r.item.uid for r in self._rows]
        if not same:
            self.beginResetModel()
        self._plan, self._scenario, self._rows = plan, scenario, rows
        self._streams = self._stream_counts(plan, scenario)
        if not same:
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1))

    def _stream_counts(self, plan: Plan, scenario: str | None) -> dict[str, int]:
        """How many streams sit in each account, as the scenario sees them."""
        if self.owner != ACCOUNT:
            return {}
        seen = scenario_view(plan, scenario)
        return {a.uid: len(streams_in(seen, a.uid)) for a in seen.accounts}

    def row(self, number: int) -> ItemRow:
        return self._rows[number]

    def row_of(self, uid: str) -> int:
        return [r.item.uid for r in self._rows].index(uid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS[self.owner])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        columns = COLUMNS[self.owner]
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(columns):
            return columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(row)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not row.item.included:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMBERS[self.owner]:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _cells(self, row: ItemRow) -> tuple[str, ...]:
        item, currency = row.item, self._plan.currency
        included = "Added here" if row.added else "Yes" if item.included else "No"
        if isinstance(item, Account):
            return self._account_cells(item, included)
        if isinstance(item, SpendingPhase):
            until = self._month(item.end) if item.end is not None else "end of plan"
            amount = item.monthly_amount
            shown = ("-" if amount < 0 else "") + money(abs(amount), currency)  # never in accounting brackets
            return item.name, shown, self._month(item.start), until, included
        assert isinstance(item, OneOffEvent)
        amount = f"{'Windfall' if item.windfall else 'Cost'} {money(item.amount, currency)}"
        repeats = "once" if item.times == 1 else f"{item.times} times, every {item.every_years} years"
        probability = f"{item.probability.normalize():f} %"
        return item.name, amount, self._month(item.month), repeats, probability, included

    def _account_cells(self, account: Account, included: str) -> tuple[str, ...]:
        limit = money(account.yearly_limit, self._plan.currency) if account.yearly_limit else "none"
        access = str(account.access_age) if account.access_age else "any"
        streams = str(self._streams.get(account.uid, 0))
        return (account.name, TYPE_NAMES[account.account_type.value], preset_names()[account.preset.value], limit,
                access, OWNER_NAMES.get(account.owner, str(account.owner)), str(account.fill_order), streams,
                included)

    def _month(self, month: YearMonth) -> str:
        """The month and the first adult's age (the form beside the table shows the partner's too)."""
        return f"{month} (age {self._plan.household.age_in(month)})"

    def _tooltip(self, row: ItemRow) -> str:
        item = row.item
        where = f"scenario {self._scenario}" if self._scenario else "the base plan"
        if row.added:
            return f"Added in {where}: the base plan leaves {item.name} out."
        if not item.included:
            return f"{where[0].upper()}{where[1:]} leaves {item.name} out; tick Included to count it."
        return item.notes or item.name
