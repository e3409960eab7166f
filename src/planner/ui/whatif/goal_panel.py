"""Goal seek in the window: the saving or expenses for FI by an age, or the FI date, at a chosen
probability; the answer can be put into the plan with one (undoable) edit."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QPushButton, QSpinBox, QWidget

from planner.services.whatif.goals import GoalResult, solve
from planner.services.whatif.setup import SEARCH_PATHS
from planner.ui.whatif.empty_state import column
from planner.ui.whatif.panel import WhatIfPanel, note, paths_box
from planner.ui.window_context import WindowContext

GOAL_LABELS = (("saving", "Least monthly saving to stop saving at an age"),
               ("expenses", "Highest monthly expenses to stop saving at an age"),
               ("fi-age", "Earliest month to stop saving with the plan as it is"))
FIELDS = {"saving": ("monthly_savings", "monthly saving"), "expenses": ("monthly_expenses", "monthly expenses")}


class GoalPanel(WhatIfPanel):
    title = "Goal seek"
    run_text = "Solve"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.goal = QComboBox()
        for key, text in GOAL_LABELS:
            self.goal.addItem(text, key)
        self.age = QSpinBox()
        self.age.setRange(1, 120)
        self.probability = QDoubleSpinBox()
        self.probability.setRange(1.0, 99.9)
        self.probability.setDecimals(1)
        self.probability.setSuffix(" %")
        self.probability.setValue(float(self.plan.fi_rule.confidence))
        self.paths = paths_box(SEARCH_PATHS)
        self.form.addRow("Goal", self.goal)
        self.form.addRow("Stop saving at age", self.age)
        self.form.addRow("With success", self.probability)
        self.form.addRow("Paths per run", self.paths)
        self.goal.currentIndexChanged.connect(self._goal_changed)
        self.answer = QLabel("")
        self.answer.setWordWrap(True)
        self.answer.setObjectName("goalAnswer")
        self.use_button = QPushButton("")
        self.use_button.setVisible(False)
        self.use_button.clicked.connect(self.use_answer)
        self.add_results(column(self.answer, self.use_button, QWidget()),
                         f"Choose a goal above and press {self.run_text}: the answer appears here. A monthly "
                         "saving or expenses comes with a button that puts it into the plan (Undo takes it back).")
        self.layout_.addWidget(note("Every run uses the same random paths (common random numbers), so the search "
                                    "is stable: the answer meets the goal and one unit less (or one month earlier) "
                                    "does not. More paths narrow the Monte Carlo error."))
        self.result: GoalResult | None = None
        self.reset_age()

    def reset_age(self) -> None:
        self.age.setValue(self.plan.household.target_fi_age)
        self.probability.setValue(float(self.plan.fi_rule.confidence))

    def _goal_changed(self) -> None:
        self.age.setEnabled(self.goal.currentData() != "fi-age")

    def start(self) -> None:
        plan, goal, scenario = self.plan, self.goal.currentData(), self.scenario
        age = None if goal == "fi-age" else self.age.value()
        probability, paths = self.probability.value() / 100.0, self.paths.value()

        def work(progress):  # type: ignore[no-untyped-def]
            return solve(plan, goal, probability, age, scenario, paths, progress=lambda runs: progress(runs, 0))

        self.run("Searching…", work, self.present)

    def present(self, result: GoalResult) -> None:
        self.result = result
        self.answer.setText(result.text)
        usable = result.goal in FIELDS and result.answer.value is not None and result.answer.value > 0
        self.use_button.setVisible(usable)
        if usable:
            label = FIELDS[result.goal][1]
            self.use_button.setText(f"Use {result.answer.value:,} as the {label} of {self.about()}")

    def use_answer(self) -> None:
        if self.result is None or self.result.answer.value is None:
            return
        field, label = FIELDS[self.result.goal]
        self.host.edit_field("household", field, Decimal(self.result.answer.value), label)
        self.host.show_message(f"The {label} is now {self.result.answer.value:,} (Undo puts it back).")
