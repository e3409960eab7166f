"""File > Export (the projection as CSV, the plan report as PDF), File > Import Holdings and
Import Returns Table (ui/returns_table_import.py).

The projections an export needs run in a background task behind a progress dialog; the file is
written atomically, so a failed or cancelled export leaves any earlier file as it was. The report's
and the import dialog's modules are loaded on first use, not while the window starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QMenu, QWidget

from planner.domain.plan import Stream
from planner.export.files import ExportFileError, atomic_write_text, check_target
from planner.services.errors import PlanFileError, SimulationError
from planner.services.holdings_import import add_command, backup_before_import
from planner.services.projection import SimulationRequest, projection_csv, simulate
from planner.ui.background_task import BackgroundTask, Work
from planner.ui.returns_table_import import ReturnsTableImport
from planner.ui.window_context import WindowContext

if TYPE_CHECKING:
    from planner.ui.holdings_import_dialog import HoldingsImportDialog

EXPORT_ERRORS = (SimulationError, ExportFileError, OSError)
IMPORT_ERRORS = (PlanFileError, OSError)


def default_page_size(locale: QLocale | None = None) -> str:
    """Letter where the locale measures in US units, A4 everywhere else."""
    system = (locale or QLocale()).measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


class CsvOptions(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export projection as CSV")
        self.monthly = QCheckBox("One row per &month (otherwise per year)")
        self.per_stream = QCheckBox("A column per &stream")
        self.nominal = QCheckBox("&Nominal money (otherwise today's money)")
        form = QFormLayout(self)
        for box in (self.monthly, self.per_stream, self.nominal):
            form.addRow(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PdfOptions(QDialog):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export plan report")
        self.page_size = QComboBox()
        self.page_size.addItem("A4", "a4")
        self.page_size.addItem("Letter", "letter")
        self.page_size.setCurrentIndex(self.page_size.findData(default_page_size()))
        form = QFormLayout(self)
        form.addRow("&Paper:", self.page_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ExchangeCommands:
    def __init__(self, window: WindowContext) -> None:
        self.window = window
        self.task: BackgroundTask | None = None
        self.returns_tables = ReturnsTableImport(window)

    def build_menu(self, menu: QMenu) -> None:
        """Export's submenu."""
        for text, slot in (("Projection as &CSV…", self.export_csv), ("Plan &report as PDF…", self.export_pdf)):
            action = QAction(text, self.window.dialog_parent())
            action.triggered.connect(slot)
            menu.addAction(action)

    def import_action(self) -> QAction:
        action = QAction("&Import Holdings from CSV…", self.window.dialog_parent())
        action.triggered.connect(self.import_holdings)
        return action

    def import_holdings(self) -> HoldingsImportDialog:
        """Show the import dialog; its Import button adds the streams as one undoable edit."""
        from planner.ui.holdings_import_dialog import HoldingsImportDialog

        dialog = HoldingsImportDialog(self.window)
        dialog.accepted.connect(lambda: self.add_holdings(dialog.streams()))
        dialog.open()
        return dialog

    def add_holdings(self, streams: tuple[Stream, ...]) -> None:
        try:
            backup = backup_before_import(self.window.session)
        except IMPORT_ERRORS as error:
            self.window.show_problem(f"Could not back the plan up, so nothing was imported: {error}")
            return
        problem = self.window.perform(add_command(streams))
        if problem:
            self.window.show_problem(f"The holdings were not imported: {problem}")
        else:
            self.window.show_message(f"Imported {len(streams)} holdings; the plan as it was is kept as {backup.name}")

    def _target(self, title: str, suffix: str, name_filter: str) -> Path | None:
        session = self.window.session
        suggested = str(Path(session.path).with_suffix(suffix))
        chosen, _ = QFileDialog.getSaveFileName(self.window.dialog_parent(), title, suggested, name_filter)
        if not chosen:
            return None
        target = Path(chosen) if Path(chosen).suffix else Path(chosen + suffix)
        try:
            check_target(target)  # said now, not after the projections
        except ExportFileError as error:
            self.window.show_problem(f"Could not export: {error}")
            return None
        return target

    def export_csv(self) -> None:
        options = CsvOptions(self.window.dialog_parent())
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        target = self._target("Export projection as CSV", ".csv", "CSV files (*.csv);;All files (*)")
        if target is not None:
            self.write_csv(target, options.monthly.isChecked(), options.per_stream.isChecked(),
                           options.nominal.isChecked())

    def write_csv(self, target: Path, monthly: bool = False, per_stream: bool = False, nominal: bool = False) -> None:
        """Run the current plan (and scenario) in the background and write its table to target."""
        plan, scenario = self.window.session.plan, self.window.scenario

        def work(progress: Callable[[int, int], None]) -> Path:  # in the task's thread, on immutable inputs
            progress(0, 1)
            result = simulate(plan, SimulationRequest(scenario, monthly=monthly, answer=False))
            progress(1, 1)
            atomic_write_text(target, projection_csv(result, nominal, monthly, per_stream))
            return target

        self._run("Projecting for the CSV export…", work,
                  lambda written: self.window.show_message(f"Projection written to {written}"))

    def export_pdf(self) -> None:
        options = PdfOptions(self.window.dialog_parent())
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        target = self._target("Export plan report", ".pdf", "PDF files (*.pdf);;All files (*)")
        if target is not None:
            self.write_pdf(target, options.page_size.currentData())

    def write_pdf(self, target: Path, page_size: str) -> None:
        """Project, draw and write the report in a child process (ui/report/report_process.py): the
        charts' drawing and the file's writing never hold up this window."""
        from planner.ui.report.report_process import write_report_in_child

        plan = self.window.session.plan
        self._run("Projecting the plan and its scenarios for the report…",
                  lambda progress: write_report_in_child(plan, target, page_size, progress),
                  lambda pages: self.window.show_message(f"Report written to {target} ({pages} pages)"))

    def _run(self, label: str, work: Work, then: Callable[[Any], None]) -> None:
        """Start the work unless an export is already running; ``then`` gets its result here."""
        if self.task is not None and not self.task.done:
            self.window.show_problem("An export is still running; wait for it or cancel it first.")
            return
        self.task = BackgroundTask(self.window.dialog_parent(), label, work, EXPORT_ERRORS)
        self.task.finished.connect(then)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _failed(self, message: str) -> None:
        if message:
            self.window.show_problem(f"Could not export: {message}")
        else:
            self.window.show_message("Export cancelled; nothing was written.")

    def stop(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.stop()
