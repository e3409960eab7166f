"""Typed ORM models of a plan file. Money columns end in _cents and hold integers (CHECKed)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from planner.storage.column_types import DecimalText, MoneyCents

#: Largest amount in cents any column accepts (a trillion, see domain.money.MAX_MONEY).
MAX_CENTS = 100_000_000_000_000

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _cents_check(column: str, name: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 0 AND {MAX_CENTS}", name=name)


class PlanRow(Base):
    """The single row of plan-wide settings (id is always 1)."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        _cents_check("monthly_expenses_cents", "expenses_range"),
        _cents_check("monthly_savings_cents", "savings_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    start_month: Mapped[int] = mapped_column(Integer)
    birth_year: Mapped[int] = mapped_column(Integer)
    monthly_expenses_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    monthly_savings_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    inflation: Mapped[Decimal] = mapped_column(DecimalText)
    target_fi_age: Mapped[int] = mapped_column(Integer)
    plan_until_age: Mapped[int] = mapped_column(Integer)
    fi_rule_kind: Mapped[str] = mapped_column(String)
    safe_withdrawal_rate: Mapped[Decimal] = mapped_column(DecimalText)
    withdrawal_method: Mapped[str] = mapped_column(String)
    fixed_withdrawal_rate: Mapped[bool]
    shortfall_tolerance: Mapped[Decimal] = mapped_column(DecimalText)
    confidence: Mapped[Decimal] = mapped_column(DecimalText)
    strategy_preset: Mapped[str] = mapped_column(String)
    safe_weight: Mapped[Decimal] = mapped_column(DecimalText)
    core_weight: Mapped[Decimal] = mapped_column(DecimalText)
    speculative_weight: Mapped[Decimal] = mapped_column(DecimalText)
    rebalancing: Mapped[str] = mapped_column(String)
    rebalance_threshold: Mapped[Decimal] = mapped_column(DecimalText)
    paths: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    return_model: Mapped[str] = mapped_column(String)
    overdraft_rate: Mapped[Decimal] = mapped_column(DecimalText)
    sell_property_last_resort: Mapped[bool]
    partner: Mapped[bool]
    partner_birth_year: Mapped[int] = mapped_column(Integer)
    partner_target_fi_age: Mapped[int] = mapped_column(Integer)
    partner_plan_until_age: Mapped[int] = mapped_column(Integer)
    monthly_salary_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    salary_growth: Mapped[Decimal] = mapped_column(DecimalText)
    partner_monthly_salary_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    partner_salary_growth: Mapped[Decimal] = mapped_column(DecimalText)
    saving_from_income: Mapped[bool]
    part_time_income_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    part_time_hours: Mapped[Decimal] = mapped_column(DecimalText)
    part_time_years: Mapped[int] = mapped_column(Integer)
    history_table: Mapped[str] = mapped_column(Text)
    tax_preset: Mapped[str] = mapped_column(Text)
    withdrawal_order: Mapped[str] = mapped_column(String)
    pay_tax_rate: Mapped[Decimal] = mapped_column(DecimalText)


class TaxRateRow(Base):
    __tablename__ = "tax_rates"

    category: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    rate: Mapped[Decimal] = mapped_column(DecimalText)


class StreamRow(Base):
    __tablename__ = "streams"
    __table_args__ = (
        _cents_check("starting_amount_cents", "starting_amount_range"),
        _cents_check("monthly_contribution_cents", "contribution_range"),
        CheckConstraint("end_month IS NULL OR end_month >= start_month", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String, unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    start_month: Mapped[int] = mapped_column(Integer)
    end_month: Mapped[int | None] = mapped_column(Integer)
    starting_amount_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    monthly_contribution_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    income_policy: Mapped[str] = mapped_column(String)
    tax_category: Mapped[str] = mapped_column(String)
    sleeve: Mapped[str] = mapped_column(String)
    weight: Mapped[Decimal] = mapped_column(DecimalText)
    upkeep_hours: Mapped[Decimal] = mapped_column(DecimalText)
    notes: Mapped[str] = mapped_column(Text)
    account: Mapped[str] = mapped_column(String)  # an account's uid, "" for none


class StreamParamRow(Base):
    """One parameter of a stream: money in value_cents, any other number in value_text."""

    __tablename__ = "stream_params"
    __table_args__ = (
        CheckConstraint("(value_cents IS NULL) <> (value_text IS NULL)", name="one_value"),
        CheckConstraint(f"value_cents IS NULL OR value_cents BETWEEN 0 AND {MAX_CENTS}", name="cents_range"),
    )

    stream_id: Mapped[int] = mapped_column(ForeignKey("streams.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    value_cents: Mapped[Decimal | None] = mapped_column(MoneyCents)
    value_text: Mapped[Decimal | None] = mapped_column(DecimalText)


class ScenarioRow(Base):
    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, unique=True)
    description: Mapped[str] = mapped_column(Text)


class OverrideRow(Base):
    __tablename__ = "scenario_overrides"

    scenario_id: Mapped[int] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    target: Mapped[str] = mapped_column(String)
    field: Mapped[str] = mapped_column(String)
    value: Mapped[str] = mapped_column(Text)


class PhaseRow(Base):
    """A spending phase; its amount may be negative (it lowers the expenses)."""

    __tablename__ = "spending_phases"
    __table_args__ = (
        CheckConstraint(f"monthly_amount_cents BETWEEN -{MAX_CENTS} AND {MAX_CENTS}", name="amount_range"),
        CheckConstraint("end_month IS NULL OR end_month >= start_month", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String, unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    monthly_amount_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    start_month: Mapped[int] = mapped_column(Integer)
    end_month: Mapped[int | None] = mapped_column(Integer)
    included: Mapped[bool]
    notes: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    """A one-off (or repeating) cost or windfall."""

    __tablename__ = "events"
    __table_args__ = (_cents_check("amount_cents", "amount_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String, unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    amount_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    windfall: Mapped[bool]
    month: Mapped[int] = mapped_column(Integer)
    inflation_linked: Mapped[bool]
    probability: Mapped[Decimal] = mapped_column(DecimalText)
    every_years: Mapped[int] = mapped_column(Integer)
    times: Mapped[int] = mapped_column(Integer)
    included: Mapped[bool]
    notes: Mapped[str] = mapped_column(Text)


class ReturnsTableRow(Base):
    """A monthly returns table the user imported, kept as the CSV text they brought."""

    __tablename__ = "returns_tables"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, unique=True)
    text: Mapped[str] = mapped_column(Text)


class AccountRow(Base):
    """An account (a wrapper) streams sit in."""

    __tablename__ = "accounts"
    __table_args__ = (_cents_check("yearly_limit_cents", "yearly_limit_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String, unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    account_type: Mapped[str] = mapped_column(String)
    preset: Mapped[str] = mapped_column(String)
    yearly_limit_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    access_age: Mapped[int] = mapped_column(Integer)
    early_penalty: Mapped[Decimal] = mapped_column(DecimalText)
    required_from_age: Mapped[int] = mapped_column(Integer)
    owner: Mapped[int] = mapped_column(Integer)
    fill_order: Mapped[int] = mapped_column(Integer)
    included: Mapped[bool]
    notes: Mapped[str] = mapped_column(Text)


class TaxTableRow(Base):
    """A progressive tax table; its brackets are TaxBracketRows."""

    __tablename__ = "tax_tables"
    __table_args__ = (_cents_check("allowance_cents", "allowance_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, unique=True)
    allowance_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    stacked_on: Mapped[str] = mapped_column(Text)  # another table's name, "" for none


class TaxBracketRow(Base):
    __tablename__ = "tax_brackets"
    __table_args__ = (_cents_check("from_cents", "from_range"),)

    table_id: Mapped[int] = mapped_column(ForeignKey("tax_tables.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_cents: Mapped[Decimal] = mapped_column(MoneyCents)
    rate: Mapped[Decimal] = mapped_column(DecimalText)


class CategoryTableRow(Base):
    """A tax category taxed by a table (by its name) instead of its flat rate."""

    __tablename__ = "tax_category_tables"

    category: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(Text)
