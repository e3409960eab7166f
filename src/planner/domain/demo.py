"""The demo plan created on first start: a realistic household with a wide range of streams,
so the first screen is never empty and shows what the planner can do."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planner.domain.calendar import YearMonth
from planner.domain.defaults import new_plan, new_stream, preset_strategy
from planner.domain.enums import AccountPreset, AccountType, IncomePolicy, Sleeve, StrategyPreset
from planner.domain.field_refs import INCLUDED, FieldRef
from planner.domain.plan import Account, Household, OneOffEvent, Override, Plan, Scenario, SpendingPhase, Stream
from planner.domain.scenarios import override_text
from planner.domain.tax_presets import with_account_preset, with_tax_preset

D = Decimal


def _stream(uid: str, kind: str, name: str, start: YearMonth, amount: str, notes: str = "",
            **changes: object) -> Stream:
    stream = new_stream(kind, name, start, uid=uid)
    params = {key: D(str(value)) for key, value in changes.pop("params", {}).items()}  # type: ignore[union-attr]
    for key, value in params.items():
        stream = stream.with_param(key, value)
    return replace(stream, starting_amount=D(amount), notes=notes, **changes)  # type: ignore[arg-type]


def demo_plan(start: YearMonth | None = None) -> Plan:
    """A 38-year-old two-person household with savings, investments and a few side businesses. Its
    numbers are set so the answer teaches: it can stop saving with 90 % confidence close to its
    target age of 55, and the "4 % rule" scenario shows what stopping when that test fires risks."""
    base = new_plan("Demo household", start=start)
    first = base.start
    later = first.plus(12)
    streams = (
        _stream("emergency", "high_yield_savings", "Emergency fund", first, "18000.00",
                "Six months of expenses, kept apart from the rest."),
        _stream("cdladder", "certificate_of_deposit", "CD ladder", first, "15000.00",
                "Five rungs of a year each."),
        _stream("treasuries", "bonds", "Bond fund", first, "22000.00", account="brokerage"),
        _stream("divetf", "dividend_stocks", "Dividend ETF", first, "45000.00",
                "Dividends reinvested (DRIP).", account="brokerage"),
        _stream("indexfund", "index_fund", "Total-market index fund", first, "60000.00", "In the 401(k).",
                account="k401"),
        _stream("reits", "reit", "REIT fund", first, "12000.00",
                "In the partner's Roth IRA: its dividends, taxed as ordinary income outside, stay inside tax-free.",
                income_policy=IncomePolicy.REINVEST, account="roth"),
        _stream("p2p", "p2p_lending", "P2P loans", first, "5000.00"),
        _stream("flatb", "rental_property", "Flat B", later, "84000.00",
                "Two-bedroom flat bought next year with a 20 % down payment."),
        _stream("staking", "crypto_staking", "ETH staking", first, "4000.00"),
        _stream("pool", "liquidity_pool", "Stablecoin pool", first, "2000.00",
                "Two dollar stablecoins: their price ratio barely moves.", sleeve=Sleeve.SPECULATIVE,
                params={"price_ratio_volatility": 2}),
        _stream("ebook", "digital_product", "Budgeting e-book", first, "0.00",
                "Already written; sells on a marketplace."),
        _stream("site", "content_site", "Hiking gear blog", first, "0.00",
                "Two years old; about 8,000 visits a month.", params={"starting_monthly_visits": 8000}),
        _stream("photos", "stock_media", "Stock photos", first, "0.00", params={"starting_assets": 350}),
        _stream("saas", "micro_saas", "Invoice reminder app", later, "0.00",
                "Side project launching next year."),
        _stream("pension1", "state_pension", "Social Security (you)", first, "0.00",
                "Estimate from the SSA statement, claimed at 67.", params={"monthly_amount": "1700.00"}),
        _stream("pension2", "state_pension", "Social Security (partner)", first, "0.00",
                "Estimate from the SSA statement, claimed at 67.", params={"monthly_amount": "1000.00", "adult": 2}),
    )
    household = Household(
        birth_year=first.year - 38,
        monthly_expenses=D("3400.00"),
        monthly_savings=D("2800.00"),
        inflation=D("2.5"),
        target_fi_age=55,
        plan_until_age=95,
        partner=True,
        partner_birth_year=first.year - 36,
        partner_target_fi_age=53,
        partner_plan_until_age=95,
        monthly_salary=D("4000.00"),
        partner_monthly_salary=D("2300.00"),
        saving_from_income=True,
    )
    assumptions = with_tax_preset(base.assumptions, "us_2025_joint")
    plan = replace(base, household=household, streams=streams, phases=_phases(first, household),
                   events=_events(first), accounts=_accounts(), assumptions=assumptions)
    return replace(plan, scenarios=(_barbell(plan), _dividend_snowball(plan), _four_percent_rule()))


def _accounts() -> tuple[Account, ...]:
    """A 401(k) for you, a Roth IRA for the partner, a taxable brokerage account: new savings fill them
    in that order, and the 401(k) cannot be touched without a penalty before 60."""
    def account(uid: str, name: str, preset: AccountPreset, owner: int, order: int) -> Account:
        return with_account_preset(Account(uid, name, AccountType.TAXABLE, owner=owner, fill_order=order), preset)

    return (account("k401", "401(k)", AccountPreset.US_401K, 1, 1),
            account("roth", "Roth IRA (partner)", AccountPreset.US_ROTH_IRA, 2, 2),
            account("brokerage", "Brokerage", AccountPreset.TAXABLE_BROKERAGE, 1, 3))


def _phases(first: YearMonth, household: Household) -> tuple[SpendingPhase, ...]:
    """Children at home for twelve more years; health cover bought privately from the target stop
    (phases are set in months: stopping earlier does not move it) until Medicare starts at 65."""
    stop = YearMonth(household.birth_year + household.target_fi_age, 1)
    return (
        SpendingPhase("kids", "Children at home", D("900.00"), first, YearMonth(first.year + 12, 8),
                      notes="Until the youngest leaves for college."),
        SpendingPhase("health", "Health cover before Medicare", D("650.00"), stop,
                      YearMonth(household.birth_year + 64, 12),
                      notes="Marketplace premiums for two from the target stop until you reach Medicare at 65."),
    )


def _events(first: YearMonth) -> tuple[OneOffEvent, ...]:
    return (
        OneOffEvent("car", "Replace the car", D("30000.00"), False, YearMonth(first.year + 3, 4), every_years=8,
                    times=5, notes="A mid-size car every eight years."),
        OneOffEvent("roof", "New roof", D("15000.00"), False, YearMonth(first.year + 9, 6)),
    )


def _four_percent_rule() -> Scenario:
    """What stopping at the first month the classic 4 % test says FI would risk: the test fires years
    earlier than the plan's rate for the years left, and stopping then fails far more often."""
    return Scenario(
        name="4 % rule",
        description="FI when the after-tax income of property and businesses plus 4 % of liquid capital covers "
                    "expenses (the classic rule for 30-year retirements); compare the success of stopping then.",
        overrides=(Override("fi_rule", "fixed_withdrawal_rate", "true"),),  # the base plan's rate is 4 %
    )


def _strategy_overrides(preset: StrategyPreset, plan: Plan) -> tuple[Override, ...]:
    strategy = preset_strategy(preset, plan.strategy)
    return tuple(
        Override("strategy", name, override_text(getattr(strategy, name)))
        for name in ("preset", "safe_weight", "core_weight", "speculative_weight")
    )


def _barbell(plan: Plan) -> Scenario:
    return Scenario(
        name="Barbell",
        description="85 % of new savings in the safe sleeve, 15 % in speculative bets, nothing in between.",
        overrides=_strategy_overrides(StrategyPreset.BARBELL, plan),
    )


def _dividend_snowball(plan: Plan) -> Scenario:
    return Scenario(
        name="Dividend snowball",
        description="Most new savings into dividend payers, every dividend reinvested; no new rental.",
        overrides=(
            *_strategy_overrides(StrategyPreset.DIVIDEND_SNOWBALL, plan),
            Override.at(FieldRef.stream("divetf", "weight"), "3"),
            Override.at(FieldRef.stream("flatb", INCLUDED), "false"),
        ),
    )
