"""Import holdings from CSV: the file as read (encoding, delimiter, decimal mark), the column for
each stream field, a preview of the rows, and every bad row with its line and reason. Import is
possible only when every row is good; reading and checking run in a background task."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from planner.domain.plan import Stream
from planner.export.csv_reading import CsvTable
from planner.export.files import ExportFileError
from planner.export.holdings import FIELDS, REQUIRED
from planner.services.errors import ImportProblems
from planner.services.holdings_import import HoldingsPreview, preview, read_file, sample_file
from planner.ui.background_task import BackgroundTask
from planner.ui.formatting import count
from planner.ui.window_context import WindowContext

PREVIEW_ROWS = 200
NO_COLUMN = "(none)"
PROBLEMS_SHOWN = 500


class HoldingsImportDialog(QDialog):
    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.dialog_parent())
        self.host = window
        self.setWindowTitle("Import holdings from CSV")
        self.resize(900, 620)
        self.path: Path | None = None
        self.checked: HoldingsPreview | None = None
        self.task: BackgroundTask | None = None
        self.file_label = QLabel("Choose a CSV file with one holding per row.")
        self.file_label.setObjectName("importFile")
        self.file_label.setWordWrap(True)
        choose = QPushButton("&Choose file…")
        choose.clicked.connect(self.choose_file)
        sample = QPushButton("Use the &sample file")
        sample.clicked.connect(lambda: self.load(sample_file()))
        header = QHBoxLayout()
        header.addWidget(self.file_label, 1)
        header.addWidget(choose)
        header.addWidget(sample)
        self.columns: dict[str, QComboBox] = {}
        mapping_box = QGroupBox("Columns")
        grid = QGridLayout(mapping_box)
        for number, field in enumerate(FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"column_{field}")
            combo.activated.connect(lambda _index: self.recheck())
            self.columns[field] = combo
            label = QLabel(field.replace("_", " ").capitalize() + (" *" if field in REQUIRED else "") + ":")
            label.setBuddy(combo)
            grid.addWidget(label, number // 3, 2 * (number % 3))
            grid.addWidget(combo, number // 3, 2 * (number % 3) + 1)
        self.table_model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.table_model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(130)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(mapping_box)
        form = QFormLayout()
        form.addRow("Preview:", self.table)
        form.addRow("Problems:", self.problems)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import holdings", str(Path(self.host.session.path).parent),
                                                "CSV files (*.csv *.txt);;All files (*)")
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Read and check the file in the background (a holdings file may hold 100 MB)."""
        self.path, self.checked = path, None
        self.file_label.setText(f"{path.name}: reading…")
        self._check(lambda: read_file(path), None)

    def mapping(self) -> dict[str, str]:
        return {field: "" if combo.currentText() == NO_COLUMN else combo.currentText()
                for field, combo in self.columns.items() if combo.count()}

    def recheck(self) -> None:
        """Another column choice: the rows are checked again; the table already read is reused."""
        if self.checked is not None:
            table = self.checked.table
            self._check(lambda: table, self.mapping())

    def _check(self, source: Callable[[], bytes | CsvTable], mapping: dict[str, str] | None) -> None:
        if self.task is not None and not self.task.done:
            self.task.stop()
        plan = self.host.session.plan
        self.import_button.setEnabled(False)
        self.task = BackgroundTask(self, "Reading and checking the holdings…",
                                   lambda progress: preview(source(), plan, mapping, progress),
                                   (ImportProblems, ExportFileError))
        self.task.finished.connect(self.show_preview)
        self.task.failed.connect(lambda message: self._show_problems([message] if message else ["Reading cancelled."]))
        self.task.start()

    def show_preview(self, checked: HoldingsPreview) -> None:
        self.checked = checked
        table = checked.table
        decimal = "decimal comma" if table.decimal_comma else "decimal point"
        delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}[table.delimiter]
        self.file_label.setText(f"{self.path.name if self.path else ''}: {table.encoding}, {delimiter}-separated, "
                                f"{decimal}, {count(len(table.rows))} rows")
        for field, combo in self.columns.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([NO_COLUMN, *table.headers])
            combo.setCurrentText(checked.mapping.get(field) or NO_COLUMN)
            combo.blockSignals(False)
        self._fill_table(checked)
        problems = [str(problem) for problem in checked.result.problems]
        if problems:
            self._show_problems(problems)
        else:
            self.problems.setPlainText(f"All {count(len(checked.result.streams))} rows are good; Import adds them "
                                       "as streams after backing the plan up.")
            self.import_button.setEnabled(True)

    def _fill_table(self, checked: HoldingsPreview) -> None:
        model, table = self.table_model, checked.table
        model.clear()
        model.setHorizontalHeaderLabels(list(table.headers))
        bad = {problem.line for problem in checked.result.problems}
        for row, line in zip(table.rows[:PREVIEW_ROWS], table.lines, strict=False):
            items = [QStandardItem(cell) for cell in row]
            for item in items:
                item.setEditable(False)
                if line in bad:
                    item.setBackground(Qt.GlobalColor.yellow)
                    item.setForeground(Qt.GlobalColor.black)
            model.appendRow(items)
        model.setVerticalHeaderLabels([str(line) for line in table.lines[:PREVIEW_ROWS]])  # file line numbers

    def _show_problems(self, problems: list[str]) -> None:
        shown = problems[:PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {count(more)} more" if more else "")
        self.problems.setPlainText(f"{count(len(problems))} problem(s); nothing will be imported until every row is "
                                   f"good:\n{text}")
        self.import_button.setEnabled(False)

    def streams(self) -> tuple[Stream, ...]:
        assert self.checked is not None and not self.checked.result.problems
        return self.checked.result.streams

    def done(self, result: int) -> None:
        if self.task is not None and not self.task.done:
            self.task.stop()
        super().done(result)
