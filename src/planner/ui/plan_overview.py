"""Left-hand panel: the household, FI rule, strategy and scenarios of the open plan (read-only
until the editor issue)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QListView, QVBoxLayout, QWidget

from planner.domain.fields import Unit
from planner.domain.plan import Plan
from planner.ui.formatting import label, money, number


class PlanOverview(QWidget):
    def __init__(self, plan: Plan, parent: QWidget | None = None):
        super().__init__(parent)
        self._values: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._group("Household", (
            ("age", "Age"), ("expenses", "Monthly expenses"), ("savings", "Monthly savings"),
            ("inflation", "Inflation"), ("target", "Target FI age"),
        )))
        layout.addWidget(self._group("FI rule and strategy", (
            ("rule", "FI rule"), ("swr", "Safe withdrawal rate"), ("preset", "Strategy"),
            ("weights", "Safe / core / speculative"), ("rebalancing", "Rebalancing"),
        )))
        scenarios = QGroupBox("Scenarios")
        scenario_layout = QVBoxLayout(scenarios)
        self.scenario_model = QStringListModel(self)
        self.scenario_view = QListView()
        self.scenario_view.setObjectName("scenarioList")
        self.scenario_view.setModel(self.scenario_model)
        scenario_layout.addWidget(self.scenario_view)
        layout.addWidget(scenarios, 1)
        self.show_plan(plan)

    def _group(self, title: str, rows: tuple[tuple[str, str], ...]) -> QGroupBox:
        group = QGroupBox(title)
        form = QFormLayout(group)
        for key, text in rows:
            value = QLabel()
            value.setObjectName(f"overview_{key}")
            self._values[key] = value
            form.addRow(text, value)
        return group

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def show_plan(self, plan: Plan) -> None:
        household, rule, strategy, currency = plan.household, plan.fi_rule, plan.strategy, plan.currency
        texts = {
            "age": f"{plan.start.year - household.birth_year} (born {household.birth_year})",
            "expenses": money(household.monthly_expenses, currency),
            "savings": money(household.monthly_savings, currency),
            "inflation": number(household.inflation, Unit.PERCENT_PER_YEAR, currency),
            "target": str(household.target_fi_age),
            "rule": label(rule.kind.value),
            "swr": number(rule.safe_withdrawal_rate, Unit.PERCENT_PER_YEAR, currency),
            "preset": label(strategy.preset.value),
            "weights": " / ".join(
                number(w, Unit.PERCENT, currency)
                for w in (strategy.safe_weight, strategy.core_weight, strategy.speculative_weight)
            ),
            "rebalancing": label(strategy.rebalancing.value),
        }
        for key, text in texts.items():
            self._values[key].setText(text)
        self.scenario_model.setStringList(["Base plan", *(s.name for s in plan.scenarios)])
