"""The main window: plan overview on the left, streams in the middle, status at the bottom."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QSplitter, QTableView

from planner import APP_NAME
from planner.services.commands import SetStreamField
from planner.services.plan_session import PlanSession
from planner.ui.plan_overview import PlanOverview
from planner.ui.stream_table_model import SORT_ROLE, StreamTableModel
from planner.ui.undo import PlanEditor


class MainWindow(QMainWindow):
    """Shows one open plan session; asks the app (through signals) to open another file."""

    open_requested = Signal()

    def __init__(self, session: PlanSession):
        super().__init__()
        self.session = session
        self.editor = self._new_editor(session)
        plan = session.plan
        self.stream_model = StreamTableModel(plan, self, edit=self._edit_stream)
        self.stream_model.edit_refused.connect(self.show_message)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.stream_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("streamTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.overview = PlanOverview(plan)
        splitter = QSplitter()
        splitter.addWidget(self.overview)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 900])
        self.setCentralWidget(splitter)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._refresh_texts()
        self.resize(1280, 760)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.open_requested)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.editor.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    def _new_editor(self, session: PlanSession) -> PlanEditor:
        editor = PlanEditor(session, self)
        editor.changed.connect(self._show_changes)
        editor.problem.connect(self.show_message)
        return editor

    def _edit_stream(self, uid: str, field_name: str, value: object) -> bool:
        label = {"starting_amount": "starting amount", "monthly_contribution": "monthly contribution",
                 "upkeep_hours": "upkeep"}.get(field_name, field_name)
        return self.editor.perform(SetStreamField(uid, field_name, value, label))

    def _show_changes(self, _change: object) -> None:
        """Refresh the views after an edit, an undo or a redo."""
        self.stream_model.update_plan(self.session.plan)
        self.overview.show_plan(self.session.plan)
        self._refresh_texts()

    def _refresh_texts(self) -> None:
        plan = self.session.plan
        self.setWindowTitle(f"{plan.name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.unsaved)
        self.setWindowFilePath(str(self.session.path))
        self.status_label.setText(
            f"{len(plan.streams)} streams · {len(plan.scenarios)} scenarios · {Path(self.session.path).name}"
        )

    def show_session(self, session: PlanSession) -> None:
        """Switch to another open plan (the old session is closed by the caller)."""
        self.session = session
        self.editor.set_session(session)
        self.stream_model.set_plan(session.plan)
        self.overview.show_plan(session.plan)
        self._refresh_texts()

    def show_message(self, text: str, milliseconds: int = 8000) -> None:
        self.statusBar().showMessage(text, milliseconds)
