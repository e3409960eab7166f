"""The main window: plan settings and scenarios down the left, the streams table and the selected
stream's editor beside each other on the right with the live projection below them, a message bar
on top and the status bar at the bottom.

It shows one open plan session and owns its lock; every change goes through ``self.editor``
(undoable, autosaved) and asks ``self.runner`` for a new projection; file commands live in
``file_commands``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSortFilterProxyModel, Qt, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import APP_NAME
from planner.domain.defaults import new_stream, new_uid
from planner.domain.field_refs import ACCOUNT, EVENT, PHASE
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.services.commands import (
    AddStream,
    Batch,
    Change,
    Command,
    RemoveStream,
    SetPlanField,
    UpdateScenario,
)
from planner.services.edits import PLAN, current_value, describe_override, edit_command, stream_target
from planner.services.plan_session import PlanSession
from planner.ui.catalogue_picker import CataloguePicker
from planner.ui.exchange_commands import ExchangeCommands
from planner.ui.field_editors import FieldEditor
from planner.ui.file_commands import FileCommands
from planner.ui.formatting import plural
from planner.ui.item_pane import ItemPane
from planner.ui.message_bar import MessageBar
from planner.ui.plan_forms import PlanSettings
from planner.ui.plan_lock import PlanLock
from planner.ui.projection_runner import ProjectionRunner, ProjectionState
from planner.ui.projection_view import ProjectionView
from planner.ui.scenario_panel import ScenarioPanel
from planner.ui.stream_editor import StreamEditor
from planner.ui.stream_table_model import SORT_ROLE, StreamTableModel
from planner.ui.tab_stack import TabStack
from planner.ui.undo import PlanEditor
from planner.ui.unit_delegate import UnitDelegate
from planner.ui.wheel_guard import install_wheel_guard
from planner.ui.window_layout import WindowLayout

if TYPE_CHECKING:
    from planner.ui.whatif.dialog import WhatIfDialog
    from planner.ui.whatif.panel import WhatIfPanel

SLEEVE_FILTERS = ("All sleeves", "Safe", "Core", "Speculative")


class MainWindow(QMainWindow):
    """The window of one open plan; its collaborators see it as a ``PlanHost`` (``window_context``)."""

    def __init__(self, session: PlanSession, lock: PlanLock | None = None, settings: QSettings | None = None,
                 runner: ProjectionRunner | None = None):
        """``runner`` runs the projections (tests pass one with few paths); by default the plan's own."""
        super().__init__()
        install_wheel_guard(QApplication.instance())  # the wheel never edits an unfocused field
        self.session = session
        self.lock = lock
        self._released = False
        self.editor = PlanEditor(session, self)
        self.editor.changed.connect(self._show_changes)
        self.editor.autosaver.save_failed.connect(self._save_failed)
        self.editor.autosaver.saved.connect(self._refresh_texts)
        plan = session.plan
        self.messages = MessageBar()
        self.editor.refused.connect(self.show_problem)
        self.plan_settings = PlanSettings(plan, self.edit_field, self.edit_fields, self.reset_field,
                                          self.perform)
        self.scenarios = ScenarioPanel(plan, self._performed)
        self.scenarios.selected.connect(lambda _name: self._show_changes(None))
        self.left = QTabWidget()
        self.left.addTab(self.plan_settings, "&Plan")
        self.left.addTab(self.scenarios, "Scenari&os")
        self.stream_model = StreamTableModel(plan, self, edit=self._edit_in_table)
        self.stream_model.edit_refused.connect(self.show_problem)
        self.stream_editor = StreamEditor(self.edit_field, self.reset_field)
        self.phases = ItemPane(PHASE, self, self.reset_field)
        self.events = ItemPane(EVENT, self, self.reset_field)
        self.accounts = ItemPane(ACCOUNT, self, self.reset_field)
        self.files = FileCommands(self, settings)
        self.exchange = ExchangeCommands(self)
        self.plan_settings.history.remove_requested.connect(self.exchange.returns_tables.remove)
        self.whatif: WhatIfDialog | None = None
        self.runner = runner or ProjectionRunner()
        self.runner.setParent(self)
        self.projection_view = ProjectionView()
        self.runner.updated.connect(self._show_projection)
        self._reported_error_run = 0
        self._projection_problem = ""  # the message bar's text when it reports a projection error
        self.setCentralWidget(self._central(self._streams_pane()))
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._select_row(0)
        self._refresh_texts()
        self.layout_memory = WindowLayout(self, settings, self.splitters(), self.plan_settings)
        self.layout_memory.restore()
        self.request_projection()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.layout_memory.fit_to_screen()

    # ----- layout -------------------------------------------------------------------------
    def _streams_pane(self) -> QWidget:
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.stream_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(2)
        self.table = QTableView()
        self.table.setObjectName("streamTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(UnitDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.sleeve_filter = QComboBox()
        self.sleeve_filter.setObjectName("sleeveFilter")
        self.sleeve_filter.addItems(SLEEVE_FILTERS)
        self.sleeve_filter.setToolTip("Show the streams of one sleeve only")
        self.sleeve_filter.currentIndexChanged.connect(self._filter_sleeve)
        self.add_button = QPushButton("&Add stream…")
        self.duplicate_button = QPushButton("D&uplicate")
        self.delete_button = QPushButton("&Delete")
        self.showing = QLabel()
        self.showing.setObjectName("showingScenario")
        bar = QHBoxLayout()
        bar.addWidget(self.sleeve_filter)
        bar.addWidget(self.showing)
        bar.addStretch(1)
        for button in (self.add_button, self.duplicate_button, self.delete_button):
            bar.addWidget(button)
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        return pane

    def _central(self, streams: QWidget) -> QWidget:
        """The plan panel runs the full height on the left; on the right, above the projection, tabs
        of streams, spending phases, one-off events and accounts, each beside its editor. No pane can be
        squeezed to nothing."""
        streams_editor = self._splitter(Qt.Orientation.Horizontal, "streamsEditorSplitter",
                                        [streams, self.stream_editor], [640, 400], stretch=0)
        self.item_tabs = TabStack()
        self.item_tabs.setObjectName("itemTabs")
        for pane, title in ((streams_editor, "Streams"), (self.phases, "Spending phases"),
                            (self.events, "One-off events"), (self.accounts, "Accounts")):
            self.item_tabs.add_tab(pane, title)
        self.editor_projection = self._splitter(Qt.Orientation.Vertical, "editorProjectionSplitter",
                                                [self.item_tabs, self.projection_view], [330, 510], stretch=1)
        self.plan_split = self._splitter(Qt.Orientation.Horizontal, "planSplitter", [self.left, self.editor_projection],
                                         [420, 1020], stretch=1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 0)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #fff4ce; color: #3b2f00; padding: 6px; border-radius: 3px;")
        column.addWidget(self.read_only_banner)
        column.addWidget(self.messages)
        column.addWidget(self.plan_split, 1)
        self.setTabOrder(self.left, self.item_tabs)
        self.setTabOrder(self.item_tabs, self.sleeve_filter)
        self.setTabOrder(self.sleeve_filter, self.table)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.duplicate_button)
        self.setTabOrder(self.duplicate_button, self.delete_button)
        self.setTabOrder(self.delete_button, self.stream_editor)
        self.setTabOrder(self.stream_editor, self.phases.add_button)
        self.setTabOrder(self.phases.editor, self.events.add_button)
        self.setTabOrder(self.events.editor, self.accounts.add_button)
        self.setTabOrder(self.accounts.editor, self.projection_view)
        return central

    def _splitter(self, orientation: Qt.Orientation, name: str, panes: list[QWidget], sizes: list[int],
                  stretch: int) -> QSplitter:
        splitter = QSplitter(orientation)
        splitter.setObjectName(name)
        for index, pane in enumerate(panes):
            splitter.addWidget(pane)
            splitter.setCollapsible(index, False)
        splitter.setStretchFactor(stretch, 1)
        splitter.setSizes(sizes)
        return splitter

    def splitters(self) -> list[QSplitter]:
        return [self.plan_split, self.editor_projection, self.findChild(QSplitter, "streamsEditorSplitter"),
                self.phases.splitter, self.events.splitter, self.accounts.splitter]

    def _build_menus(self) -> None:
        self.files.build_menu(self.menuBar().addMenu("&File"), self.exchange)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.editor.undo_action(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.redo_action(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        streams = self.menuBar().addMenu("&Streams")
        self.add_action = self._action(streams, "&Add stream…", "Ctrl+Shift+A", self.add_stream)
        self.duplicate_action = self._action(streams, "D&uplicate stream", "Ctrl+D", self.duplicate_stream)
        self.delete_action = self._action(streams, "&Delete stream…", "Ctrl+Del", self.delete_stream)
        self.add_button.clicked.connect(self.add_stream)
        self.duplicate_button.clicked.connect(self.duplicate_stream)
        self.delete_button.clicked.connect(self.delete_stream)
        view = self.menuBar().addMenu("&View")
        self._action(view, "&Plan settings", "Ctrl+1", lambda: self._focus_tab(0))
        self._action(view, "&Streams table", "Ctrl+2", self._focus_streams)
        self._action(view, "Stream &editor", "Ctrl+3", self._focus_stream_editor)
        self._action(view, "S&cenarios", "Ctrl+4", lambda: self._focus_tab(1))
        self._action(view, "&Charts", "Ctrl+5", self.projection_view.tabs.setFocus)
        self._action(view, "Spending p&hases", "Ctrl+6", lambda: self._focus_items(self.phases))
        self._action(view, "One-off e&vents", "Ctrl+7", lambda: self._focus_items(self.events))
        self._action(view, "&Accounts", "Ctrl+8", lambda: self._focus_items(self.accounts))
        projection = self.menuBar().addMenu("&Projection")
        self._action(projection, "&Run Again", "F5", self.request_projection)
        self.cancel_action = self._action(projection, "&Stop Monte Carlo", "Ctrl+.", self.runner.cancel)
        whatif = self.menuBar().addMenu("&What-if")
        for index, (text, shortcut) in enumerate((("&Compare scenarios…", "Ctrl+Shift+C"),
                                                  ("&Stress tests…", "Ctrl+Shift+T"),
                                                  ("&Goal seek…", "Ctrl+Shift+G"),
                                                  ("Suggest &allocation…", ""),
                                                  ("Se&nsitivity…", ""),
                                                  ("&Explain the worst outcomes…", ""),
                                                  ("&Backtest on history…", ""))):
            self._action(whatif, text, shortcut, lambda _=False, i=index: self.open_whatif(i))
        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = self._action(help_menu, "&About Passive Income Planner", "", self.show_about)

    def show_about(self) -> None:
        from planner.ui.about_box import show_about

        self.about_box = show_about(self)

    def open_whatif(self, tab: int) -> WhatIfPanel:
        """The What-if window on one of its tabs (made on first use)."""
        if self.whatif is None:
            from planner.ui.whatif.dialog import WhatIfDialog

            self.whatif = WhatIfDialog(self)
        return self.whatif.open_tab(tab)

    def _action(self, menu: Any, text: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _focus_tab(self, index: int) -> None:
        self.left.setCurrentIndex(index)
        target = self.scenarios.view if index else self.plan_settings.input_widgets()[0]
        target.setFocus()

    def _focus_streams(self) -> None:
        self.item_tabs.setCurrentIndex(0)
        self.table.setFocus()

    def _focus_items(self, pane: ItemPane) -> None:
        self.item_tabs.setCurrentWidget(pane)
        pane.table.setFocus()

    def _focus_stream_editor(self) -> None:
        self.item_tabs.setCurrentIndex(0)
        inputs = [w for w in self.stream_editor.input_widgets() if w.isEnabled()]
        (inputs[0] if inputs else self.table).setFocus()

    # ----- edits --------------------------------------------------------------------------
    @property
    def scenario(self) -> str | None:
        """The scenario the editors show and change (None: the base plan)."""
        return self.scenarios.current

    def perform(self, command: Command) -> str | None:
        """Run a command; the problem text when the plan refused it."""
        return None if self.editor.perform(command) else (self.editor.last_problem or "the change was refused")

    @property
    def plan_changed(self) -> SignalInstance:
        """The editor's ``changed``: collaborators follow edits without holding the editor."""
        return self.editor.changed

    def flush(self) -> bool:
        """Write pending edits now (before a file operation); False when the write failed."""
        return self.editor.flush()

    def dialog_parent(self) -> QWidget:
        """Collaborators' dialogs, actions and background tasks belong to this window."""
        return self

    def edit_field(self, target: str, field_name: str, value: Any, label: str = "") -> str | None:
        if value == current_value(self.session.plan, self.scenario, target, field_name):
            return None  # "18,000.00" for 18000: nothing to save, nothing to undo
        if target == PLAN:
            return self.perform(SetPlanField(field_name, value))
        try:
            command = edit_command(self.session.plan, self.scenario, target, field_name, value, label)
        except ValueError as error:
            return str(error)
        return self.perform(command)

    def edit_fields(self, items: list[tuple[str, str, Any]], text: str) -> str | None:
        """Several fields as one undo step (sleeve weights with their preset)."""
        plan = self.session.plan
        commands = tuple(edit_command(plan, self.scenario, *item) for item in items)
        suffix = f" in scenario {self.scenario}" if self.scenario else ""
        return self.perform(Batch(text + suffix, commands))

    def reset_field(self, target: str, field_name: str) -> None:
        if self.scenario is None:
            return
        what = describe_override(self.session.plan, target, field_name)
        self.perform(UpdateScenario(self.scenario, clear=(target, field_name), label=f"Reset {what}"))

    def _edit_in_table(self, uid: str, field_name: str, value: Any) -> bool:
        spec = NUMERIC_FIELDS["stream"].get(field_name)
        problem = self.edit_field(stream_target(uid), field_name, value, spec.label.lower() if spec else field_name)
        if problem:
            self.show_problem(problem)
        return problem is None

    # ----- streams ------------------------------------------------------------------------
    def selected_uid(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.stream_model.stream_at(self.proxy.mapToSource(index).row()).uid

    def _select_uid(self, uid: str) -> None:
        """Select the stream's row, clearing the sleeve filter if it hides the stream (a new stream
        must never leave another one selected, or the next typed value would go to that one)."""
        source = self.stream_model.index(self.stream_model.row_of(uid), 0)
        if not self.proxy.mapFromSource(source).isValid():
            self.sleeve_filter.setCurrentIndex(0)
        self._select_row(self.proxy.mapFromSource(source).row())

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(row, 0))
        self._show_selected()

    def _show_selected(self) -> None:
        self.stream_editor.show_stream(self.session.plan, self.scenario, self.selected_uid())
        has = self.selected_uid() is not None
        for widget in (self.duplicate_action, self.delete_action, self.duplicate_button, self.delete_button):
            widget.setEnabled(has)

    def add_stream(self) -> None:
        plan = self.session.plan
        picker = CataloguePicker(plan.currency, {s.name for s in plan.streams}, self)
        if not picker.exec():
            return
        chosen = picker.chosen()
        assert chosen is not None
        stream = new_stream(chosen[0], chosen[1], plan.start)
        if self._performed(AddStream(stream)):
            self.item_tabs.setCurrentIndex(0)  # from another tab too: the new stream's editor shows
            self._select_uid(stream.uid)
            self.stream_editor.editor("starting_amount").input.setFocus()  # next: how much goes in

    def duplicate_stream(self) -> None:
        uid = self.selected_uid()
        if uid is None:
            return
        plan = self.session.plan
        original = plan.stream(uid)
        names = {s.name.casefold() for s in plan.streams}
        name = next(n for n in (f"{original.name} (copy {i})" if i > 1 else f"{original.name} (copy)"
                                for i in range(1, 1000)) if n.casefold() not in names)
        copy = replace(original, uid=new_uid(), name=name)
        if self._performed(AddStream(copy, plan.streams.index(original) + 1)):
            self._select_uid(copy.uid)

    def delete_stream(self) -> None:
        uid = self.selected_uid()
        if uid is None:
            return
        name = self.session.plan.stream(uid).name
        answer = QMessageBox.question(self, "Delete stream", f"Delete {name} from the plan and from every scenario? "
                                      "Edit > Undo brings it back.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.table.currentIndex().row()
        if self._performed(RemoveStream(uid)):
            self._select_row(min(row, self.proxy.rowCount() - 1))

    def _performed(self, command: Command) -> bool:
        problem = self.perform(command)
        if problem:
            self.show_problem(problem)
        return problem is None

    def _filter_sleeve(self, index: int) -> None:
        self.proxy.setFilterFixedString("" if index == 0 else SLEEVE_FILTERS[index])
        self._show_selected()

    # ----- views --------------------------------------------------------------------------
    def _show_changes(self, change: Change | None) -> None:
        """Refresh every view after an edit, undo, redo or a switch of scenario."""
        plan = self.session.plan
        selected = self.selected_uid()
        self._follow_rename(change)
        self.scenarios.show_plan(plan)
        scenario = self.scenario
        self.stream_model.update_plan(plan, scenario)
        self.plan_settings.show_plan(plan, scenario)
        for pane in (self.phases, self.events, self.accounts):
            pane.show_plan(plan, scenario)
        if selected is not None and selected in {s.uid for s in plan.streams} and selected != self.selected_uid():
            self._select_uid(selected)
        elif self.selected_uid() is None and self.proxy.rowCount():
            self._select_row(0)
        else:
            self._show_selected()
        self._refresh_texts()
        self.request_projection()

    def request_projection(self) -> None:
        """Project the plan as shown (base or scenario): the expected path at once, then Monte Carlo."""
        self.runner.request(self.session.plan, self.scenario)

    def _show_projection(self, state: ProjectionState) -> None:
        self.projection_view.show_state(state)
        if state.error and state.run_id != self._reported_error_run:
            self._reported_error_run = state.run_id
            self._projection_problem = f"The projection could not be made: {state.error}"
            self.show_problem(self._projection_problem)
        elif not state.error and state.best is not None and self.messages.text.text() == self._projection_problem:
            self.messages.hide()  # a later run succeeded: the old error no longer applies

    def _follow_rename(self, change: Change | None) -> None:
        """Undoing or redoing a rename keeps the renamed scenario selected under its other name."""
        if change is None or change.renamed is None:
            return
        before, after = change.renamed
        names = {s.name for s in self.session.plan.scenarios}
        if self.scenarios.current == before and before not in names and after in names:
            self.scenarios.current = after

    def _refresh_texts(self) -> None:
        plan = self.session.plan
        self.read_only_banner.setVisible(self.session.read_only)
        if self.session.read_only:
            why = self.session.read_only_reason or "it was opened read-only"
            self.read_only_banner.setText(f"<b>Read-only</b>: {why}, so nothing here can be changed. "
                                          "File > Save a Copy… makes a copy you can edit.")
        self.setWindowTitle(f"{plan.name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.unsaved)
        self.setWindowFilePath(str(self.session.path))
        where = f"scenario {self.scenario}" if self.scenario else "base plan"
        self.showing.setText(f"  Showing <b>{where}</b>")
        state = "read-only" if self.session.read_only else "unsaved changes" if self.session.unsaved else "saved"
        self.status_label.setText(
            f"{plural(len(plan.streams), 'stream')} · {plural(len(plan.scenarios), 'scenario')} · "
            f"editing the {where} · {Path(self.session.path).name} ({state})"
        )

    def show_session(self, session: PlanSession, lock: PlanLock | None) -> None:
        """Switch to another open plan (the caller flushed and closed the old one)."""
        self.session, self.lock = session, lock
        self._released = False
        self.messages.hide()  # a message about the old plan (e.g. its Retry) no longer applies
        self.editor.set_session(session)
        self.scenarios.current = None
        self.scenarios.show_plan(session.plan)
        self.stream_model.set_plan(session.plan)
        self.plan_settings.show_plan(session.plan, None)
        for pane in (self.phases, self.events, self.accounts):
            pane.show_plan(session.plan, None)
        self._select_row(0)
        self._refresh_texts()
        self.request_projection()

    def offer_guided_start(self) -> None:
        """On a first start the demo shows, with the way to one's own plan beside it."""
        self.messages.show_message("This is a demo household's plan, to explore. Your own takes a few questions: "
                                   "who you are, what life costs, what you save and hold.", "info",
                                   "Start my own plan…", self.files.guided_start)

    def show_problem(self, text: str) -> None:
        self.messages.show_message(text, "warning")

    def show_message(self, text: str, milliseconds: int = 8000) -> None:
        self.statusBar().showMessage(text, milliseconds)

    def _save_failed(self, text: str) -> None:
        self.messages.show_message(text, "error", "Retry", self.editor.flush)
        self._refresh_texts()

    def release_session(self) -> bool:
        """Save and close the open plan and free its lock; False when the user keeps it open.

        A value still being typed is committed first; calling it again after success does nothing."""
        if self._released:
            return True
        self._commit_typing()
        if not self.editor.flush():
            answer = QMessageBox.warning(
                self, "Plan not saved", "The latest changes could not be written to the plan file. "
                "Close anyway and lose them?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return False
        self.session.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self._released = True
        return True

    def dispose(self) -> None:
        """Save, stop the projection worker and delete the window now, while Qt and Python both
        still run: pyqtgraph items torn down later, at interpreter exit, can crash the process."""
        self.layout_memory.save()
        self.release_session()
        self._stop_workers()
        self.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _stop_workers(self) -> None:
        """Cancel and join the projection, plan writer, an export and the what-if searches before the window goes."""
        self.runner.stop()
        self.editor.autosaver.stop()
        self.exchange.stop()
        if self.whatif is not None:
            self.whatif.stop()

    def refused_fields(self) -> list[str]:
        """The message of every field whose typed text was refused (and so is not in the plan)."""
        return [editor.problem for editor in self.findChildren(FieldEditor) if editor.problem]

    def _commit_typing(self) -> None:
        """The value being typed is committed (or refused) now: editingFinished on leaving the field."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._released:
            self._commit_typing()
        refused = [] if self._released else self.refused_fields()
        if refused:
            answer = QMessageBox.warning(
                self, "Unsaved values", "These values were refused and are not in the plan:\n\n"
                + "\n".join(refused) + "\n\nClose anyway and lose them?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        if self.release_session():
            self.layout_memory.save()
            self._stop_workers()
            event.accept()
        else:
            event.ignore()
