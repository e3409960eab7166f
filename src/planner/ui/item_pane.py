"""One tab of the window's top right: the spending phases, the one-off events or the accounts as a table with
Add, Duplicate and Delete, and the selected one's form beside it. Every change is a command through
the window (undoable, autosaved); in a scenario a new one is "added in this scenario" and the note
above the table says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import AccountPreset
from planner.domain.field_refs import ACCOUNT, PHASE, FieldRef
from planner.domain.plan import Plan
from planner.services.accounts import account_preset_command, streams_in
from planner.services.commands import Command, items_of
from planner.services.edits import current_value, scenario_view
from planner.services.items import WORDS, add_item_command, copied_item, new_item, remove_item_command
from planner.ui.field_form import Reset
from planner.ui.item_editor import ItemEditor
from planner.ui.item_table_model import ItemTableModel
from planner.ui.window_context import WindowContext

ABOUT = {PHASE: "Spending added to the expenses (or, negative, taken off) between two months: children at home, "
                "a mortgage, a quieter late life.",
         "event": "A cost or a windfall in one month, possibly repeating: a car every 8 years, a roof, an inheritance "
                  "that may not come.",
         ACCOUNT: "Where investments are held: taxable, tax-deferred (a 401(k), a SIPP) or tax-free (a Roth IRA, an "
                  "ISA). Put a stream in one with its Account field; new savings fill accounts by their fill order."}


class ItemPane(QWidget):
    """The phases (owner PHASE), the events ("event") or the accounts (ACCOUNT) of the shown plan and scenario."""

    def __init__(self, owner: str, host: WindowContext, reset: Reset, parent: QWidget | None = None):
        super().__init__(parent)
        self.owner, self.host = owner, host
        self._scenario: str | None = None
        word = WORDS[owner]
        self.note = QLabel()
        self.note.setObjectName("itemNote")
        self.note.setWordWrap(True)
        self.add_button = self._button(f"Add {word}", self.add)
        self.duplicate_button = self._button("Duplicate", self.duplicate)
        self.delete_button = self._button("Delete…", self.delete)
        self.model = ItemTableModel(owner, host.session.plan, self)
        self.table = QTableView()
        self.table.setObjectName(f"{owner}Table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.editor = ItemEditor(owner, host.edit_field, reset, self._preset_chosen)
        self._lay_out()
        self.show_plan(host.session.plan, None)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName(f"{self.owner}EditorSplitter")
        for index, pane in enumerate((left, self.editor)):
            splitter.addWidget(pane)
            splitter.setCollapsible(index, False)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([640, 400])
        self.splitter = splitter
        QVBoxLayout(self).addWidget(splitter)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.setTabOrder(self.add_button, self.duplicate_button)
        self.setTabOrder(self.duplicate_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.table)
        self.setTabOrder(self.table, self.editor)

    # ----- showing ------------------------------------------------------------------------
    def show_plan(self, plan: Plan, scenario: str | None) -> None:
        """Show the plan as the scenario sees it, keeping the selected row when it is still there."""
        selected = self.selected_uid()
        self._scenario = scenario
        self.model.show(plan, scenario)
        uids = [row.item.uid for row in map(self.model.row, range(self.model.rowCount()))]
        self.select(selected if selected in uids else uids[0] if uids else None)
        word = WORDS[self.owner]
        if scenario is None:
            self.note.setText(ABOUT[self.owner])
            self.add_button.setText(f"Add {word}")
        else:
            self.note.setText(f"Scenario <b>{scenario}</b>: values you change are this scenario's own, and new "
                              f"{word}s are <b>added in this scenario</b> only (the base plan keeps them left out).")
            self.add_button.setText(f"Add {word} to this scenario")

    def selected_uid(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).item.uid if index.isValid() else None

    def select(self, uid: str | None) -> None:
        if uid is not None:
            self.table.setCurrentIndex(self.model.index(self.model.row_of(uid), 0))
        self._show_selected()

    def _show_selected(self) -> None:
        uid = self.selected_uid()
        self.editor.show_item(self.host.session.plan, self._scenario, uid)
        self.duplicate_button.setEnabled(uid is not None)
        self.delete_button.setEnabled(uid is not None)

    # ----- changes ------------------------------------------------------------------------
    def add(self) -> None:
        """A new one with the defaults; the name field takes the focus, its text selected to type over."""
        plan = self.host.session.plan
        self._added(add_item_command(plan, self._scenario, self.owner, new_item(plan, self.owner)))

    def duplicate(self) -> None:
        uid = self.selected_uid()
        if uid is None:
            return
        plan = self.host.session.plan
        copy = copied_item(scenario_view(plan, self._scenario), self.owner, uid)
        index = [i.uid for i in items_of(plan, self.owner)].index(uid) + 1
        self._added(add_item_command(plan, self._scenario, self.owner, copy, index))

    def _added(self, command: Command) -> None:
        before = {i.uid for i in items_of(self.host.session.plan, self.owner)}
        problem = self.host.perform(command)
        if problem:
            self.host.show_problem(problem)
            return
        uid = next(i.uid for i in items_of(self.host.session.plan, self.owner) if i.uid not in before)
        self.select(uid)
        name = self.editor.editor("name").input
        name.setFocus()
        name.selectAll()  # type: ignore[attr-defined]

    def delete(self) -> None:
        uid = self.selected_uid()
        if uid is None:
            return
        name = self.model.row(self.table.currentIndex().row()).item.name
        answer = QMessageBox.question(self, f"Delete {WORDS[self.owner]}", f"Delete {name} from the plan and from "
                                      f"every scenario?{self._held(uid)} Edit > Undo brings it back.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.table.currentIndex().row()
        problem = self.host.perform(remove_item_command(self.host.session.plan, self.owner, uid))
        if problem:
            self.host.show_problem(problem)
            return
        if self.model.rowCount():
            self.select(self.model.row(min(row, self.model.rowCount() - 1)).item.uid)

    def _held(self, uid: str) -> str:
        """What else deleting an account changes: the streams in it go back to none."""
        held = streams_in(self.host.session.plan, uid) if self.owner == ACCOUNT else []
        return f" {', '.join(held)} will sit in no account." if held else ""

    def _preset_chosen(self, uid: str, preset: AccountPreset) -> None:
        """A preset fills the account's settings as one edit (nothing when it is the preset already)."""
        plan, scenario = self.host.session.plan, self._scenario
        target = FieldRef.item(ACCOUNT, uid, "").target
        if preset == current_value(plan, scenario, target, "preset"):
            return
        problem = self.host.perform(account_preset_command(plan, scenario, uid, preset))
        if problem:
            self.editor.editor("preset").show_problem(problem)
