"""The guided start: household and ages, expenses, saving, what is already held, a strategy, and
where to keep the plan; it ends with the new plan open in the main window and its answer running.
Every page checks its answers against the plan's own bounds before it lets the user go on."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.domain.defaults import PRESET_WEIGHTS, new_plan
from planner.domain.enums import StrategyPreset
from planner.domain.plan import Plan
from planner.domain.problems import PlanProblems
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.services.errors import PlanFileError
from planner.services.guided_plan import GuidedAnswers, build_plan, create_guided_plan, household_problems
from planner.ui.guided.fields import NumberField, first_problem, problem_label
from planner.ui.guided.holdings_page import HoldingsPage

HOUSEHOLD = NUMERIC_FIELDS["household"]
PRESET_TEXTS = {
    StrategyPreset.BALANCED: "Balanced: most in broad markets, a cash cushion, a little to experiment with.",
    StrategyPreset.BARBELL: "Barbell: most money very safe, a small speculative share, nothing in between.",
    StrategyPreset.DIVIDEND_SNOWBALL: "Dividend snowball: nearly everything in dividend payers, income reinvested.",
}


class NumbersPage(QWizardPage):
    """A page of numeric fields; it goes on only when every field and ``extra_check`` agree."""

    def __init__(self, title: str, subtitle: str, rows: list[tuple[str, QWidget]]):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.fields = [field for _, field in rows if isinstance(field, NumberField)]
        self.form = QFormLayout()
        for text, field in rows:
            self.form.addRow(text, field)
        self.problem = problem_label()
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addStretch(1)
        column.addWidget(self.problem)

    def extra_check(self) -> str:
        return ""

    def validatePage(self) -> bool:
        problem = first_problem(self.fields) or self.extra_check()
        self.problem.setText(problem)
        return not problem


class GuidedStart(QWizard):
    """After exec() is accepted, ``created`` is the new plan file."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Start my own plan")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.folder = Path(folder)
        self.created: Path | None = None
        today = date.today().year
        self.plan_name = QLineEdit("My plan")
        self.plan_name.setObjectName("planName")
        self.birth_year = NumberField(HOUSEHOLD["birth_year"], today - 35)
        self.target_age = NumberField(HOUSEHOLD["target_fi_age"])
        self.until_age = NumberField(HOUSEHOLD["plan_until_age"])
        self.you = NumbersPage("You", "Who the plan is for: ages turn years into the milestones you plan by.",
                               [("Plan &name", self.plan_name), ("&Birth year", self.birth_year),
                                ("&Stop saving at age", self.target_age), ("Plan &until age", self.until_age)])
        self.you.extra_check = self._household_check
        self.expenses = NumberField(HOUSEHOLD["monthly_expenses"])
        self.spending = NumbersPage("What life costs", "Your household's spending a month in today's money: rent or "
                                    "mortgage, food, transport, insurance, everything. Passive income must cover it.",
                                    [("Monthly &expenses", self.expenses)])
        self.savings = NumberField(HOUSEHOLD["monthly_savings"])
        self.saving = NumbersPage("What you save", "What you can put aside each month until you stop saving; the "
                                  "strategy splits it between the safe, core and speculative sleeves.",
                                  [("Monthly &savings", self.savings)])
        self.holdings = HoldingsPage(self.plan_so_far)
        self.strategy = self._strategy_page()
        self.target = self._save_page()
        for page in (self.you, self.spending, self.saving, self.holdings, self.strategy, self.target):
            self.addPage(page)
        self.resize(640, 520)

    # ----- answers ----------------------------------------------------------------------------
    def answers(self) -> GuidedAnswers:
        """The answers so far (fields not valid yet read as their defaults)."""
        def number(field: NumberField) -> Decimal:
            value = field.value()
            return value if value is not None else field.spec.default

        return GuidedAnswers(
            name=self.plan_name.text().strip() or "My plan", birth_year=int(number(self.birth_year)),
            target_fi_age=int(number(self.target_age)), plan_until_age=int(number(self.until_age)),
            monthly_expenses=number(self.expenses), monthly_savings=number(self.savings),
            holdings=tuple(self.holdings.holdings), preset=self.preset())

    def plan_so_far(self) -> Plan:
        try:
            return build_plan(self.answers(), check=False)
        except (ValueError, KeyError):
            return new_plan()

    def _household_check(self) -> str:
        answers = self.answers()
        start = self.plan_so_far().start.year
        if answers.birth_year > start:
            return f"Birth year: {answers.birth_year} is after the plan's first year ({start})."
        problems = household_problems(answers)
        return problems[0] if problems else ""

    # ----- strategy ---------------------------------------------------------------------------
    def _strategy_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Strategy")
        page.setSubTitle("How new savings are split between the safe, core and speculative sleeves. Any of them "
                         "can be changed later, weight by weight.")
        self.presets = QButtonGroup(page)
        column = QVBoxLayout(page)
        for number, (preset, text) in enumerate(PRESET_TEXTS.items()):
            safe, core, speculative = PRESET_WEIGHTS[preset]
            button = QRadioButton(f"{text}  ({safe}/{core}/{speculative} %)")
            button.setObjectName(preset.value)
            button.setChecked(number == 0)
            self.presets.addButton(button, number)
            column.addWidget(button)
        column.addWidget(self._note("The answer uses the same FI test as every plan: income plus safe withdrawals "
                                    "(change it in the Plan panel's section The answer)."))
        column.addStretch(1)
        return page

    def preset(self) -> StrategyPreset:
        return list(PRESET_TEXTS)[max(self.presets.checkedId(), 0)]

    # ----- where to keep it ---------------------------------------------------------------------
    def _save_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle("Where to keep the plan")
        page.setSubTitle("One file holds the whole plan; it is saved as you go and backed up each time it opens.")
        page.setFinalPage(True)
        self.path = QLineEdit()
        self.path.setObjectName("planPath")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.save_problem = problem_label()
        column = QVBoxLayout(page)
        column.addWidget(QLabel("&File:", buddy=self.path))
        column.addLayout(row)
        column.addStretch(1)
        column.addWidget(self.save_problem)
        page.initializePage = self._suggest_path  # type: ignore[method-assign]
        page.validatePage = self._create  # type: ignore[method-assign]
        return page

    def _suggest_path(self) -> None:
        if self.path.text():
            return
        stem = self._stem()
        candidates = [self.folder / f"{stem}.plan", *(self.folder / f"{stem} {n}.plan" for n in range(2, 1000))]
        self.path.setText(str(next(p for p in candidates if not p.exists())))

    def _stem(self) -> str:
        """The plan's name as a file name: letters, digits, spaces, dots and dashes only."""
        return re.sub(r"[^\w .-]+", "", self.answers().name).strip() or "My plan"

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Keep the plan in", self.path.text(), "Plans (*.plan)")
        if chosen:
            self.path.setText(chosen)

    def chosen_path(self, text: str) -> Path:
        """The file meant by what was typed: a relative name lands in the suggested folder (not the
        process's working folder), a folder gets the plan inside it, a bare name gets ``.plan``."""
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.is_dir():
            return path / f"{self._stem()}.plan"
        return path if path.suffix else path.with_name(path.name + ".plan")

    def _create(self) -> bool:
        text = self.path.text().strip()
        if not text:
            self.save_problem.setText("Say where to keep the plan.")
            return False
        path = self.chosen_path(text)
        try:
            self.created = create_guided_plan(path, self.answers())
        except (PlanFileError, PlanProblems, OSError) as error:
            self.save_problem.setText(f"Could not create the plan: {error}")
            return False
        return True

    def _note(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label
