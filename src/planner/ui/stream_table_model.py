"""The streams of the open plan as a table, edited in place through an edit callback (the window
passes PlanEditor-backed commands, so every edit is validated, saved and undoable).

In a scenario the cells show the scenario's values; streams it leaves out stay listed, greyed.
The model holds the immutable plan record and reads ids from it, never ORM objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from planner.domain.catalogue import KINDS
from planner.domain.fields import FieldSpec, Unit
from planner.domain.plan import Plan, Stream
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.services.edits import effective_streams
from planner.ui.field_editors import field_tooltip, format_plain
from planner.ui.formatting import label, money, number, parse_user_number

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Kind", "Sleeve", "Amount", "Added a month", "Income", "Upkeep")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SLEEVE_ORDER = {"safe": 0, "core": 1, "speculative": 2}
#: Columns edited in place: column -> stream field.
EDITABLE = {0: "name", 3: "starting_amount", 4: "monthly_contribution", 6: "upkeep_hours"}
STREAM_SPECS = NUMERIC_FIELDS["stream"]
#: Called with (stream id, field, value); returns False when the edit was refused.
EditStream = Callable[[str, str, Any], bool]


class StreamTableModel(QAbstractTableModel):
    """Rows are streams in plan order; holds the plan record (immutable) and reads from it."""

    edit_refused = Signal(str)  # text typed into a cell that is not a number

    def __init__(self, plan: Plan, parent: Any = None, edit: EditStream | None = None):
        super().__init__(parent)
        self._plan = plan
        self._scenario: str | None = None
        self._rows = effective_streams(plan, None)
        self._edit = edit

    def update_plan(self, plan: Plan, scenario: str | None = None) -> None:
        """Show a changed plan: cells refresh in place when the rows are the same streams."""
        if [s.uid for s in plan.streams] != [s.uid for s in self._plan.streams]:
            self.set_plan(plan, scenario)
            return
        same_currency, same_scenario = plan.currency == self._plan.currency, scenario == self._scenario
        before = self._rows
        self._plan, self._scenario = plan, scenario
        self._rows = effective_streams(plan, scenario)
        # only the rows that changed are asked again (none for a household edit; at a scenario switch
        # those it overrides, and the left-out ones, whose tooltip names it), not every cell every time
        changed = [row for row, (now, was) in enumerate(zip(self._rows, before, strict=True))
                   if not same_currency or now != was or (not same_scenario and not (now[1] and was[1]))]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(COLUMNS) - 1))

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._edit is not None and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self._edit is None or not index.isValid():
            return False
        field_name = EDITABLE.get(index.column())
        if field_name is None:
            return False
        stream = self._rows[index.row()][0]
        if field_name == "name":
            return self._edit(stream.uid, field_name, str(value).strip())
        text = str(value)
        typed, problem = STREAM_SPECS[field_name].check(parse_user_number(text) if text.strip() else text)
        if problem:
            self.edit_refused.emit(f"{stream.name}: {problem}")
            return False
        return self._edit(stream.uid, field_name, typed)

    def spec(self, column: int) -> FieldSpec | None:
        """The numeric field a column edits (for the delegate's unit and tooltip), or None."""
        return STREAM_SPECS.get(EDITABLE.get(column, ""))

    @property
    def currency(self) -> str:
        return self._plan.currency

    def set_plan(self, plan: Plan, scenario: str | None = None) -> None:
        self.beginResetModel()
        self._plan, self._scenario = plan, scenario
        self._rows = effective_streams(plan, scenario)
        self.endResetModel()

    def stream_at(self, row: int) -> Stream:
        return self._rows[row][0]

    def row_of(self, uid: str) -> int:
        return [s.uid for s, _ in self._rows].index(uid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._plan.streams)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if not horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        spec = self.spec(section)
        if role == Qt.ItemDataRole.ToolTipRole and spec is not None:
            return field_tooltip(spec, self._plan.currency)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._plan.streams):
            return None
        stream, included = self._rows[index.row()]
        column = index.column()
        if not included and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if not included and role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._scenario} leaves {stream.name} out"
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(stream, column)
        if role == Qt.ItemDataRole.EditRole and column in EDITABLE:
            value = getattr(stream, EDITABLE[column])
            spec = self.spec(column)
            return format_plain(value, spec) if spec is not None else value
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
