"""Effort-based kinds: income earned on work done up front, with some upkeep."""

from __future__ import annotations

from decimal import Decimal

from planner.domain.catalogue.kinds import AssetClass, Basis, StreamKind
from planner.domain.enums import IncomePolicy, Sleeve, TaxCategory
from planner.domain.fields import Unit, spec

DIGITAL_PRODUCT = StreamKind(
    key="digital_product",
    name="Digital product (e-book, course, templates)",
    summary="Something made once and sold many times on a marketplace or your own shop.",
    income="Sales times price, after the platform's fee.",
    risks="Sales decay after launch; a platform change can cut sales overnight.",
    passivity="Mostly passive after launch; a refresh every so often keeps it selling.",
    basis=Basis.EFFORT,
    asset_class=AssetClass.BUSINESS,
    params=(
        spec("upfront_hours", "Hours to create", Unit.HOURS, "120", "0", "10000",
             "Work before launch; counted against passivity, not paid.",
             "Assumption: a short course or e-book commonly takes 50-200 hours."),
        spec("upfront_cost", "Cost to create", Unit.MONEY, "500.00", "0", "1000000",
             "Money spent before launch (design, editing, equipment).", "Assumption."),
        spec("price", "Price", Unit.MONEY, "29.00", "0", "100000",
             "Price paid by a buyer before the platform's fee.",
             "Assumption: typical e-book and template prices are 10-50."),
        spec("launch_sales", "Sales in the first month", Unit.COUNT_PER_MONTH, "40", "0", "1000000",
             "Units sold in the launch month; later months follow the decay.", "Assumption."),
        spec("sales_decay", "Sales change", Unit.PERCENT_PER_YEAR, "-30", "-100", "200",
             "Yearly change of sales after launch; negative means demand fades.",
             "Assumption: most digital products sell best at launch and fade over a few years."),
        spec("platform_fee", "Platform fee", Unit.PERCENT, "10", "0", "90",
             "Share of each sale kept by the marketplace or payment provider.",
             "Gumroad charged a flat 10 % per sale in 2024 (its pricing page)."),
        spec("refresh_hours", "Refresh hours", Unit.HOURS_PER_MONTH, "2", "0", "200",
             "Monthly hours for updates and support.", "Assumption."),
        spec("shock_probability", "Platform shock chance", Unit.PERCENT_PER_YEAR, "5", "0", "100",
             "Yearly chance that a platform change halves sales.", "Assumption."),
    ),
    sleeve=Sleeve.SPECULATIVE,
    tax_category=TaxCategory.BUSINESS,
    income_policy=IncomePolicy.POOL,
    upkeep_hours=Decimal("2"),
    starting_amount=Decimal("0.00"),
    monthly_contribution=Decimal("0.00"),
)

EFFORT_KINDS: tuple[StreamKind, ...] = (DIGITAL_PRODUCT,)
