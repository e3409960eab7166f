"""The streams of the open plan as a read-only table (the editor issue adds in-place editing)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.catalogue import KINDS
from planner.domain.fields import Unit
from planner.domain.plan import Plan, Stream
from planner.ui.formatting import label, money, number

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Kind", "Sleeve", "Amount", "Added a month", "Income", "Upkeep")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SLEEVE_ORDER = {"safe": 0, "core": 1, "speculative": 2}


class StreamTableModel(QAbstractTableModel):
    """Rows are streams in plan order; holds the plan record (immutable) and reads from it."""

    def __init__(self, plan: Plan, parent: Any = None):
        super().__init__(parent)
        self._plan = plan

    def set_plan(self, plan: Plan) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    def stream_at(self, row: int) -> Stream:
        return self._plan.streams[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._plan.streams)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._plan.streams):
            return None
        stream = self._plan.streams[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(stream, column)
        if role == SORT_ROLE:
            key = self._sort_key(stream, column, index.row())
            return self._display(stream, column).casefold() if key is None else key
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            kind = KINDS.get(stream.kind)
            return f"{kind.summary}\n{kind.income}" if kind else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, stream: Stream, column: int) -> str:
        currency = self._plan.currency
        if column == 0:
            return stream.name
        if column == 1:
            kind = KINDS.get(stream.kind)
            return kind.name if kind else stream.kind
        if column == 2:
            return label(stream.sleeve.value)
        if column == 3:
            return money(stream.starting_amount, currency)
        if column == 4:
            return money(stream.monthly_contribution, currency)
        if column == 5:
            return label(stream.income_policy.value)
        return number(stream.upkeep_hours, Unit.HOURS_PER_MONTH, currency)

    @staticmethod
    def _sort_key(stream: Stream, column: int, row: int) -> Any:
        if column == 2:
            return SLEEVE_ORDER[stream.sleeve.value] * 100000 + row
        if column == 3:
            return float(stream.starting_amount)
        if column == 4:
            return float(stream.monthly_contribution)
        if column == 6:
            return float(stream.upkeep_hours)
        return None
