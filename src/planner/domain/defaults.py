"""New records with documented defaults: an empty plan, a stream of a kind, strategy presets."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import kind as catalogue_kind
from planner.domain.enums import (
    FIRuleKind,
    Rebalancing,
    ReturnModel,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
)
from planner.domain.fields import FieldSpec
from planner.domain.plan import Assumptions, FIRule, Household, Plan, Strategy, Stream
from planner.domain.record_fields import (
    ASSUMPTION_FIELDS,
    FI_RULE_FIELDS,
    HOUSEHOLD_FIELDS,
    STRATEGY_FIELDS,
    TAX_RATE_FIELDS,
)

#: Sleeve weights (safe, core, speculative) of each named preset, in percent.
PRESET_WEIGHTS: dict[StrategyPreset, tuple[Decimal, Decimal, Decimal]] = {
    # Balanced: most in broad markets, a cash cushion, a little to experiment with.
    StrategyPreset.BALANCED: (Decimal(30), Decimal(60), Decimal(10)),
    # Barbell (after Taleb's description): most money very safe, a small share speculative,
    # nothing in between.
    StrategyPreset.BARBELL: (Decimal(85), Decimal(0), Decimal(15)),
    # Dividend snowball: nearly everything in dividend payers whose income is reinvested.
    StrategyPreset.DIVIDEND_SNOWBALL: (Decimal(10), Decimal(85), Decimal(5)),
}


def _defaults(specs: tuple[FieldSpec, ...]) -> dict[str, Decimal | int]:
    return {s.key: int(s.default) if s.integer else s.default for s in specs}


def new_plan(name: str = "My plan", start: YearMonth | None = None, currency: str = "USD") -> Plan:
    """An empty plan starting next month, with every default from record_fields."""
    today = date.today()
    first = start or YearMonth(today.year, today.month).plus(1)
    return Plan(
        name=name,
        currency=currency,
        start=first,
        household=Household(**_defaults(HOUSEHOLD_FIELDS)),  # type: ignore[arg-type]
        fi_rule=FIRule(
            kind=FIRuleKind.INCOME_PLUS_WITHDRAWALS,  # the demo's too: one default FI test for every plan
            withdrawal_method=WithdrawalMethod.CONSTANT_REAL,
            fixed_withdrawal_rate=False,
            **_defaults(FI_RULE_FIELDS),  # type: ignore[arg-type]
        ),
        strategy=preset_strategy(StrategyPreset.BALANCED),
        assumptions=Assumptions(
            return_model=ReturnModel.LOGNORMAL,
            tax_rates=tuple((TaxCategory(s.key), s.default) for s in TAX_RATE_FIELDS),
            sell_property_last_resort=True,
            **_defaults(ASSUMPTION_FIELDS),  # type: ignore[arg-type]
        ),
    )


def preset_strategy(preset: StrategyPreset, base: Strategy | None = None) -> Strategy:
    """The strategy with the preset's sleeve weights (other settings kept from base).

    CUSTOM has no weights of its own: it keeps the base's weights and only changes the label.
    """
    if preset is StrategyPreset.CUSTOM:
        if base is None:
            raise ValueError("the custom preset needs a strategy to keep the weights of")
        return replace(base, preset=preset)
    safe, core, speculative = PRESET_WEIGHTS[preset]
    if base is None:
        threshold = _defaults(STRATEGY_FIELDS)["rebalance_threshold"]
        base = Strategy(preset, safe, core, speculative, Rebalancing.YEARLY, Decimal(threshold))
    return replace(base, preset=preset, safe_weight=safe, core_weight=core, speculative_weight=speculative)


def new_uid() -> str:
    return uuid.uuid4().hex[:12]


def new_stream(kind_key: str, name: str, start: YearMonth, uid: str | None = None) -> Stream:
    """A stream of the kind with the catalogue's defaults."""
    kind = catalogue_kind(kind_key)
    return Stream(
        uid=uid or new_uid(),
        name=name,
        kind=kind.key,
        start=start,
        end=None,
        starting_amount=kind.starting_amount,
        monthly_contribution=kind.monthly_contribution,
        income_policy=kind.income_policy,
        tax_category=kind.tax_category,
        sleeve=kind.sleeve,
        weight=Decimal(1),
        upkeep_hours=kind.upkeep_hours,
        notes="",
        params=kind.defaults(),
    )
