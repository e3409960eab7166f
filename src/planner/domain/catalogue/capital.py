"""Capital-based kinds: income earned on money invested."""

from __future__ import annotations

from decimal import Decimal

from planner.domain.catalogue.kinds import AssetClass, Basis, StreamKind
from planner.domain.enums import IncomePolicy, Sleeve, TaxCategory
from planner.domain.fields import Unit, spec

HIGH_YIELD_SAVINGS = StreamKind(
    key="high_yield_savings",
    name="High-yield savings",
    summary="An insured online savings account that pays a variable rate on the balance.",
    income="Interest on the balance, credited monthly.",
    risks="The bank can cut the rate at any time; the rate drifts with central-bank rates.",
    passivity="Fully passive: nothing to do once the money is in.",
    basis=Basis.CAPITAL,
    asset_class=AssetClass.CASH,
    params=(
        spec("apy", "Annual percentage yield", Unit.PERCENT_PER_YEAR, "4.0", "0", "25",
             "Yearly yield including monthly compounding; the engine converts it to a monthly rate.",
             "Typical top online US savings rates in 2024-2025 were about 4-5 % "
             "(FDIC national rate tables list the average at about 0.4 %; online banks pay more)."),
        spec("rate_drift", "Rate drift", Unit.PERCENT_PER_YEAR, "1.0", "0", "10",
             "Yearly standard deviation of changes in the rate; savings rates follow policy rates.",
             "Assumption: US policy-rate moves of 1-2 points a year were common 2022-2024."),
    ),
    sleeve=Sleeve.SAFE,
    tax_category=TaxCategory.INTEREST,
    income_policy=IncomePolicy.REINVEST,
    upkeep_hours=Decimal("0"),
    starting_amount=Decimal("10000.00"),
    monthly_contribution=Decimal("0.00"),
)

CAPITAL_KINDS: tuple[StreamKind, ...] = (HIGH_YIELD_SAVINGS,)
