"""Compare the base plan and its scenarios: chart and key metrics on the same paths and seed.

The list follows the plan while the window is open. It remembers what was unticked rather than what
was ticked, so a new scenario arrives ticked (whoever just made one wants to compare it), while a
renamed one, or one a deletion's undo brings back, keeps its tick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from planner.services.commands import Change
from planner.services.whatif.comparison import BASE_NAME, Comparison, compare
from planner.ui.whatif.comparison_view import ComparisonView
from planner.ui.whatif.panel import WhatIfPanel, note
from planner.ui.window_context import WindowContext

#: Where scenarios are made (the main window's Scenarios tab and its buttons; tested against them).
HOW_TO = ("To make a scenario: in the main window open the Scenarios tab on the left (View > Scenarios, "
          "Ctrl+4), press New or Clone and change its values there; it appears here ticked.")


class ComparePanel(WhatIfPanel):
    title = "Compare scenarios"
    run_text = "Compare"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.choices = QListWidget()
        self.choices.setMaximumHeight(76)
        self.form.addRow("Scenarios", self.choices)
        self.layout_.insertWidget(0, note("Tick two or more to see them on one chart and side by side. Each runs "
                                          "with the plan's paths and seed, so differences come from the scenarios."))
        self.view = ComparisonView()
        self.add_results(self.view, "")
        self._session = window.session
        self._unticked: set[str] = set()
        window.plan_changed.connect(self._plan_changed)
        self.refresh_choices()

    def follow_plan(self) -> None:
        self.refresh_choices()

    def _plan_changed(self, change: Change) -> None:
        """A renamed scenario keeps its tick under its new name."""
        self._remember_ticks()
        if change.renamed is not None:
            before, after = change.renamed
            if before in self._unticked:
                self._unticked.add(after)
            else:
                self._unticked.discard(after)
        self.refresh_choices()

    def _remember_ticks(self) -> None:
        for i in range(self.choices.count()):
            item = self.choices.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                self._unticked.discard(item.text())
            else:
                self._unticked.add(item.text())

    def refresh_choices(self) -> None:
        if self.host.session is not self._session:  # another plan: start with all ticked
            self._session, self._unticked = self.host.session, set()
            self.choices.clear()  # the old plan's ticks are not remembered
        self._remember_ticks()
        self.choices.clear()
        for name in [BASE_NAME, *(s.name for s in self.plan.scenarios)]:
            item = QListWidgetItem(name)
            item.setCheckState(Qt.CheckState.Unchecked if name in self._unticked else Qt.CheckState.Checked)
            self.choices.addItem(item)
        if self.result_area is not None:
            self.result_area.set_hint(self.hint())

    def hint(self) -> str:
        """What to do before the first comparison."""
        if not self.plan.scenarios:
            return ("This plan has no scenarios yet, so there is nothing to compare the base plan with.\n\n"
                    f"{HOW_TO} Then press Compare.")
        return ("Nothing compared yet. Tick the scenarios to compare above (the base plan counts) and press "
                "Compare: each one's net worth, passive income and success of stopping saving appear here on "
                "one chart, with their key metrics side by side.")

    def chosen(self) -> list[str | None]:
        names = [self.choices.item(i).text() for i in range(self.choices.count())
                 if self.choices.item(i).checkState() == Qt.CheckState.Checked]
        return [None if name == BASE_NAME else name for name in names]

    def start(self) -> None:
        names = self.chosen()
        if len(names) < 2:
            if not self.plan.scenarios:
                self.status.setText(f"Nothing to compare: this plan has no scenarios yet. {HOW_TO}")
            else:
                self.status.setText(f"Tick at least two to compare ({len(names)} ticked; the base plan counts). "
                                    f"{HOW_TO}")
            return
        plan = self.plan
        self.run("Projecting the scenarios…", lambda progress: compare(plan, names, progress=progress),
                 lambda result: self.present(plan, result))

    def present(self, plan, comparison: Comparison) -> None:  # type: ignore[no-untyped-def]
        self.view.show_comparison(plan, comparison, self.context())
