"""The guided start's "what you already hold" page: holdings picked from the catalogue with an
amount, or read from a CSV file of holdings (the same reader as File > Import Holdings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from planner.domain.catalogue import ALL_KINDS
from planner.domain.plan import Plan, Stream
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.export.files import ExportFileError
from planner.services import holdings_import
from planner.services.errors import ImportProblems
from planner.services.guided_plan import holding
from planner.ui.formatting import money
from planner.ui.guided.fields import NumberField, problem_label

CSV_FILTER = "CSV files (*.csv);;All files (*)"


class HoldingsPage(QWizardPage):
    """``plan_so_far()`` gives the plan the holdings join (its start month, currency and names)."""

    def __init__(self, plan_so_far: Callable[[], Plan]):
        super().__init__()
        self.plan_so_far = plan_so_far
        self.holdings: list[Stream] = []
        self.ask_csv_path = lambda: QFileDialog.getOpenFileName(self, "Holdings CSV", str(Path.home()), CSV_FILTER)[0]
        self.setTitle("What you already hold")
        self.setSubTitle("Savings, funds, a rental, a side business: add each with what it is worth today, or "
                         "read them from a CSV file. Nothing yet? Go on; streams can be added any time.")
        self.kind = QComboBox()
        self.kind.setObjectName("holdingKind")
        self.kind.setAccessibleName("Kind")
        for kind in ALL_KINDS:
            self.kind.addItem(kind.name, kind.key)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.name = QLineEdit()
        self.name.setObjectName("holdingName")
        self.name.setAccessibleName("Name")
        self.name.textEdited.connect(lambda _text: setattr(self, "_name_typed", True))
        self.amount = NumberField(NUMERIC_FIELDS["stream"]["starting_amount"])
        self.amount.setAccessibleName("Worth today")
        self.add_button = QPushButton("&Add holding")
        self.add_button.clicked.connect(self.add_typed)
        self.add_button.setAutoDefault(False)  # Enter goes on to the next page; Space adds
        self.csv_button = QPushButton("Read from &CSV…")
        self.csv_button.clicked.connect(self.add_from_csv)
        self.csv_button.setAutoDefault(False)
        self.list = QListWidget()
        self.list.setObjectName("holdings")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setAutoDefault(False)
        self.problem = problem_label()
        form = QFormLayout()
        form.addRow("&Kind", self.kind)
        form.addRow("&Name", self.name)
        form.addRow("&Worth today", self.amount)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(QLabel("Added so far:"))
        column.addWidget(self.list, 1)
        column.addWidget(self.problem)
        self._name_typed = False
        self._kind_chosen()

    def _kind_chosen(self) -> None:
        kind = ALL_KINDS[self.kind.currentIndex()]
        if not self._name_typed:
            self.name.setText(self._free_name(kind.name))
        self.amount.setText(self.amount.text() if self._name_typed else "0.00")

    def _free_name(self, base: str) -> str:
        taken = {s.name.casefold() for s in self.holdings}
        return next(name for name in [base, *(f"{base} {n}" for n in range(2, 1000))] if name.casefold() not in taken)

    def validatePage(self) -> bool:
        """A holding typed with an amount but not added yet is added on Next, not dropped."""
        amount = self.amount.value()
        if amount is None:
            self.problem.setText(self.amount.problem)
            return False
        if amount > 0:
            self.add_typed()
            return not self.problem.text()
        return True

    def add_typed(self) -> None:
        amount, name = self.amount.value(), self.name.text().strip()
        if amount is None:
            self.problem.setText(self.amount.problem)
            return
        if not name or name.casefold() in {s.name.casefold() for s in self.holdings}:
            self.problem.setText("Give the holding a name of its own." if name else "Give the holding a name.")
            return
        self._add([holding(self.plan_so_far(), str(self.kind.currentData()), name, Decimal(amount))])
        self._name_typed = False
        self._kind_chosen()
        self.kind.setFocus()

    def add_from_csv(self) -> None:
        chosen = self.ask_csv_path()
        if not chosen:
            return
        plan = self.plan_so_far()
        try:
            checked = holdings_import.preview(holdings_import.read_file(Path(chosen)),
                                              replace(plan, streams=tuple(self.holdings)))
        except (ImportProblems, ExportFileError, OSError, ValueError) as error:
            self.problem.setText(f"Could not read {Path(chosen).name}: {error}")
            return
        if checked.result.problems:
            lines = "; ".join(str(p) for p in checked.result.problems[:3])
            more = len(checked.result.problems) - 3
            tail = f" (and {more} more)" if more > 0 else ""
            self.problem.setText(f"{Path(chosen).name} was not read: {lines}{tail}")
            return
        self._add(list(checked.result.streams))

    def _add(self, streams: list[Stream]) -> None:
        currency = self.plan_so_far().currency
        for stream in streams:
            self.holdings.append(stream)
            kind = next(k for k in ALL_KINDS if k.key == stream.kind)
            self.list.addItem(f"{stream.name}  —  {kind.name}, {money(stream.starting_amount, currency)}")
        self.problem.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.holdings):
            del self.holdings[row]
            self.list.takeItem(row)
