"""Translation between ORM rows and domain records (ORM objects never leave the storage package)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS
from planner.domain.enums import (
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
)
from planner.domain.plan import (
    Assumptions,
    FIRule,
    Household,
    Override,
    Plan,
    Scenario,
    Strategy,
    Stream,
)
from planner.storage.models import (
    OverrideRow,
    PlanRow,
    ScenarioRow,
    StreamParamRow,
    StreamRow,
    TaxRateRow,
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
    }


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
        assumptions=Assumptions(
            paths=row.paths,
            seed=row.seed,
            return_model=ReturnModel(row.return_model),
            tax_rates=tuple((TaxCategory(t.category), t.rate) for t in sorted(tax_rows, key=lambda t: t.position)),
            overdraft_rate=row.overdraft_rate,
            sell_property_last_resort=bool(row.sell_property_last_resort),
        ),
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
        params=tuple(values),
    )
