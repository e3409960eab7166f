"""Accounts and tax against hand-computed figures and known equivalences (docs/engine.md,
"Accounts and tax")."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.enums import AccountPreset, AccountType, TaxCategory, WithdrawalOrder
from planner.domain.plan import Account, TaxBracket, TaxTable
from planner.domain.tax_presets import TAX_PRESETS, required_divisor, with_account_preset, with_tax_preset
from planner.engine.inputs import snapshot
from planner.engine.ledger import TaxLedger
from planner.engine.projection import RunOptions, project
from planner.engine.tax import NO_ACCOUNT, tax_setup
from tests.unit.engine.test_answer import FIRST_AGE, account, household_plan, index_fund

DETERMINISTIC = RunOptions(mode="deterministic", search=False, rule=False)
ONE = np.ones(1)


def us_joint_tables():
    plan = with_tax_preset(household_plan([], expenses="0").assumptions, "us_2025_joint")
    return tax_setup(replace(household_plan([], expenses="0"), assumptions=plan)).tables


def us_income(ordinary: float, gains: float, business: float = 0.0) -> np.ndarray:
    """A year's income in the US presets' tables: ordinary, gains, business profit."""
    return np.array([[ordinary], [gains], [business]], dtype=float)


def test_business_profit_pays_the_brackets_above_ordinary_income_plus_self_employment_tax():
    tables = us_joint_tables()
    alone = tables.tax(us_income(100_000, 0), ONE)[0]
    with_business = tables.tax(us_income(100_000, 0, 10_000), ONE)[0]
    assert with_business - alone == pytest.approx(10_000 * (0.12 + 0.1413))  # 68,500 taxable: the 12 % bracket


# ----- brackets --------------------------------------------------------------------------------
@pytest.mark.parametrize(("ordinary", "gains", "expected"), [
    # 100,000 of ordinary income: 31,500 deduction, then 10 % of 23,850 and 12 % of the 44,650 above it
    (100_000, 0, 0.10 * 23_850 + 0.12 * (68_500 - 23_850)),
    # gains sit on ordinary taxable income (18,500): 0 % up to 96,700, then 15 %
    (50_000, 80_000, 0.10 * 18_500 + 0.15 * (18_500 + 80_000 - 96_700)),
    # the deduction ordinary income leaves unused shelters gains first
    (10_000, 40_000, 0.0),
    # over every bracket: 37 % at the top
    (1_000_000, 0, 0.10 * 23_850 + 0.12 * 73_100 + 0.22 * 109_750 + 0.24 * 187_900 + 0.32 * 106_450
     + 0.35 * 250_550 + 0.37 * (968_500 - 751_600)),
])
def test_tax_under_the_us_joint_tables_is_the_hand_computed_figure(ordinary, gains, expected):
    tables = us_joint_tables()
    tax = tables.tax(us_income(ordinary, gains), ONE)
    assert tax[0] == pytest.approx(expected, abs=0.01)


def test_brackets_and_allowances_grow_with_the_price_level():
    tables = us_joint_tables()
    today = tables.tax(us_income(100_000, 0), ONE)[0]
    later = tables.tax(us_income(200_000, 0), np.array([2.0]))[0]
    assert later == pytest.approx(2 * today)


def test_the_engine_and_the_domain_agree_on_a_table():
    table = TaxTable("t", Decimal(1000), (TaxBracket(Decimal(0), Decimal(10)), TaxBracket(Decimal(5000), Decimal(30))))
    for income in (0, 800, 4_000, 12_345):
        plan = household_plan([], expenses="0")
        plan = replace(plan, assumptions=replace(plan.assumptions, tax_tables=(table,),
                                                 category_tables=((TaxCategory.INTEREST, "t"),)))
        engine = tax_setup(plan).tables.tax(np.array([[float(income)]]), ONE)[0]
        assert engine == pytest.approx(float(table.tax(max(Decimal(income) - 1000, Decimal(0)))))


def test_every_preset_validates_and_names_a_source():
    from planner.domain.validation import validate_plan
    base = household_plan([], expenses="0", stop_after=5)
    for key, preset in TAX_PRESETS.items():
        assert preset.source and not validate_plan(replace(base, assumptions=with_tax_preset(base.assumptions, key)))


# ----- the ledger ------------------------------------------------------------------------------
def ledger(types=(AccountType.TAXABLE,), *, penalty=0.0, access=0, gains_rate=0.15, ordinary_rate=0.25,
           streams=1, required=0):
    """A ledger of ``streams`` streams, stream i in account i (or all in the first)."""
    accounts = tuple(Account(f"a{i}", f"A{i}", kind, early_penalty=Decimal(str(penalty * 100)),
                             access_age=access, required_from_age=required) for i, kind in enumerate(types))
    plan = household_plan([], expenses="0")
    plan = replace(plan, accounts=accounts, assumptions=replace(
        plan.assumptions, tax_rates=tuple((c, Decimal(str(gains_rate * 100)) if c is TaxCategory.CAPITAL_GAIN
                                           else Decimal(str(ordinary_rate * 100)) if c is TaxCategory.ORDINARY_INCOME
                                           else r) for c, r in plan.assumptions.tax_rates)))
    setup = tax_setup(plan)
    account_of = np.array([min(i, len(types) - 1) for i in range(streams)], dtype=np.int64)
    taxed = setup.account_type[account_of] == 0
    first = plan.start.index
    return TaxLedger(setup, account_of, np.full(streams, -1), taxed, 1, np.arange(600) % 12, first)


def test_a_partial_sale_realizes_the_gain_over_the_average_cost():
    book = ledger()
    book.bought(np.array([[100.0]]))
    book.bought(np.array([[50.0]]))  # cost 150, now worth 300
    proceeds = book.sold(0, np.array([[0.4]]), np.array([[300.0]]), np.zeros(1))
    assert proceeds[0, 0] == pytest.approx(120.0)
    assert book.gains[0] == pytest.approx(120.0 - 60.0) and book.basis[0, 0] == pytest.approx(90.0)
    assert book.settle(ONE)[0] == pytest.approx(0.15 * 60.0)


def test_losses_are_netted_within_the_year_and_carried_forward():
    book = ledger()
    book.bought(np.array([[1000.0]]))
    book.sold(0, np.array([[0.5]]), np.array([[800.0]]), np.zeros(1))  # 400 for a cost of 500: -100
    assert book.settle(ONE)[0] == 0.0 and book.gain_carry[0] == pytest.approx(100.0)
    book.sold(12, np.array([[1.0]]), np.array([[780.0]]), np.zeros(1))  # 780 for the other 500: +280
    assert book.settle(ONE)[0] == pytest.approx(0.15 * (280.0 - 100.0))
    assert book.gain_carry[0] == 0.0


def test_a_withdrawal_before_the_access_age_pays_exactly_the_penalty():
    book = ledger((AccountType.TAX_FREE,), penalty=0.10, access=FIRST_AGE + 5)
    book.sold(0, np.array([[0.25]]), np.array([[40_000.0]]), np.zeros(1))
    assert book.settle(ONE)[0] == pytest.approx(0.10 * 10_000.0)
    book.sold(5 * 12, np.array([[0.25]]), np.array([[40_000.0]]), np.zeros(1))  # from the access age: none
    assert book.settle(ONE)[0] == 0.0


def test_deferred_withdrawals_are_ordinary_income():
    book = ledger((AccountType.TAX_DEFERRED,))
    book.sold(0, np.array([[0.5]]), np.array([[20_000.0]]), np.zeros(1))
    assert book.settle(ONE)[0] == pytest.approx(0.25 * 10_000.0)


def test_required_withdrawals_take_the_balance_over_the_uniform_lifetime_divisor():
    book = ledger((AccountType.TAX_DEFERRED,), required=FIRST_AGE + 2)
    december = 11
    assert book.required(december, np.array([[246_000.0]]), ONE) is None  # not yet of age
    month = 2 * 12 + 11  # the year the owner turns the age
    fraction = book.required(month, np.array([[246_000.0]]), ONE)
    divisor = required_divisor(FIRST_AGE + 2)
    assert fraction[0, 0] * 246_000 == pytest.approx(246_000 / divisor)
    next_year = month + 12  # the base is the balance left at the end of the year before
    left = 246_000 * (1 - fraction[0, 0])
    fraction = book.required(next_year, np.array([[300_000.0]]), ONE)
    assert fraction[0, 0] * 300_000 == pytest.approx(left / required_divisor(FIRST_AGE + 3))
    month = next_year + 12
    book.year_end_balance[0] = np.array([246_000.0])
    book.drawn[0] = 5_000.0  # what was drawn this year counts
    fraction = book.required(month, np.array([[246_000.0]]), ONE)
    assert fraction[0, 0] * 246_000 == pytest.approx(246_000 / required_divisor(FIRST_AGE + 4) - 5_000)
    assert required_divisor(73) == 26.5 and required_divisor(75) == 24.6  # IRS Pub. 590-B, Table III


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.floats(0, 1e6), min_size=3, max_size=3), take=st.floats(0, 3e6),
       order=st.sampled_from(list(WithdrawalOrder)), access=st.sampled_from([0, FIRST_AGE + 10]))
def test_a_withdrawal_raises_what_is_asked_or_everything_and_conserves_money(values, take, order, access):
    book = ledger((AccountType.TAXABLE, AccountType.TAX_DEFERRED, AccountType.TAX_FREE), streams=3, access=access)
    book.setup = replace(book.setup, order=order)
    value = np.array(values)[:, None]
    fraction = book.draw_fraction(0, value, np.array([take]), ONE)
    raised = float((fraction * value).sum())
    assert raised == pytest.approx(min(take, value.sum()), rel=1e-9, abs=1e-6)
    assert np.all((fraction >= -1e-12) & (fraction <= 1 + 1e-12))


@settings(max_examples=60, deadline=None)
@given(flow=st.floats(0, 1e6), saving=st.booleans(), contributed=st.floats(0, 30_000))
def test_new_money_is_routed_in_fill_order_within_limits_and_none_is_lost(flow, saving, contributed):
    book = ledger((AccountType.TAX_DEFERRED, AccountType.TAX_FREE, AccountType.TAXABLE), streams=3)
    limits = np.array([23_500.0, 7_000.0, np.inf, np.inf])
    book.setup = replace(book.setup, limit=limits, pay_tax_rate=0.2)
    book.contributed[0] = contributed
    shares = [np.eye(3)[i] for i in range(3)] + [np.zeros(3)]
    from_pay = np.array([flow if saving else 0.0])  # before the stop all of it is saved out of pay
    added, left = book.route(np.array([flow]), from_pay, ONE, shares)
    deferred, free, taxable = added[:, 0]
    paid_in = deferred * 0.8 + free + taxable + left[0]  # take-home pay buys 1 / (1 - 0.2) in the deferred account
    assert paid_in == pytest.approx(flow)
    assert deferred <= max(23_500 - contributed, 0) + 1e-6 and free <= 7_000 + 1e-6
    if not saving:  # after the stop: no pay, so nothing into the wrappers
        assert deferred == 0 and free == 0 and taxable == pytest.approx(flow)
    assert left[0] == pytest.approx(0.0)


# ----- whole runs ------------------------------------------------------------------------------
def wrapped_plan(kind: AccountType, *, rate="25", years=30, stop_after=15, expenses="3000.00"):
    """An index fund at a steady 6 % in one account, saving 2,000 a month for 15 years, then living on it;
    ordinary income and pay both taxed at ``rate`` (flat)."""
    fund = replace(index_fund("0", total_return="6", dividend_yield="2"), account="acct",
                   tax_category=TaxCategory.QUALIFIED_DIVIDEND)
    plan = household_plan([fund], expenses=expenses, savings="2000.00", years=years, stop_after=stop_after)
    wrapper = Account("acct", "Wrapper", kind)
    rates = tuple((c, Decimal(rate) if c is TaxCategory.ORDINARY_INCOME else r) for c, r in plan.assumptions.tax_rates)
    return replace(plan, accounts=(wrapper,),
                   assumptions=replace(plan.assumptions, tax_rates=rates, pay_tax_rate=Decimal(rate)))


def test_a_deferred_and_a_free_account_give_the_same_spendable_money_at_equal_rates():
    """The known equivalence: saving pre-tax and paying tax on the way out at the same rate leaves as
    much to spend as paying tax first and nothing later. The deferred account holds 1 / (1 - t) as
    much; after the stop both pay the same spending, the deferred one grossed up by the tax."""
    deferred = project(snapshot(wrapped_plan(AccountType.TAX_DEFERRED)), DETERMINISTIC)
    free = project(snapshot(wrapped_plan(AccountType.TAX_FREE)), DETERMINISTIC)
    at_stop = 14  # the last year's end before the stop
    d, f = (p.percentile(p.accounts_real[k], 50) for p, k in ((deferred, "deferred"), (free, "free")))
    assert d[at_stop] * 0.75 == pytest.approx(f[at_stop], rel=1e-6)
    # living on them: the after-tax value stays equal, counting the tax still owed at the end; paying
    # each year's tax in the next January (about half a year late on average) is worth a little
    owed = deferred.percentile(deferred.net_worth["real"], 50)[-1] - d[-1]
    assert owed < 0
    assert d[-1] * 0.75 + owed == pytest.approx(f[-1], rel=0.02)
    assert d[-1] * 0.75 + owed >= f[-1]
    assert deferred.success_probability == free.success_probability == 1.0


def test_a_plan_without_accounts_or_tables_keeps_its_flat_tax_on_income():
    flat = household_plan([replace(account("cash", "100000.00", apy="5"), tax_category=TaxCategory.INTEREST)],
                          expenses="0", years=2)
    result = project(snapshot(flat), DETERMINISTIC)
    interest = 100_000 * ((1.05) ** (1 / 12) - 1)  # the first month's, before tax
    assert result.percentile(result.tax_paid_real, 50)[0] == pytest.approx(0.22 * 12 * interest, rel=0.02)


def test_early_withdrawals_from_a_locked_account_are_penalised_in_the_answer():
    """Living on a tax-free account before its access age costs the penalty on every withdrawal: the same
    plan with the access age passed keeps more."""
    def ending(access: int) -> float:
        plan = wrapped_plan(AccountType.TAX_FREE, stop_after=0, years=10)
        plan = replace(plan, accounts=(replace(plan.accounts[0], access_age=access, early_penalty=Decimal(10)),))
        plan = replace(plan, streams=(replace(plan.streams[0], starting_amount=Decimal(300_000)),))
        result = project(snapshot(plan), DETERMINISTIC)
        return float(result.percentile(result.accounts_real["free"], 50)[-1]), result
    open_end, _ = ending(0)
    locked_end, locked = ending(FIRST_AGE + 50)
    assert locked_end < open_end
    tax = locked.percentile(locked.tax_paid_real, 50)
    assert tax[0] == pytest.approx(0.10 * 12 * 3000.0, rel=1e-6)  # the first year's penalty on its spending


def test_the_low_bracket_order_draws_deferred_money_first_up_to_the_bracket():
    from planner.engine.tax import DEFERRED
    book = ledger((AccountType.TAXABLE, AccountType.TAX_DEFERRED), streams=2)
    plan = with_tax_preset(household_plan([], expenses="0").assumptions, "us_2025_joint")
    tables = tax_setup(replace(household_plan([], expenses="0"), assumptions=plan))
    book.setup = replace(book.setup, tables=tables.tables, ordinary_table=tables.ordinary_table,
                         order=WithdrawalOrder.LOW_BRACKET_FIRST)
    book.table_income = np.zeros((tables.tables.count, 1))
    value = np.array([[500_000.0], [500_000.0]])
    december = 11
    fraction = book.draw_fraction(december, value, np.array([80_000.0]), ONE)
    room = 31_500 + 23_850  # the deduction and the 10 % bracket
    assert fraction[1, 0] * 500_000 == pytest.approx(room) and book.type_of[1] == DEFERRED
    assert fraction[0, 0] * 500_000 == pytest.approx(80_000 - room)


def test_account_presets_fill_the_wrappers_rules():
    k401 = with_account_preset(Account("a", "A", AccountType.TAXABLE), AccountPreset.US_401K)
    assert (k401.account_type, k401.yearly_limit, k401.access_age, k401.early_penalty) == \
        (AccountType.TAX_DEFERRED, Decimal(23500), 60, Decimal(10))
    assert NO_ACCOUNT.account_type is AccountType.TAXABLE


@settings(max_examples=25, deadline=None)
@given(limits=st.tuples(st.integers(0, 20_000), st.integers(0, 20_000)), fill=st.permutations([1, 2, 3]),
       access=st.tuples(st.integers(0, 8), st.integers(0, 8)), penalty=st.integers(0, 30),
       order=st.sampled_from(list(WithdrawalOrder)), stop_after=st.integers(1, 4))
def test_money_is_conserved_across_accounts(limits, fill, access, penalty, order, stop_after):
    """Three accounts of cash at 0 % without inflation or tax on pay: whatever the limits, fill order,
    access ages, penalties and withdrawal order, the money at the end is what was there, plus the
    savings, less the spending and the penalties paid (no other tax here)."""
    kinds = (AccountType.TAX_DEFERRED, AccountType.TAX_FREE, AccountType.TAXABLE)
    accounts = tuple(Account(f"a{i}", f"A{i}", kind, yearly_limit=Decimal(limits[i]) if i < 2 else Decimal(0),
                             access_age=FIRST_AGE + access[i] if i < 2 and access[i] else 0,
                             early_penalty=Decimal(penalty), fill_order=fill[i]) for i, kind in enumerate(kinds))
    streams = [replace(account(f"s{i}", "20000.00"), account=f"a{i}") for i in range(3)]
    plan = household_plan(streams, expenses="600.00", savings="1000.00", years=8, stop_after=stop_after)
    untaxed = tuple((category, Decimal(0)) for category, _ in plan.assumptions.tax_rates)
    plan = replace(plan, accounts=accounts, assumptions=replace(plan.assumptions, pay_tax_rate=Decimal(0),
                                                                withdrawal_order=order, tax_rates=untaxed))
    result = project(snapshot(plan), DETERMINISTIC)
    saved, spent = 1000.0 * 12 * stop_after, 600.0 * 12 * (8 - stop_after)
    paid = float(result.percentile(result.tax_paid_real, 50).sum())
    assert paid == pytest.approx(float(result.penalty_mean_real.sum()), abs=1e-6)
    end = float(result.percentile(result.net_worth["nominal"], 50)[-1])
    assert end == pytest.approx(60_000.0 + saved - spent - paid, abs=0.01)


def test_only_money_saved_out_of_pay_goes_into_a_wrapper_and_is_grossed_up():
    """A sale or a windfall is not pay: it goes to the taxable account, never grossed up."""
    book = ledger((AccountType.TAX_DEFERRED, AccountType.TAXABLE), streams=2)
    book.setup = replace(book.setup, pay_tax_rate=0.2)
    shares = [np.array([1.0, 0.0]), np.array([0.0, 1.0]), np.zeros(2)]
    added, left = book.route(np.array([10_000.0]), np.array([1_000.0]), ONE, shares)
    assert added[0, 0] == pytest.approx(1_000.0 / 0.8) and added[1, 0] == pytest.approx(9_000.0)
    assert left[0] == 0.0


def test_fixed_contributions_count_against_the_yearly_limit():
    book = ledger((AccountType.TAX_FREE,), streams=1)
    book.setup = replace(book.setup, limit=np.array([7_000.0, np.inf]))
    book.contributed_to(np.array([[5_000.0]]))
    added, left = book.route(np.array([10_000.0]), np.array([10_000.0]), ONE, [np.array([1.0]), np.zeros(1)])
    assert added[0, 0] == pytest.approx(2_000.0) and left[0] == pytest.approx(8_000.0)


def test_required_withdrawals_leave_locked_money_alone():
    book = ledger((AccountType.TAX_DEFERRED,), required=FIRST_AGE, streams=2)
    fraction = book.required(11, np.array([[100_000.0], [100_000.0]]), np.array([1.0, 0.0]))
    assert fraction[1, 0] == 0.0
    assert fraction[0, 0] * 100_000 == pytest.approx(100_000 / required_divisor(FIRST_AGE))


def test_a_plan_starting_mid_year_settles_its_last_partial_year():
    """The last months of a plan that does not end in December are taxed too (owed at the end)."""
    from planner.domain.calendar import YearMonth
    plan = wrapped_plan(AccountType.TAX_DEFERRED, stop_after=0, years=2)
    plan = replace(plan, streams=(replace(plan.streams[0], starting_amount=Decimal(100_000)),))
    july = replace(plan, start=YearMonth(plan.start.year, 7),
                   streams=tuple(replace(s, start=YearMonth(plan.start.year, 7)) for s in plan.streams))
    result = project(snapshot(july), DETERMINISTIC)
    taxed = float(result.percentile(result.tax_paid_real, 50).sum())
    drawn = result.months * 3000.0  # every withdrawal is ordinary income at 25 % (and so is the tax's)
    assert taxed >= 0.25 * drawn


@pytest.mark.parametrize("order", list(WithdrawalOrder))
def test_locked_money_is_never_sold(order):
    """A stream without liquid value (staking in its lock-up, a CD's locked rung) keeps its capital
    whatever the order, even in the step that pays."""
    book = ledger((AccountType.TAXABLE, AccountType.TAX_DEFERRED), streams=3)
    book.setup = replace(book.setup, order=order)
    value = np.array([[1_000.0], [0.0], [5_000.0]])  # streams 1 and 2 share the deferred account; 1 is locked
    fraction = book.draw_fraction(0, value, np.array([1_600.0]), ONE)
    assert fraction[1, 0] == 0.0
    assert float((fraction * value).sum()) == pytest.approx(1_600.0)
