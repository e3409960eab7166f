"""Translation between ORM rows and domain records (ORM objects never leave the storage package)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS, completed_params
from planner.domain.enums import (
    AccountPreset,
    AccountType,
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
    WithdrawalOrder,
)
from planner.domain.plan import (
    Account,
    Assumptions,
    FIRule,
    Household,
    OneOffEvent,
    Override,
    Plan,
    ReturnsTableText,
    Scenario,
    SpendingPhase,
    Strategy,
    Stream,
    TaxBracket,
    TaxTable,
)
from planner.storage.models import (
    AccountRow,
    CategoryTableRow,
    EventRow,
    OverrideRow,
    PhaseRow,
    PlanRow,
    ReturnsTableRow,
    ScenarioRow,
    StreamParamRow,
    StreamRow,
    TaxBracketRow,
    TaxRateRow,
    TaxTableRow,
)


def plan_row_values(plan: Plan) -> dict[str, Any]:
    household, rule, strategy, assumptions = plan.household, plan.fi_rule, plan.strategy, plan.assumptions
    return {
        "id": 1,
        "name": plan.name,
        "currency": plan.currency,
        "start_month": plan.start.index,
        "birth_year": household.birth_year,
        "monthly_expenses_cents": household.monthly_expenses,
        "monthly_savings_cents": household.monthly_savings,
        "inflation": household.inflation,
        "target_fi_age": household.target_fi_age,
        "plan_until_age": household.plan_until_age,
        **household_row_values(household),
        "fi_rule_kind": rule.kind.value,
        "safe_withdrawal_rate": rule.safe_withdrawal_rate,
        "withdrawal_method": rule.withdrawal_method.value,
        "fixed_withdrawal_rate": rule.fixed_withdrawal_rate,
        "shortfall_tolerance": rule.shortfall_tolerance,
        "confidence": rule.confidence,
        "strategy_preset": strategy.preset.value,
        "safe_weight": strategy.safe_weight,
        "core_weight": strategy.core_weight,
        "speculative_weight": strategy.speculative_weight,
        "rebalancing": strategy.rebalancing.value,
        "rebalance_threshold": strategy.rebalance_threshold,
        "paths": assumptions.paths,
        "seed": assumptions.seed,
        "return_model": assumptions.return_model.value,
        "overdraft_rate": assumptions.overdraft_rate,
        "sell_property_last_resort": assumptions.sell_property_last_resort,
        "history_table": assumptions.history_table,
        "tax_preset": assumptions.tax_preset,
        "withdrawal_order": assumptions.withdrawal_order.value,
        "pay_tax_rate": assumptions.pay_tax_rate,
    }


#: Household fields stored as they are, and those stored in cents (the column ends in _cents).
_HOUSEHOLD_PLAIN = ("partner", "partner_birth_year", "partner_target_fi_age", "partner_plan_until_age", "salary_growth",
                    "partner_salary_growth", "saving_from_income", "part_time_hours", "part_time_years")
_HOUSEHOLD_CENTS = ("monthly_salary", "partner_monthly_salary", "part_time_income")


def household_row_values(household: Household) -> dict[str, Any]:
    """The plan row's columns of the partner, work and saving fields."""
    return {**{key: getattr(household, key) for key in _HOUSEHOLD_PLAIN},
            **{f"{key}_cents": getattr(household, key) for key in _HOUSEHOLD_CENTS}}


def _household_fields(row: PlanRow) -> dict[str, Any]:
    values = {key: getattr(row, key) for key in _HOUSEHOLD_PLAIN}
    values["partner"], values["saving_from_income"] = bool(row.partner), bool(row.saving_from_income)
    return {**values, **{key: getattr(row, f"{key}_cents") for key in _HOUSEHOLD_CENTS}}


def phase_values(phase: SpendingPhase, position: int) -> dict[str, Any]:
    return {"uid": phase.uid, "position": position, "name": phase.name, "monthly_amount_cents": phase.monthly_amount,
            "start_month": phase.start.index, "end_month": phase.end.index if phase.end else None,
            "included": phase.included, "notes": phase.notes}


def event_values(event: OneOffEvent, position: int) -> dict[str, Any]:
    return {"uid": event.uid, "position": position, "name": event.name, "amount_cents": event.amount,
            "windfall": event.windfall, "month": event.month.index, "inflation_linked": event.inflation_linked,
            "probability": event.probability, "every_years": event.every_years, "times": event.times,
            "included": event.included, "notes": event.notes}


def phase_from_row(row: PhaseRow) -> SpendingPhase:
    return SpendingPhase(uid=row.uid, name=row.name, monthly_amount=row.monthly_amount_cents,
                         start=YearMonth.from_index(row.start_month),
                         end=YearMonth.from_index(row.end_month) if row.end_month is not None else None,
                         included=bool(row.included), notes=row.notes)


def event_from_row(row: EventRow) -> OneOffEvent:
    return OneOffEvent(uid=row.uid, name=row.name, amount=row.amount_cents, windfall=bool(row.windfall),
                       month=YearMonth.from_index(row.month), inflation_linked=bool(row.inflation_linked),
                       probability=row.probability, every_years=row.every_years, times=row.times,
                       included=bool(row.included), notes=row.notes)


def account_values(account: Account, position: int) -> dict[str, Any]:
    return {"uid": account.uid, "position": position, "name": account.name,
            "account_type": account.account_type.value, "preset": account.preset.value,
            "yearly_limit_cents": account.yearly_limit, "access_age": account.access_age,
            "early_penalty": account.early_penalty, "required_from_age": account.required_from_age,
            "owner": account.owner, "fill_order": account.fill_order, "included": account.included,
            "notes": account.notes}


def account_from_row(row: AccountRow) -> Account:
    return Account(uid=row.uid, name=row.name, account_type=AccountType(row.account_type),
                   preset=AccountPreset(row.preset), yearly_limit=row.yearly_limit_cents, access_age=row.access_age,
                   early_penalty=row.early_penalty, required_from_age=row.required_from_age, owner=row.owner,
                   fill_order=row.fill_order, included=bool(row.included), notes=row.notes)


def tax_table_values(table: TaxTable, position: int) -> dict[str, Any]:
    return {"position": position, "name": table.name, "allowance_cents": table.allowance,
            "stacked_on": table.stacked_on}


def bracket_values(table: TaxTable, table_id: int) -> list[dict[str, Any]]:
    return [{"table_id": table_id, "position": position, "from_cents": bracket.from_amount, "rate": bracket.rate}
            for position, bracket in enumerate(table.brackets)]


def category_table_values(plan: Plan) -> list[dict[str, Any]]:
    return [{"category": category.value, "position": position, "table_name": name}
            for position, (category, name) in enumerate(plan.assumptions.category_tables)]


def tax_table_from_rows(row: TaxTableRow, brackets: list[TaxBracketRow]) -> TaxTable:
    """A table with its brackets (``brackets`` in position order)."""
    return TaxTable(name=row.name, allowance=row.allowance_cents, stacked_on=row.stacked_on,
                    brackets=tuple(TaxBracket(b.from_cents, b.rate) for b in brackets))


@dataclass(frozen=True)
class TaxRows:
    """The stored rows of accounts and tax, read in position order."""

    accounts: list[AccountRow]
    tables: list[TaxTable]
    categories: list[CategoryTableRow]


def returns_table_values(plan: Plan) -> list[dict[str, Any]]:
    return [{"plan_id": 1, "position": position, "name": table.name, "text": table.text}
            for position, table in enumerate(plan.returns_tables)]


def tax_rate_values(plan: Plan) -> list[dict[str, Any]]:
    return [
        {"category": category.value, "position": position, "rate": rate}
        for position, (category, rate) in enumerate(plan.assumptions.tax_rates)
    ]


def stream_values(stream: Stream, position: int) -> dict[str, Any]:
    return {
        "uid": stream.uid,
        "position": position,
        "name": stream.name,
        "kind": stream.kind,
        "start_month": stream.start.index,
        "end_month": stream.end.index if stream.end else None,
        "starting_amount_cents": stream.starting_amount,
        "monthly_contribution_cents": stream.monthly_contribution,
        "income_policy": stream.income_policy.value,
        "tax_category": stream.tax_category.value,
        "sleeve": stream.sleeve.value,
        "weight": stream.weight,
        "upkeep_hours": stream.upkeep_hours,
        "notes": stream.notes,
        "account": stream.account,
    }


def param_values(stream: Stream, stream_id: int) -> list[dict[str, Any]]:
    kind = KINDS[stream.kind]
    money_keys = {p.key for p in kind.params if p.unit.is_money}
    return [
        {
            "stream_id": stream_id,
            "key": key,
            "position": position,
            "value_cents": value if key in money_keys else None,
            "value_text": None if key in money_keys else value,
        }
        for position, (key, value) in enumerate(stream.params)
    ]


def plan_from_rows(
    row: PlanRow,
    tax_rows: list[TaxRateRow],
    stream_rows: list[StreamRow],
    params_by_stream: dict[int, list[StreamParamRow]],
    scenario_rows: list[ScenarioRow],
    overrides_by_scenario: dict[int, list[OverrideRow]],
    phase_rows: list[PhaseRow],
    event_rows: list[EventRow],
    table_rows: list[ReturnsTableRow],
    tax: TaxRows,
) -> Plan:
    return Plan(
        name=row.name,
        currency=row.currency,
        start=YearMonth.from_index(row.start_month),
        household=Household(
            birth_year=row.birth_year,
            monthly_expenses=row.monthly_expenses_cents,
            monthly_savings=row.monthly_savings_cents,
            inflation=row.inflation,
            target_fi_age=row.target_fi_age,
            plan_until_age=row.plan_until_age,
            **_household_fields(row),
        ),
        fi_rule=FIRule(
            kind=FIRuleKind(row.fi_rule_kind),
            safe_withdrawal_rate=row.safe_withdrawal_rate,
            withdrawal_method=WithdrawalMethod(row.withdrawal_method),
            fixed_withdrawal_rate=bool(row.fixed_withdrawal_rate),
            shortfall_tolerance=row.shortfall_tolerance,
            confidence=row.confidence,
        ),
        strategy=_strategy(row),
        assumptions=_assumptions(row, tax_rows, tax),
        streams=tuple(_stream(s, params_by_stream.get(s.id, [])) for s in stream_rows),
        scenarios=tuple(
            Scenario(
                name=s.name,
                description=s.description,
                overrides=tuple(
                    Override(o.target, o.field, o.value) for o in overrides_by_scenario.get(s.id, [])
                ),
            )
            for s in scenario_rows
        ),
        phases=tuple(phase_from_row(r) for r in phase_rows),
        events=tuple(event_from_row(r) for r in event_rows),
        returns_tables=tuple(ReturnsTableText(r.name, r.text) for r in table_rows),
        accounts=tuple(account_from_row(r) for r in tax.accounts),
    )


def _assumptions(row: PlanRow, tax_rows: list[TaxRateRow], tax: TaxRows) -> Assumptions:
    return Assumptions(
        paths=row.paths,
        seed=row.seed,
        return_model=ReturnModel(row.return_model),
        tax_rates=tuple((TaxCategory(t.category), t.rate) for t in sorted(tax_rows, key=lambda t: t.position)),
        overdraft_rate=row.overdraft_rate,
        sell_property_last_resort=bool(row.sell_property_last_resort),
        history_table=row.history_table,
        tax_tables=tuple(tax.tables),
        category_tables=tuple((TaxCategory(c.category), c.table_name) for c in tax.categories),
        tax_preset=row.tax_preset,
        withdrawal_order=WithdrawalOrder(row.withdrawal_order),
        pay_tax_rate=row.pay_tax_rate,
    )


def _strategy(row: PlanRow) -> Strategy:
    return Strategy(
        preset=StrategyPreset(row.strategy_preset),
        safe_weight=row.safe_weight,
        core_weight=row.core_weight,
        speculative_weight=row.speculative_weight,
        rebalancing=Rebalancing(row.rebalancing),
        rebalance_threshold=row.rebalance_threshold,
    )


def _stream(row: StreamRow, params: list[StreamParamRow]) -> Stream:
    values: list[tuple[str, Decimal]] = []
    for param in params:
        value = param.value_cents if param.value_cents is not None else param.value_text
        assert value is not None  # the CHECK constraint guarantees one of the two
        values.append((param.key, value))
    return Stream(
        uid=row.uid,
        name=row.name,
        kind=row.kind,
        start=YearMonth.from_index(row.start_month),
        end=YearMonth.from_index(row.end_month) if row.end_month is not None else None,
        starting_amount=row.starting_amount_cents,
        monthly_contribution=row.monthly_contribution_cents,
        income_policy=IncomePolicy(row.income_policy),
        tax_category=TaxCategory(row.tax_category),
        sleeve=Sleeve(row.sleeve),
        weight=row.weight,
        upkeep_hours=row.upkeep_hours,
        notes=row.notes,
        params=completed_params(row.kind, tuple(values)),
        account=row.account,
    )
