"""Left-hand editor of the plan's own settings: the plan, the household (with its partner, work
income and part-time work, ui/household_forms.py), FI rule, strategy, assumptions and tax (the tax
rules, tables and each category's table or flat rate, ui/tax_editor.py). In a scenario it shows the
scenario's values, marks the ones the scenario changes, and locks what a scenario cannot change."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from planner.domain.enums import FIRuleKind, Rebalancing, ReturnModel, StrategyPreset, WithdrawalMethod
from planner.domain.plan import Plan
from planner.domain.record_fields import ASSUMPTION_FIELDS, FI_RULE_FIELDS, STRATEGY_FIELDS
from planner.services.backtest import history_choices
from planner.services.commands import Command
from planner.services.edits import (
    PLAN,
    field_value,
    overridden_fields,
    scenario_can_change,
    scenario_view,
)
from planner.ui.collapsible_section import CollapsibleSection
from planner.ui.field_editors import CheckEditor, ChoiceEditor, FieldEditor, MonthEditor, NumberEditor, TextEditor
from planner.ui.field_form import BASE_ONLY, Edit, FieldForm, Reset
from planner.ui.formatting import label, value_text
from planner.ui.history_editor import HistoryEditor
from planner.ui.household_forms import HouseholdForms
from planner.ui.tax_editor import TaxSection

#: Several fields set as one edit: ([(target, field, value)], undo text) -> problem or None.
EditMany = Callable[[list[tuple[str, str, Any]], str], "str | None"]
WEIGHTS = ("safe_weight", "core_weight", "speculative_weight")
RULE_NAMES = {"income_only": "Income only", "income_plus_withdrawals": "Income plus safe withdrawals"}
#: Sections folded on a first start (the choice is remembered): the ones a newcomer changes least.
FOLDED_AT_FIRST = ("Assumptions", "Tax")
#: Assumptions shown in the Tax section rather than under Assumptions.
TAX_ASSUMPTIONS = ("pay_tax_rate",)
RETURN_MODEL_NAMES = {
    "lognormal": "Lognormal", "student_t": "Fat tails (Student-t)", "regime_switching": "Calm/crash regimes",
    "historical_replay": "History's shape, my means", "block_bootstrap": "Block bootstrap (history's shape)",
    "historical": "History as it happened",
}


class PlanSettings(QScrollArea):
    def __init__(self, plan: Plan, edit: Edit, edit_many: EditMany, reset: Reset,
                 perform: Callable[[Command], str | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._edit_many = edit_many
        self._pending: dict[str, Decimal] = {}
        self._plan = plan
        self._scenario: str | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        column = QVBoxLayout(body)
        currency = plan.currency
        self.forms: list[FieldForm] = []
        self.sections: dict[str, CollapsibleSection] = {}
        self._section_forms: dict[str, list[FieldForm]] = {}

        def section(title: str) -> FieldForm:
            return self._section(column, title, edit, reset)

        self._plan_section(section("Plan"))
        self.household = HouseholdForms(section, currency)
        self._rule_section(section("The answer"), currency)
        self.strategy_form = self._strategy_section(section("Strategy"), currency)
        self.history = self._assumptions_section(section("Assumptions"), currency)
        self.tax = TaxSection(edit, reset, perform, currency)
        self._add_section(column, "Tax", self.tax, self.tax.forms)
        column.addStretch(1)
        self.setWidget(body)
        self.tax.order_tabs()
        self.show_plan(plan, None)

    @staticmethod
    def _plan_section(form: FieldForm) -> None:
        form.add(PLAN, "name", "Name", TextEditor("The plan's name, shown in the title bar and reports."))
        form.add(PLAN, "start", "First month", MonthEditor("The first month the projection covers."))
        form.add(PLAN, "currency", "Currency", TextEditor("3-letter ISO 4217 code of every amount, e.g. USD."))

    @staticmethod
    def _rule_section(rule: FieldForm, currency: str) -> None:
        specs = {spec.key: spec for spec in FI_RULE_FIELDS}
        for key in ("shortfall_tolerance", "confidence"):
            rule.add("fi_rule", key, specs[key].label, NumberEditor(specs[key], currency))
        rule.add("fi_rule", "withdrawal_method", "After stopping, draw", ChoiceEditor(
            WithdrawalMethod, "How capital is drawn after the stop month when income falls short: not at all, a "
            "constant real amount, a percent of the portfolio, or guardrails that cut spending after losses (cuts "
            "count as shortfall)."))
        rule.add("fi_rule", "kind", "FI test", ChoiceEditor(
            FIRuleKind, "When the FI dates count FI. Income only: sustainable after-tax passive income covers "
            "expenses. Income plus safe withdrawals: business and property income plus a safe withdrawal rate on "
            "liquid capital less debts and committed purchases. Either must hold 12 months in a row.", RULE_NAMES))
        rule.add("fi_rule", "fixed_withdrawal_rate", "", CheckEditor(
            "Use a fixed withdrawal rate", "Off: the rate follows the years left (4 % for 30 years or fewer, 3.5 % "
            "for 40, 3.25 % for 50 or more). On: the rate below, for the FI test, percent-of-portfolio and "
            "guardrails."))
        rule.add("fi_rule", "safe_withdrawal_rate", specs["safe_withdrawal_rate"].label,
                 NumberEditor(specs["safe_withdrawal_rate"], currency))

    def _strategy_section(self, strategy: FieldForm, currency: str) -> FieldForm:
        strategy.add("strategy", "preset", "Preset", ChoiceEditor(
            StrategyPreset, "Named sleeve weights: balanced 30/60/10, barbell 85/0/15 (most money safe, a small "
            "speculative share, nothing in between), dividend snowball 10/85/5. Custom once you change a weight."),
            self._preset_chosen)
        for spec in STRATEGY_FIELDS:
            weight = spec.key in WEIGHTS
            strategy.add("strategy", spec.key, spec.label, NumberEditor(spec, currency),
                         (lambda value, k=spec.key: self._weight_typed(k, value)) if weight else None)
        strategy.add("strategy", "rebalancing", "Rebalancing", ChoiceEditor(
            Rebalancing, "None; yearly back to the weights; or whenever a sleeve drifts beyond the threshold."))
        return strategy

    @staticmethod
    def _assumptions_section(assumptions: FieldForm, currency: str) -> HistoryEditor:
        for spec in (s for s in ASSUMPTION_FIELDS if s.key not in TAX_ASSUMPTIONS):
            assumptions.add("assumptions", spec.key, spec.label, NumberEditor(spec, currency, whole=spec.integer))
        assumptions.add("assumptions", "sell_property_last_resort", "", CheckEditor(
            "Sell property as a last resort", "When liquid money cannot pay a month, sell the property that brings "
            "most, at its simulated value less selling costs and the mortgage."))
        assumptions.add("assumptions", "return_model", "Return model", ChoiceEditor(
            ReturnModel, "How Monte Carlo draws market returns (docs/engine.md). History as it happened replays "
            "the history table's own returns and inflation, one path per start month; history's shape keeps "
            "your means and volatilities.", RETURN_MODEL_NAMES))
        history = HistoryEditor()
        assumptions.add("assumptions", "history_table", "History table", history)
        return history

    def _section(self, column: QVBoxLayout, title: str, edit: Edit, reset: Reset) -> FieldForm:
        form = FieldForm(edit, reset)
        self._add_section(column, title, form, [form])
        return form

    def _add_section(self, column: QVBoxLayout, title: str, body: QWidget, forms: list[FieldForm]) -> None:
        section = CollapsibleSection(title, body)
        section.set_expanded(title not in FOLDED_AT_FIRST)
        column.addWidget(section)
        self.forms += forms
        self.sections[title] = section
        self._section_forms[title] = forms

    def folded(self) -> list[str]:
        return [title for title, section in self.sections.items() if not section.is_expanded()]

    def set_folded(self, titles: list[str]) -> None:
        for title, section in self.sections.items():
            section.set_expanded(title not in titles)

    def minimumSizeHint(self) -> QSize:
        """Never narrower than its widest row: the panel scrolls up and down, never sideways."""
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def editor(self, target: str, field_name: str) -> FieldEditor:
        for form in self.forms:
            if (target, field_name) in form.editors:
                return form.editors[(target, field_name)]
        raise KeyError((target, field_name))

    def input_widgets(self) -> list[QWidget]:
        return [w for form in self.forms for w in form.input_widgets()] + self.tax.input_widgets()

    def show_plan(self, plan: Plan, scenario: str | None) -> None:
        """Show the plan as the scenario sees it (None: the base plan)."""
        seen = scenario_view(plan, scenario)
        if (scenario, seen.strategy) != (self._scenario, scenario_view(self._plan, self._scenario).strategy):
            self._pending.clear()  # weights held back stay held back while the strategy is unchanged
        self._plan, self._scenario = plan, scenario
        changed = overridden_fields(plan, scenario)
        self.history.set_choices(history_choices(plan))
        for title, section in self.sections.items():
            count = sum(key in changed for form in self._section_forms[title] for key in form.editors)
            section.set_note(f"{count} changed in this scenario" if count else "")
        for form in self.forms:
            for (target, field_name), editor in form.editors.items():
                if isinstance(editor, NumberEditor):
                    editor.set_currency(plan.currency)
                base = field_value(plan, target, field_name)
                overridden = (target, field_name) in changed
                editor.set_value(field_value(seen, target, field_name), overridden, value_text(base))
                locked = scenario is not None and not scenario_can_change(plan, target, field_name)
                editor.set_locked(BASE_ONLY if locked else "")
        self.household.follow(seen.household)
        self.tax.show_plan(plan, scenario)

    def _weight_typed(self, key: str, value: Decimal) -> None:
        """Weights are saved together, once the three add up to 100 %; until then they wait, with a note."""
        seen = scenario_view(self._plan, self._scenario).strategy
        self._pending[key] = value
        weights = {k: self._pending.get(k, getattr(seen, k)) for k in WEIGHTS}
        total = sum(weights.values())
        editor = self.strategy_form.editor("strategy", key)
        if total != 100:
            editor.show_problem(f"The three sleeves add up to {total.normalize():f} %; change another so they "
                                "add up to 100 % (not saved until they do).")
            return
        items = [("strategy", k, v) for k, v in weights.items() if v != getattr(seen, k)]
        items.append(("strategy", "preset", StrategyPreset.CUSTOM))
        problem = self._edit_many(items, "Change sleeve weights")
        if problem:
            editor.show_problem(problem)

    def _preset_chosen(self, preset: StrategyPreset) -> None:
        from planner.domain.defaults import preset_strategy

        seen = scenario_view(self._plan, self._scenario).strategy
        chosen = preset_strategy(preset, seen)
        items = [("strategy", k, getattr(chosen, k)) for k in ("preset", *WEIGHTS)]
        problem = self._edit_many(items, f"Use the {label(preset.value).lower()} strategy")
        if problem:
            self.strategy_form.editor("strategy", "preset").show_problem(problem)
