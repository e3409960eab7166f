"""Scenarios: the list (base plan first), create, clone, rename and delete, and a table of what the
selected scenario changes with the base plan's value beside it. Selecting a scenario makes every
editor show and change that scenario."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.plan import Plan, Scenario
from planner.domain.scenarios import parse_override
from planner.services.accounts import shown_value
from planner.services.commands import AddScenario, Command, RemoveScenario, UpdateScenario
from planner.services.edits import describe_override, field_value
from planner.ui.field_editors import TextEditor
from planner.ui.formatting import value_text

Index = QModelIndex | QPersistentModelIndex
BASE_PLAN = "Base plan"
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ScenarioListModel(QAbstractListModel):
    """Row 0 is the base plan; then the plan's scenarios in order."""

    def __init__(self, plan: Plan, parent: Any = None):
        super().__init__(parent)
        self._plan = plan

    def set_plan(self, plan: Plan) -> None:
        if [s.name for s in plan.scenarios] == [s.name for s in self._plan.scenarios]:
            self._plan = plan
            if self.rowCount():
                self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))
            return
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 1 + len(self._plan.scenarios)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        scenario = self._plan.scenarios[index.row() - 1] if index.row() else None
        if role == Qt.ItemDataRole.DisplayRole:
            return scenario.name if scenario else BASE_PLAN
        if role == Qt.ItemDataRole.ToolTipRole:
            if scenario is None:
                return "The plan itself; scenarios change some of its values."
            return f"{scenario.description}\n{len(scenario.overrides)} changes".strip()
        if role == NAME_ROLE:
            return scenario.name if scenario else None
        return None

    def row_of(self, name: str | None) -> int:
        if name is None:
            return 0
        return 1 + [s.name for s in self._plan.scenarios].index(name)


class OverrideTableModel(QAbstractTableModel):
    """What one scenario changes: the field in words, the base plan's value, the scenario's."""

    HEADERS = ("Changes", "Base plan", "Scenario")

    def __init__(self, plan: Plan, parent: Any = None):
        super().__init__(parent)
        self._plan = plan
        self._rows: list[tuple[str, str, str, tuple[str, str]]] = []

    def show(self, plan: Plan, scenario: str | None) -> None:
        self.beginResetModel()
        self._plan = plan
        self._rows = []
        if scenario is not None:
            for override in plan.scenario(scenario).overrides:
                key = (override.target, override.field)
                self._rows.append((
                    describe_override(plan, *key),
                    value_text(shown_value(plan, *key, field_value(plan, *key))),
                    value_text(shown_value(plan, *key, parse_override(plan, override))),
                    key,
                ))
        self.endResetModel()

    def key_at(self, row: int) -> tuple[str, str]:
        return self._rows[row][3]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 3:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < 3:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


class ScenarioPanel(QWidget):
    """Emits ``selected`` with the scenario name (None: base plan) whose values the editors show."""

    selected = Signal(object)

    def __init__(self, plan: Plan, perform: Callable[[Command], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self._perform = perform
        self._plan = plan
        self.current: str | None = None
        self.model = ScenarioListModel(plan, self)
        self.view = QListView()
        self.view.setObjectName("scenarioList")
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        buttons = QHBoxLayout()
        self.new_button = _button("&New", "Add an empty scenario (it starts equal to the base plan)", self.new)
        self.clone_button = _button("C&lone", "Copy the selected scenario with all its changes", self.clone)
        self.rename_button = _button("Rena&me", "Rename the selected scenario", self.rename)
        self.delete_button = _button("Dele&te", "Delete the selected scenario", self.delete)
        for button in (self.new_button, self.clone_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        self.overrides = OverrideTableModel(plan, self)
        self.override_view = QTableView()
        self.override_view.setObjectName("overrideTable")
        self.override_view.setModel(self.overrides)
        self.override_view.verticalHeader().hide()
        self.override_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.override_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reset_button = _button("Use base value", "Remove the selected change from the scenario",
                                    self.reset_selected)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.description = TextEditor("What this scenario tries; shown in reports and comparisons.",
                                      "Describe what this scenario tries")
        self.description.setObjectName("scenarioDescription")
        self.description.committed.connect(self._describe)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.description)
        layout.addWidget(self.override_view, 2)
        layout.addWidget(self.reset_button)
        self.show_plan(plan)
        self.view.setCurrentIndex(self.model.index(0))

    def show_plan(self, plan: Plan) -> None:
        self._plan = plan
        self.model.set_plan(plan)
        if self.current is not None and self.current not in {s.name for s in plan.scenarios}:
            self.current = None
        self.view.setCurrentIndex(self.model.index(self.model.row_of(self.current)))
        self.overrides.show(plan, self.current)
        in_scenario = self.current is not None
        for button in (self.clone_button, self.rename_button, self.delete_button, self.reset_button):
            button.setEnabled(in_scenario)
        self.description.setVisible(in_scenario)
        if in_scenario:
            self.description.set_value(plan.scenario(self.current).description)
        self.hint.setText(
            f"Editing scenario <b>{self.current}</b>: changed values are in bold; Reset puts the base value back."
            if in_scenario else "Editing the <b>base plan</b>; every scenario starts from it.")

    def select(self, name: str | None) -> None:
        self.view.setCurrentIndex(self.model.index(self.model.row_of(name)))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        name = current.data(NAME_ROLE) if current.isValid() else None
        if name != self.current:
            self.current = name
            self.show_plan(self._plan)
            self.selected.emit(name)

    def _ask(self, title: str, prompt: str, text: str) -> str | None:
        name, accepted = QInputDialog.getText(self, title, prompt, text=text)
        return name.strip() if accepted and name.strip() else None

    def new(self) -> None:
        taken = {s.name for s in self._plan.scenarios}
        proposal = next(f"Scenario {n}" for n in range(1, len(taken) + 2) if f"Scenario {n}" not in taken)
        name = self._ask("New scenario", "Name of the new scenario:", proposal)
        if name and self._perform(AddScenario(Scenario(name, ""))):
            self.select(name)

    def clone(self) -> None:
        if self.current is None:
            return
        original = self._plan.scenario(self.current)
        name = self._ask("Clone scenario", f"Name of the copy of {original.name}:", f"{original.name} (copy)")
        if name and self._perform(AddScenario(replace(original, name=name))):
            self.select(name)

    def rename(self) -> None:
        if self.current is None:
            return
        old = self.current
        name = self._ask("Rename scenario", f"New name for {old}:", old)
        if name and name != old:
            self.current = name  # keep it selected under its new name
            if not self._perform(UpdateScenario(old, new_name=name)):
                self.current = old
            self.show_plan(self._plan)

    def delete(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(self, "Delete scenario", f"Delete the scenario {self.current}? "
                                      "Edit > Undo brings it back.")
        if answer == QMessageBox.StandardButton.Yes:
            self._perform(RemoveScenario(self.current))

    def _describe(self, text: str) -> None:
        if self.current is not None and not self._perform(UpdateScenario(self.current, description=text)):
            self.description.show_problem("The description was not saved (see the message bar above).")

    def reset_selected(self) -> None:
        rows = self.override_view.selectionModel().selectedRows()
        if self.current is None or not rows:
            return
        target, field_name = self.overrides.key_at(rows[0].row())
        what = describe_override(self._plan, target, field_name)
        self._perform(UpdateScenario(self.current, clear=(target, field_name), label=f"Reset {what}"))


def _button(text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button
