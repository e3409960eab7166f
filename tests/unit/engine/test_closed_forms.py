"""The projection engine against closed forms.

Each test derives the expected number independently (a textbook formula, or an explicit
simulation of the economics in a few lines) and compares it with what the engine computes.
Monte Carlo checks use tolerances of four standard errors of the estimate, never a stored result.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from planner.domain.defaults import new_plan, new_stream
from planner.domain.enums import FIRuleKind, IncomePolicy, Rebalancing, ReturnModel, TaxCategory, WithdrawalMethod
from planner.domain.plan import Plan, Stream
from planner.engine.inputs import snapshot
from planner.engine.market import CRYPTO, build_market
from planner.engine.projection import RunOptions, project, run
from planner.engine.streams import MODELS, KindContext
from planner.engine.streams.business import logistic_visits, saas_subscribers
from planner.engine.streams.property import mortgage_balance, mortgage_payment
from tests.helpers import START, over_years


def future_value(start: float, contribution: float, monthly_rate: float, months: int) -> float:
    """Ordinary annuity: FV = start (1+r)^n + c ((1+r)^n - 1) / r, and start + c n when r = 0."""
    if monthly_rate == 0.0:
        return start + contribution * months
    factor = (1.0 + monthly_rate) ** months
    return start * factor + contribution * (factor - 1.0) / monthly_rate

DETERMINISTIC = RunOptions(mode="deterministic")
#: Expenses no stream in these tests can cover, so FI (and spending after it) never interferes.
UNREACHABLE = "100000000"


# --------------------------------------------------------------------------------------------
# Builders


def stream(kind: str, name: str | None = None, *, amount: str | None = None,
           policy: IncomePolicy = IncomePolicy.REINVEST, tax: TaxCategory = TaxCategory.TAX_FREE,
           **params: float | str) -> Stream:
    """A stream of the kind starting with the plan, tax-free unless told, with these parameters
    (percent parameters in percent, as users enter them)."""
    name = name or kind
    s = new_stream(kind, name, START, uid=name.replace(" ", "_"))
    for key, value in params.items():
        s = s.with_param(key, Decimal(str(value)))
    changes: dict[str, object] = {"income_policy": policy, "tax_category": tax}
    if amount is not None:
        changes["starting_amount"] = Decimal(amount)
    return replace(s, **changes)


def make_plan(streams: list[Stream], *, savings: str = "0", expenses: str = UNREACHABLE, inflation: str = "0",
              years: int = 10, paths: int = 1000, seed: int = 7, fi_kind: FIRuleKind = FIRuleKind.INCOME_ONLY,
              swr: str = "4.0", method: WithdrawalMethod = WithdrawalMethod.CONSTANT_REAL,
              rebalancing: Rebalancing | None = None, model: ReturnModel = ReturnModel.LOGNORMAL,
              stop_age: int | None = None) -> Plan:
    plan = new_plan("closed forms", START)
    household = replace(plan.household, monthly_savings=Decimal(savings), monthly_expenses=Decimal(expenses),
                        inflation=Decimal(inflation))
    fi_rule = replace(plan.fi_rule, kind=fi_kind, safe_withdrawal_rate=Decimal(swr), withdrawal_method=method,
                      fixed_withdrawal_rate=True)
    strategy = plan.strategy if rebalancing is None else replace(plan.strategy, rebalancing=rebalancing)
    assumptions = replace(plan.assumptions, paths=paths, seed=seed, return_model=model)
    return over_years(replace(plan, household=household, fi_rule=fi_rule, strategy=strategy, assumptions=assumptions,
                              streams=tuple(streams)), years, stop_age)


def kind_context(kind: str, months: int, *, paths: int = 1, deterministic: bool = True, seed: int = 0,
                 age: int = 0, model: ReturnModel = ReturnModel.LOGNORMAL, **params: float | str) -> KindContext:
    """One stream of the kind in a market of its own; parameters go through the real snapshot, so
    percentages become fractions exactly as in a run."""
    snap = snapshot(make_plan([stream(kind, **params)]))
    (group,) = snap.groups
    market = build_market(months, paths, 0.0, model, np.random.default_rng(seed), deterministic)
    local_month = (np.arange(months) + age)[:, None]
    return KindContext(market, dict(group.params), local_month, np.arange(months) % 12)


def year_end_worth(plan: Plan, basis: str = "nominal", options: RunOptions = DETERMINISTIC) -> np.ndarray:
    projection = project(snapshot(plan), options)
    return projection.percentile(projection.net_worth[basis], 50)


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def normal_pdf(x: float) -> float:
    return math.exp(-x * x / 2.0) / math.sqrt(2.0 * math.pi)


# --------------------------------------------------------------------------------------------
# Compound growth with contributions


@pytest.mark.parametrize(("apy", "start", "savings"), [("5.0", "10000.00", "500.00"), ("12.0", "0.00", "1500.00"),
                                                       ("0", "2500.00", "300.00")])
def test_savings_account_compounds_like_an_ordinary_annuity(apy, start, savings):
    # Order of a month in household.py: income on the capital held at the start of the month,
    # reinvested (capital x (1 + i)), then the month's savings added at its end. With no tax and
    # no inflation that is B(m+1) = B(m)(1 + i) + c: the ordinary annuity's future value.
    plan = make_plan([stream("high_yield_savings", amount=start, apy=apy, rate_drift=0)], savings=savings,
                     years=12)
    worth = year_end_worth(plan)
    monthly = (1.0 + float(apy) / 100.0) ** (1.0 / 12.0) - 1.0
    expected = [future_value(float(start), float(savings), monthly, 12 * year) for year in range(1, 13)]
    assert worth == pytest.approx(expected, rel=1e-6)


def test_savings_grow_with_inflation_like_a_growing_annuity():
    # Savings are entered in today's money: month m pays c g^m, g = (1 + inflation)^(1/12). Then
    # B(n) = B0 (1 + i)^n + c ((1 + i)^n - g^n) / ((1 + i) - g), the growing annuity.
    apy, inflation, start, savings = 0.06, 0.03, 20000.0, 800.0
    plan = make_plan([stream("high_yield_savings", amount="20000.00", apy="6.0", rate_drift=0)],
                     savings="800.00", inflation="3.0", years=10)
    worth = year_end_worth(plan)
    rate = (1.0 + apy) ** (1.0 / 12.0)
    growth = (1.0 + inflation) ** (1.0 / 12.0)
    months = 12 * np.arange(1, 11)
    expected = start * rate**months + savings * (rate**months - growth**months) / (rate - growth)
    assert worth == pytest.approx(expected, rel=1e-6)


def test_tax_on_interest_lowers_the_compounding_rate():
    # Reinvested interest is taxed as it is earned: the balance compounds at i (1 - tax).
    plan = make_plan([stream("high_yield_savings", amount="10000.00", tax=TaxCategory.INTEREST, apy="5.0",
                             rate_drift=0)], savings="200.00", years=5)
    tax = float(plan.assumptions.tax_rate(TaxCategory.INTEREST)) / 100.0
    assert tax > 0
    monthly = ((1.05) ** (1.0 / 12.0) - 1.0) * (1.0 - tax)
    expected = [future_value(10000.0, 200.0, monthly, 12 * year) for year in range(1, 6)]
    assert year_end_worth(plan) == pytest.approx(expected, rel=1e-6)


# --------------------------------------------------------------------------------------------
# Loan amortization


def test_mortgage_payment_matches_the_textbook_figure():
    # 200,000 over 30 years at 6 % a year: the classic 1,199.10 a month.
    payment = mortgage_payment(np.array([200_000.0]), np.array([0.06 / 12]), np.array([360.0]))
    assert payment[0] == pytest.approx(1199.10, abs=0.005)
    # without interest the loan is repaid in equal parts
    assert mortgage_payment(np.array([120_000.0]), np.array([0.0]), np.array([240.0]))[0] == pytest.approx(500.0)


@pytest.mark.parametrize(("principal", "yearly_rate", "years"), [(225_000.0, 0.07, 30), (80_000.0, 0.035, 15),
                                                                 (50_000.0, 0.0, 10), (10_000.0, 0.24, 1)])
def test_mortgage_balance_follows_the_month_by_month_schedule(principal, yearly_rate, years):
    rate, payments = yearly_rate / 12.0, years * 12
    textbook = principal * rate / (1 - (1 + rate) ** -payments) if rate > 0 else principal / payments
    payment = mortgage_payment(np.array([principal]), np.array([rate]), np.array([float(payments)]))[0]
    assert payment == pytest.approx(textbook, rel=1e-12)
    paid = np.arange(payments + 13, dtype=np.float64)
    balances = mortgage_balance(np.full_like(paid, principal), np.full_like(paid, rate),
                                np.full_like(paid, float(payments)), paid)
    balance = principal
    for k in range(payments):
        assert balances[k] == pytest.approx(balance, rel=1e-9, abs=1e-6)
        interest = balance * rate
        balance = balance + interest - textbook
    assert abs(balance) < 1e-6 * principal  # the level payment repays the loan exactly
    assert np.all(balances[payments:] == 0.0)  # and nothing is owed afterwards


def test_rental_equity_grows_by_the_principal_repaid():
    # With no appreciation the household's equity is price - loan balance, month by month.
    ctx = kind_context("rental_property", 60, appreciation=0, volatility=0, price="300000.00", down_payment=20,
                       mortgage_rate="6.0", mortgage_term_years=30)
    arrays = MODELS["rental_property"](ctx)
    loan, rate = 240_000.0, 0.06 / 12
    payment = loan * rate / (1 - (1 + rate) ** -360)
    balance, expected = loan, []
    for _ in range(60):
        expected.append(300_000.0 - balance)
        balance = balance * (1 + rate) - payment
    assert arrays.asset_value[:, 0, 0] == pytest.approx(expected, rel=1e-9)


# --------------------------------------------------------------------------------------------
# Dividend reinvestment with growth


def drip_by_shares(value: float, dividend_yield: float, dividend_growth: float, price_return: float,
                   months: int) -> np.ndarray:
    """Value at each month's end of a holding whose dividends buy more shares: price per share
    P(m) = (1 + price_return)^(m/12), monthly dividend per share y/12 (1 + dividend_growth)^(m/12),
    paid at the month's end and reinvested at that month's closing price."""
    shares = value
    out = np.empty(months)
    for m in range(months):
        dividend = shares * dividend_yield / 12.0 * (1.0 + dividend_growth) ** (m / 12.0)
        price = (1.0 + price_return) ** ((m + 1) / 12.0)
        shares += dividend / price
        out[m] = shares * price
    return out


@pytest.mark.parametrize(("dividend_yield", "dividend_growth", "price_return"),
                         [(3.0, 5.0, 5.0), (4.0, 8.0, 2.0), (6.0, -10.0, 7.0), (2.5, 0.0, 0.0)])
def test_dividend_reinvestment_buys_shares_at_the_new_price(dividend_yield, dividend_growth, price_return):
    years = 15
    plan = make_plan([stream("dividend_stocks", amount="10000.00", dividend_yield=dividend_yield,
                             dividend_growth=dividend_growth, price_return=price_return, volatility=30,
                             cut_probability=0, expense_ratio=0)], years=years)
    expected = drip_by_shares(10000.0, dividend_yield / 100, dividend_growth / 100, price_return / 100, 12 * years)
    assert year_end_worth(plan) == pytest.approx(expected[11::12], rel=1e-6)


def test_dividend_reinvestment_closed_form_when_dividends_grow_with_the_price():
    # Dividend per share growing like the price keeps the yield constant, so each month the value
    # is multiplied by (1 + g)^(1/12) + y/12: V(n) = V0 ((1 + g)^(1/12) + y/12)^n.
    plan = make_plan([stream("dividend_stocks", amount="10000.00", dividend_yield=3, dividend_growth=5,
                             price_return=5, cut_probability=0, expense_ratio=0)], years=20)
    factor = 1.05 ** (1 / 12) + 0.03 / 12
    expected = 10000.0 * factor ** (12 * np.arange(1, 21))
    assert year_end_worth(plan) == pytest.approx(expected, rel=1e-6)


# --------------------------------------------------------------------------------------------
# Bond price versus yield


def coupon_bond(yield_: float, coupon: float, years: int) -> tuple[float, float, float]:
    """Price, modified duration and convexity of an annual-pay bond with face 1."""
    times = np.arange(1, years + 1, dtype=np.float64)
    flows = np.full(years, coupon)
    flows[-1] += 1.0
    discount = (1.0 + yield_) ** -times
    price = float(flows @ discount)
    duration = float(flows @ (times * discount)) / price / (1.0 + yield_)
    convexity = float(flows @ (times * (times + 1) * discount)) / price / (1.0 + yield_) ** 2
    return price, duration, convexity


@pytest.mark.parametrize("change", [0.0025, -0.0025, 0.01, -0.01, 0.0005])
def test_bond_price_change_is_minus_duration_times_the_yield_change(change):
    y0, maturity = 0.045, 10
    price0, duration, convexity = coupon_bond(y0, y0, maturity)
    months = 3
    ctx = kind_context("bonds", months, deterministic=False, bond_yield=y0 * 100, duration=round(duration, 6),
                       default_rate=0, expense_ratio=0, rate_volatility=abs(change) * 100)
    # The rate factor is 0 in the first month and jumps to +-1 at the start of the second, so the
    # yield moves by exactly `change` during month 0 and stays there (inflation held at its expectation).
    factor = np.array([[0.0], [math.copysign(1.0, change)], [math.copysign(1.0, change)]])
    ctx.market = replace(ctx.market, rate_factor=factor, rate_inflation=np.zeros((months, 1)))
    arrays = MODELS["bonds"](ctx)
    growth = arrays.growth[:, 0, 0]
    model_duration = float(Decimal(str(round(duration, 6))))
    assert growth[0] - 1.0 == pytest.approx(-model_duration * change, rel=1e-9)  # first order, exactly
    assert growth[1:] == pytest.approx([1.0, 1.0])  # no change, no price move
    assert arrays.income_rate[:, 0, 0] == pytest.approx([y0 / 12, (y0 + change) / 12, (y0 + change) / 12])
    # the exact coupon-bond repricing differs only by the convexity term, C dy^2 / 2
    exact = coupon_bond(y0 + change, y0, maturity)[0] / price0
    gap = exact - growth[0]
    assert 0.0 <= gap <= convexity * change**2  # the linear rule always undershoots a convex price
    assert gap == pytest.approx(convexity * change**2 / 2.0, rel=0.15)


# --------------------------------------------------------------------------------------------
# Impermanent loss


def test_liquidity_pool_tracks_an_arbitraged_constant_product_pool_path_by_path():
    months, paths = 24, 4000
    ctx = kind_context("liquidity_pool", months, paths=paths, deterministic=False, seed=11, fee_apr=0, reward_apr=0,
                       exploit_probability=0, token_return=10, price_ratio_volatility=80)
    pool_growth = MODELS["liquidity_pool"](ctx).growth[:, :, 0]
    # The token's price path from the same market shocks the pool model saw.
    token = ctx.market.gross(ctx.params["token_return"], ctx.params["price_ratio_volatility"], CRYPTO)
    price = np.cumprod(token[:, :, 0], axis=0)
    # Explicit constant-product pool: reserves x (token) and y (stable) with x y = k, arbitraged
    # each month so that y / x equals the token's price. Start: 1 token at price 1, 1 stable.
    k = 1.0
    reserves_value = 2.0 * np.sqrt(k * price)  # x p + y with x = sqrt(k/p), y = sqrt(k p)
    pool_value = 2.0 * np.cumprod(pool_growth, axis=0)  # the deposit started at 2
    assert pool_value == pytest.approx(reserves_value, rel=1e-9)
    hodl = 1.0 + price  # one token and one stable held outside
    assert pool_value / hodl == pytest.approx(2.0 * np.sqrt(price) / (1.0 + price), rel=1e-9)
    assert np.all(pool_value <= hodl * (1 + 1e-12))  # the loss is never a gain


def test_liquidity_pool_mean_value_and_mean_impermanent_loss():
    # Over a year the price ratio R is lognormal: ln R ~ N(ln(1 + m) - s^2/2, s^2). The pool is worth
    # sqrt(R): E[sqrt R] = (1 + m)^(1/2) exp(-s^2/8). The pool/hold ratio 2 sqrt(R)/(1 + R) has its
    # expectation by Gauss-Hermite quadrature over the same law.
    mean, volatility, paths = 0.10, 0.80, 100_000
    ctx = kind_context("liquidity_pool", 12, paths=paths, deterministic=False, seed=12, fee_apr=0, reward_apr=0,
                       exploit_probability=0, token_return=mean * 100, price_ratio_volatility=volatility * 100)
    pool = MODELS["liquidity_pool"](ctx).growth[:, :, 0].prod(axis=0)
    s2 = math.log1p((volatility / (1 + mean)) ** 2)
    expected = math.sqrt(1 + mean) * math.exp(-s2 / 8)
    assert abs(pool.mean() - expected) < 4 * pool.std() / math.sqrt(paths)
    # deterministic mode uses the same expectation month by month
    det = kind_context("liquidity_pool", 12, fee_apr=0, reward_apr=0, exploit_probability=0, token_return=mean * 100,
                       price_ratio_volatility=volatility * 100)
    assert MODELS["liquidity_pool"](det).growth[:, 0, 0].prod() == pytest.approx(expected, rel=1e-9)
    ratio = pool**2  # R itself
    relative = 2 * np.sqrt(ratio) / (1 + ratio)
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    r = np.exp(math.log1p(mean) - s2 / 2 + math.sqrt(s2) * nodes)
    expected_relative = float(weights @ (2 * np.sqrt(r) / (1 + r)) / weights.sum())
    assert abs(relative.mean() - expected_relative) < 4 * relative.std() / math.sqrt(paths)
    assert expected_relative < 1.0


# --------------------------------------------------------------------------------------------
# Lognormal mean, median and the chance of exceeding a level


MEAN, VOLATILITY = 0.08, 0.20
LOG_SD = math.sqrt(math.log1p((VOLATILITY / (1 + MEAN)) ** 2))
LOG_MEAN = math.log1p(MEAN) - LOG_SD**2 / 2


@pytest.fixture(scope="module")
def index_fund_year() -> np.ndarray:
    ctx = kind_context("index_fund", 12, paths=200_000, deterministic=False, seed=21, total_return=MEAN * 100,
                       volatility=VOLATILITY * 100, dividend_yield=0, expense_ratio=0)
    return MODELS["index_fund"](ctx).growth[:, :, 0].prod(axis=0)


def test_index_fund_yearly_growth_has_the_entered_arithmetic_mean(index_fund_year):
    n = index_fund_year.size
    assert abs(index_fund_year.mean() - (1 + MEAN)) < 4 * index_fund_year.std() / math.sqrt(n)
    assert abs(index_fund_year.std() - VOLATILITY) < 4 * VOLATILITY / math.sqrt(2 * n) + 0.01 * VOLATILITY


def test_index_fund_yearly_growth_has_the_lognormal_median(index_fund_year):
    n = index_fund_year.size
    median = math.exp(LOG_MEAN)
    # standard error of a sample median: 1 / (2 f(median) sqrt(n)), f(median) = 1 / (median s sqrt(2 pi))
    se = median * LOG_SD * math.sqrt(2 * math.pi) / (2 * math.sqrt(n))
    assert abs(np.median(index_fund_year) - median) < 4 * se
    assert median < 1 + MEAN  # the volatility drag separates the two


@pytest.mark.parametrize("level", [0.9, 1.0, 1.08, 1.3, 1.5])
def test_share_of_paths_above_a_level_matches_the_lognormal_cdf(index_fund_year, level):
    n = index_fund_year.size
    expected = 1.0 - normal_cdf((math.log(level) - LOG_MEAN) / LOG_SD)
    se = math.sqrt(expected * (1 - expected) / n)
    assert abs((index_fund_year > level).mean() - expected) < 4 * se


def test_projected_net_worth_percentiles_are_lognormal_quantiles():
    # End to end: one index fund and nothing else, so a path's net worth after a year is
    # start x G. Percentile q of n paths has standard error sqrt(q (1 - q) / n) / f(x_q).
    paths, start = 20_000, 50_000.0
    plan = make_plan([stream("index_fund", amount="50000.00", total_return=MEAN * 100, volatility=VOLATILITY * 100,
                             dividend_yield=0, expense_ratio=0)], years=1, paths=paths, seed=5)
    projection = project(snapshot(plan), RunOptions(mode="montecarlo"))
    z_of = {10: -1.2815515655446004, 50: 0.0, 90: 1.2815515655446004}
    for q, z in z_of.items():
        quantile = start * math.exp(LOG_MEAN + LOG_SD * z)
        density = normal_pdf(z) / (quantile * LOG_SD)
        se = math.sqrt(q / 100 * (1 - q / 100) / paths) / density
        assert abs(projection.percentile(projection.net_worth["nominal"], q)[0] - quantile) < 4 * se


@pytest.mark.parametrize("model", [ReturnModel.LOGNORMAL, ReturnModel.STUDENT_T, ReturnModel.REGIME_SWITCHING])
def test_every_return_model_keeps_the_entered_yearly_mean(model):
    # docs/engine.md: "every model keeps the mean the user entered" - a yearly arithmetic mean, so
    # the mean of 12 compounded months must be 1 + m whatever the shock law.
    paths = 200_000
    ctx = kind_context("index_fund", 12, paths=paths, deterministic=False, seed=31, model=model,
                       total_return=MEAN * 100, volatility=VOLATILITY * 100, dividend_yield=0, expense_ratio=0)
    monthly = MODELS["index_fund"](ctx).growth[:, :, 0]
    if model is not ReturnModel.REGIME_SWITCHING:
        # Regimes persist, so months are correlated; that model keeps the yearly mean exact and
        # lets each month's mean be slightly off (docs/engine.md, "Return models").
        assert abs(monthly.mean() - (1 + MEAN) ** (1 / 12)) < 4 * monthly.std() / math.sqrt(monthly.size)
    yearly = monthly.prod(axis=0)
    assert abs(yearly.mean() - (1 + MEAN)) < 4 * yearly.std() / math.sqrt(paths)


# --------------------------------------------------------------------------------------------
# Annuity depletion


def depletion_plan(policy: IncomePolicy, apy: str, inflation: str, *,
                   method: WithdrawalMethod = WithdrawalMethod.CONSTANT_REAL) -> Plan:
    """300,000 in a savings account, spending 1,500 a month from the first month (the household
    stops saving in January of the plan's first year)."""
    account = stream("high_yield_savings", amount="300000.00", policy=policy, apy=apy, rate_drift=0)
    return make_plan([account], expenses="1500.00", inflation=inflation, years=30,
                     fi_kind=FIRuleKind.INCOME_PLUS_WITHDRAWALS, swr="4.0", method=method,
                     stop_age=START.year - new_plan("x", START).household.birth_year)


@pytest.mark.parametrize("policy", list(IncomePolicy))
@pytest.mark.parametrize(("apy", "inflation"), [("3.0", "0"), ("4.0", "2.0"), ("2.5", "2.5")])
def test_constant_real_spending_runs_out_when_the_annuity_formula_says(policy, apy, inflation):
    plan = depletion_plan(policy, apy, inflation)
    partial = list(run(snapshot(plan), DETERMINISTIC))[-1]
    projection = partial.projection()
    assert projection.stop_month == 0
    expenses, start = 1500.0, 300_000.0
    rate = (1 + float(apy) / 100) ** (1 / 12) - 1
    growth = (1 + float(inflation) / 100) ** (1 / 12)
    real_rate = (1 + rate) / growth - 1
    # Month m earns i on what the account holds and pays expenses E g^m; whether the interest is
    # reinvested, pooled or paid out, it pays the month first. Nominal N(m) = N(m-1)(1 + i) - E g^m
    # from N(-1) = B0; in today's money at the month's end, R(m) = N(m) / g^(m+1), so
    # R(m) = R(m-1)(1 + j) - E/g with 1 + j = (1 + i)/g: R(m) = B0 (1+j)^(m+1) - (E/g)((1+j)^(m+1) - 1)/j,
    # zero at m + 1 = ln(E / (E - j g B0)) / ln(1 + j) (or g B0 / E when j = 0).
    spend = expenses / growth
    if abs(real_rate) < 1e-12:
        depleted = start / spend - 1
        balance = [start - spend * (m + 1) for m in range(11, 360, 12)]
    else:
        depleted = math.log(spend / (spend - real_rate * start)) / math.log1p(real_rate) - 1
        balance = [start * (1 + real_rate) ** (m + 1) - spend * ((1 + real_rate) ** (m + 1) - 1) / real_rate
                   for m in range(11, 360, 12)]
    assert 12 < depleted < 359
    ruin = int(partial.accumulator.ruin_month[0])
    assert abs(ruin - depleted) <= 1.0
    assert projection.ruin_probability == 1.0 and projection.success_probability == 0.0
    worth = projection.percentile(projection.net_worth["real"], 50)
    before = int(depleted) // 12  # whole years before the money runs out
    assert worth[:before] == pytest.approx(balance[:before], rel=1e-5, abs=0.05)
    assert np.all(np.abs(worth[before + 1:]) < 1.0)  # nothing left afterwards


def test_percent_of_portfolio_withdrawals_decay_geometrically_and_never_run_out():
    # Drawing the safe rate / 12 of the account each month (less than the expenses need) leaves
    # B(m) = B0 ((1 + i)(1 - w/12))^(m+1); the rest of the expenses is a shortfall, never ruin, but
    # a shortfall beyond the tolerance: no success.
    plan = depletion_plan(IncomePolicy.REINVEST, "3.0", "0", method=WithdrawalMethod.PERCENT_OF_PORTFOLIO)
    projection = project(snapshot(plan), DETERMINISTIC)
    rate = 1.03 ** (1 / 12) - 1
    months = np.arange(11, 360, 12)
    expected = 300_000.0 * ((1 + rate) * (1 - 0.04 / 12)) ** (months + 1)
    assert projection.percentile(projection.net_worth["nominal"], 50) == pytest.approx(expected, rel=1e-5)
    assert projection.ruin_probability == 0.0 and projection.success_probability == 0.0
    # shortfall in year 2: expenses less what was drawn (the withdrawal made after growth)
    drawn = sum(300_000.0 * ((1 + rate) * (1 - 0.04 / 12)) ** m * (1 + rate) * 0.04 / 12 for m in range(12, 24))
    assert projection.shortfall_real[1] == pytest.approx(12 * 1500.0 - drawn, rel=1e-5)


# --------------------------------------------------------------------------------------------
# Businesses: logistic traffic and SaaS subscribers


def test_logistic_closed_form_solves_the_logistic_equation():
    start, ceiling, growth = np.array([500.0]), np.array([30_000.0]), np.array([0.6])
    t = np.linspace(0, 240, 2401)
    v = logistic_visits(start, ceiling, growth, t)
    rho = math.log(1.6) / 12
    assert v[0] == pytest.approx(500.0)
    derivative = np.gradient(v, t)
    assert derivative[1:-1] == pytest.approx((rho * v * (1 - v / ceiling))[1:-1], rel=1e-3)
    late = logistic_visits(start, ceiling, growth, np.array([1200.0]))
    assert late[0] == pytest.approx(30_000.0, rel=1e-9)  # the ceiling is where it levels off
    # far below the ceiling traffic grows by (1 + g) a year
    early = logistic_visits(np.array([10.0]), np.array([1e12]), growth, np.array([12.0]))
    assert early[0] == pytest.approx(16.0, rel=1e-6)


@pytest.mark.parametrize("age", [0, 30])
@pytest.mark.parametrize(("start", "ceiling", "growth"), [(500, 30000, 60), (8000, 30000, 60), (50000, 30000, 100),
                                                          (1000, 1000000, -20)])
def test_content_site_recursion_matches_the_logistic_curve(age, start, ceiling, growth):
    months = 120
    ctx = kind_context("content_site", months, age=age, shock_probability=0, starting_monthly_visits=start,
                       max_monthly_visits=ceiling, traffic_growth=growth, revenue_per_1000_visits="15.00",
                       hosting_cost="20.00")
    income = MODELS["content_site"](ctx).fixed_income[:, 0, 0]
    k, g = np.array([float(ceiling)]), np.array([growth / 100])
    # a site already running starts on its curve at its age; one above the niche's ceiling starts at it
    first = np.minimum(logistic_visits(np.array([float(start)]), k, g, np.array([float(age)])), k)
    expected = logistic_visits(first, k, g, np.arange(months, dtype=np.float64))
    assert income == pytest.approx(expected / 1000 * 15.0 - 20.0, rel=1e-9)


@pytest.mark.parametrize(("mrr", "new", "churn", "price_growth"), [("0.00", 5, 5, 3), ("3000.00", 2, 4, 0),
                                                                   ("600.00", 10, 0, 10), ("45000.00", 0, 2, -5)])
def test_micro_saas_subscribers_match_the_closed_form(mrr, new, churn, price_growth):
    months, price = 96, 15.0
    ctx = kind_context("micro_saas", months, shock_probability=0, starting_mrr=mrr, new_subscribers_per_month=new,
                       churn=churn, price="15.00", price_growth=price_growth, hosting_cost_share=10, platform_fee=4)
    profit = MODELS["micro_saas"](ctx).fixed_income[:, 0, 0]
    # the recursion N(t+1) = N(t)(1 - c) + new, stepped here, against the closed form
    subscribers, stepped = float(mrr) / price, []
    for _ in range(months):
        stepped.append(subscribers)
        subscribers = subscribers * (1 - churn / 100) + new
    closed = saas_subscribers(np.array([float(mrr) / price]), np.array([float(new)]), np.array([churn / 100]),
                              np.arange(months, dtype=np.float64))
    assert closed == pytest.approx(stepped, rel=1e-9, abs=1e-9)
    prices = price * (1 + price_growth / 100) ** (np.arange(months) / 12)
    assert profit == pytest.approx(closed * prices * (1 - 0.10 - 0.04), rel=1e-9, abs=1e-9)


# --------------------------------------------------------------------------------------------
# Seeded Monte Carlo runs


def spread_plan(seed: int = 99) -> Plan:
    return make_plan([stream("index_fund", amount="60000.00"), stream("high_yield_savings", amount="15000.00"),
                      stream("dividend_stocks", amount="20000.00"), stream("crypto_staking", amount="3000.00")],
                     savings="1500.00", expenses="4000.00", inflation="2.5", years=10, paths=600, seed=seed)


def test_a_seeded_run_has_spread_and_is_reproducible():
    snap = snapshot(spread_plan())
    first = project(snap, RunOptions(mode="montecarlo"))
    again = project(snap, RunOptions(mode="montecarlo"))
    for basis in ("nominal", "real"):
        bands = first.net_worth[basis]
        assert np.all(first.percentile(bands, 10) < first.percentile(bands, 90))
        assert np.array_equal(bands, again.net_worth[basis])
        assert np.array_equal(first.passive_income[basis], again.passive_income[basis])
    assert np.array_equal(first.fi_probability, again.fi_probability)
    assert np.array_equal(first.max_drawdown, again.max_drawdown)
    # the plan's seed is the default: naming it explicitly changes nothing
    named = project(snap, RunOptions(mode="montecarlo", seed=99))
    assert np.array_equal(first.net_worth["nominal"], named.net_worth["nominal"])


def test_different_seeds_differ_and_no_two_chunks_repeat():
    snap = snapshot(spread_plan())
    one = project(snap, RunOptions(mode="montecarlo", seed=1))
    two = project(snap, RunOptions(mode="montecarlo", seed=2))
    assert not np.array_equal(one.net_worth["nominal"], two.net_worth["nominal"])
    accumulator = list(run(snap, RunOptions(mode="montecarlo", paths=500)))[-1].accumulator
    worth = accumulator.per_path["net_worth"]
    assert worth.shape[0] == 500  # two chunks: 250 and 250
    assert not np.array_equal(worth[:250], worth[250:])
    assert np.unique(worth[:, -1]).size == 500  # every path its own future
