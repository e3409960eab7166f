"""Stream models for money invested in markets: savings, CDs, bonds, funds, lending, crypto.

Equations and the sources of their defaults are in docs/engine.md, one section per kind.
"""

from __future__ import annotations

import numpy as np

from planner.engine.market import (
    CORRELATION,
    CRYPTO,
    EQUITIES,
    RATES,
    REAL_ESTATE,
    decaying_sum,
    monthly_probability,
    monthly_sigma,
)
from planner.engine.streams.base import KindArrays, KindContext, fee_factor, monthly_rate

#: Loss events of real-estate crowdfunding: one failed project in a portfolio of five.
PROJECT_LOSS_SIZE = 0.20
#: Half-life in months of the gap between a dividend payer's yield and its usual level after a
#: market surprise (dividends follow earnings with a lag of one to two years).
DIVIDEND_CATCH_UP_MONTHS = 18
#: How strongly loan defaults rise when stocks fall: defaults x exp(-k z - k^2/2), mean 1.
DEFAULT_CYCLE_SENSITIVITY = 0.5
#: How strongly dividend cuts cluster in months the stream's market falls: the cut chance is
#: multiplied by exp(-k z) / E[exp(-k z)] (mean 1), about 4.5 times in a -2 sd month; z is clipped
#: at +-CUT_SHOCK_CLIP so fat-tailed months do not take all the cuts.
DIVIDEND_CUT_SENSITIVITY = 1.0
CUT_SHOCK_CLIP = 4.0
#: Half-life in months of the gap a dividend cut leaves below the dividend's trend: S&P 500
#: dividends fell about 24 % from 2008 to 2010 and closed half the gap to their 5 % trend in about
#: 2.5 years (Shiller's monthly data).
DIVIDEND_RECOVERY_MONTHS = 30


def _rate_path(ctx: KindContext, level: np.ndarray, drift: np.ndarray, factor: np.ndarray,
               shifted: bool = True) -> np.ndarray:
    """A yearly rate that moves with a mean-reverting factor, floored at zero: (months, paths, n).
    ``shifted`` market rates also follow the path's inflation (Fisher: a real rate plus expected
    inflation) and the market's rate shift (a stress test); crypto rates do neither. History as it
    happened: the entered level moves as the table's long rate moved."""
    if not shifted:
        return np.maximum(level + factor[:, :, None] * drift, 0.0)
    shift = ctx.market.rate_shift[:, None, None] + ctx.market.rate_inflation[:, :, None]
    moves = ctx.market.actual.rate_moves() if ctx.market.actual is not None else None
    if moves is not None:
        return np.maximum(level + moves[:, :, None] + shift, 0.0)
    return np.maximum(level + factor[:, :, None] * drift + shift, 0.0)


def _default_cycle(ctx: KindContext) -> np.ndarray:
    """Multiplier of default rates: above 1 when stocks fall, 1 on average, (months, paths|1, 1)."""
    if ctx.deterministic:
        return np.ones((ctx.months, 1, 1))
    k = DEFAULT_CYCLE_SENSITIVITY
    return np.exp(-k * ctx.market.shocks[EQUITIES] - k * k / 2.0)[:, :, None]


def high_yield_savings(ctx: KindContext) -> KindArrays:
    apy = _rate_path(ctx, ctx.params["apy"], ctx.params["rate_drift"], ctx.market.rate_factor)
    return KindArrays(income_rate=monthly_rate(apy))


def certificate_of_deposit(ctx: KindContext) -> KindArrays:
    """A ladder: each month 1/term of the money matures and is locked at the rate then offered,
    so the ladder earns the average of the offers of the last ``term`` months."""
    p = ctx.params
    offered = _rate_path(ctx, p["apy"], p["rate_drift"], ctx.market.rate_factor)
    earned = np.empty_like(offered)
    for column, term in enumerate(np.maximum(p["term_months"].astype(int), 1)):
        history = np.concatenate([np.broadcast_to(p["apy"][column], (term, offered.shape[1])),
                                  offered[:, :, column]])
        running = np.cumsum(history, axis=0)
        earned[:, :, column] = (running[term:] - running[:-term])[: ctx.months] / term
    penalty = p["early_withdrawal_penalty_months"] * monthly_rate(p["apy"])
    return KindArrays(income_rate=monthly_rate(earned), exit_cost=penalty)


def bonds(ctx: KindContext) -> KindArrays:
    """Coupons at the current yield; price moves by -duration x change in yield; defaults lose
    (1 - recovery) of the defaulted share; the fund fee comes off the holding."""
    p = ctx.params
    actual = ctx.market.actual
    if actual is not None and actual.rate is not None:  # as it happened: the long rate's own level
        level = np.maximum(actual.rate[:, :, None] + ctx.market.rate_shift[:, None, None], 0.0)
        yields = np.broadcast_to(level, (ctx.months, ctx.paths, ctx.count)).copy()
    else:
        yields = _rate_path(ctx, p["bond_yield"], p["rate_volatility"], ctx.market.rate_factor)
    change = np.zeros_like(yields)
    change[:-1] = yields[1:] - yields[:-1]
    price = np.maximum(1.0 - p["duration"] * change, 0.01)
    defaults = np.minimum(monthly_probability(p["default_rate"]) * _default_cycle(ctx), 1.0)
    growth = price * (1.0 - defaults * (1.0 - p["recovery_rate"])) * fee_factor(p["expense_ratio"])
    return KindArrays(growth=growth, income_rate=yields / 12.0)


def _shareholding(ctx: KindContext, shock_class: int) -> KindArrays:
    """Dividend payers: the price follows the market, the dividend per share grows at its own rate
    and is cut now and then. Income = value x yield0 x (dividend index / price index), where the
    price index leaves out the part of market surprises that dividends have caught up with: when
    prices jump or crash the yield moves the other way at first, then returns to its usual level
    with a DIVIDEND_CATCH_UP_MONTHS half-life (dividends follow earnings, not the day's price)."""
    p = ctx.params
    price = ctx.market.gross(p["price_return"], p["volatility"], shock_class, payout=p["dividend_yield"])
    running = (ctx.local_month >= 0)[:, None, :]
    ratio = ctx.grow(p["dividend_growth"]) * _dividend_cuts(ctx, running, shock_class) / ctx.grow(p["price_return"])
    if not ctx.deterministic:
        sigma = monthly_sigma(p["price_return"], p["volatility"])
        expected_log = np.log1p(np.maximum(p["price_return"], -0.999)) / 12.0 - ctx.market.log_mgf(sigma, shock_class)
        # the part of each month's move nobody expected (mean zero); none before a stream starts,
        # so each stream starts at its usual yield
        surprise = (np.log(price) - expected_log) * running
        lag = decaying_sum(surprise, 0.5 ** (1.0 / DIVIDEND_CATCH_UP_MONTHS))
        ratio = ratio * np.exp(-lag)
    growth = price * fee_factor(p["expense_ratio"])
    return KindArrays(growth=growth, income_rate=p["dividend_yield"] / 12.0 * ratio)


def _dividend_cuts(ctx: KindContext, running: np.ndarray, shock_class: int) -> np.ndarray:
    """(months, paths|1, n) the dividend against its trend after cuts. A cut (yearly chance
    ``cut_probability``, likelier in months the market falls) removes ``cut_size``; the gap then
    closes with a DIVIDEND_RECOVERY_MONTHS half-life. Divided by its expected level, so the mean
    dividend grows at the entered ``dividend_growth``; the expected path has no cuts for that."""
    if ctx.deterministic:
        return np.ones((ctx.months, 1, ctx.count))
    p, k = ctx.params, DIVIDEND_CUT_SENSITIVITY
    chance = monthly_probability(p["cut_probability"])
    # normalized over the chunk, so the yearly chance holds under every return model's shock law
    weight = np.exp(-k * np.clip(ctx.market.shocks[shock_class], -CUT_SHOCK_CLIP, CUT_SHOCK_CLIP))
    tilt = weight / weight.mean()
    hits = (ctx.market.rng.random((ctx.months, ctx.paths, ctx.count)) < chance * tilt[:, :, None]) & running
    keep = 0.5 ** (1.0 / DIVIDEND_RECOVERY_MONTHS)
    step = np.log1p(-np.minimum(p["cut_size"], 1.0 - 1e-9))
    gap = decaying_sum(step * hits, keep)  # a cut shows from the month after
    # E[exp(gap)] after L running months: the product over lags l < L of 1 - q + q exp(step keep^l)
    lags = np.arange(ctx.months)[:, None]
    factors = 1.0 - chance + chance * np.exp(step * keep**lags)
    expected = np.concatenate([np.ones((1, ctx.count)), np.cumprod(factors, axis=0)])
    counted = np.concatenate([np.zeros((1, ctx.count), dtype=int), np.cumsum(running[:, 0, :], axis=0)])[:-1]
    return np.exp(gap) / np.take_along_axis(expected, counted, axis=0)[:, None, :]


def dividend_stocks(ctx: KindContext) -> KindArrays:
    return _shareholding(ctx, EQUITIES)


def reit(ctx: KindContext) -> KindArrays:
    return _shareholding(ctx, REAL_ESTATE)


def index_fund(ctx: KindContext) -> KindArrays:
    """Total return split into a steady dividend yield and price growth; fee off the holding."""
    p = ctx.params
    price = ctx.market.gross(p["total_return"] - p["dividend_yield"], p["volatility"], EQUITIES,
                             payout=p["dividend_yield"])
    return KindArrays(growth=price * fee_factor(p["expense_ratio"]),
                      income_rate=np.broadcast_to(p["dividend_yield"] / 12.0, (1, 1, ctx.count)))


def robo_advisor(ctx: KindContext) -> KindArrays:
    """A rebalanced stock/bond blend: its shock is the normalized blend of the equity shock and the
    bond shock (bond prices fall when rates rise)."""
    p = ctx.params
    share = p["equity_share"]
    actual = ctx.market.actual
    if actual is not None and actual.bonds is not None and EQUITIES in actual.log_returns:
        growth = _actual_blend(ctx, share, p["dividend_yield"])
    elif not ctx.deterministic:
        rho = CORRELATION[EQUITIES, RATES]
        spread = np.sqrt(share**2 + (1 - share) ** 2 - 2 * share * (1 - share) * rho)
        blend = (share[None, None, :] * ctx.market.shocks[EQUITIES][:, :, None]
                 - (1 - share)[None, None, :] * ctx.market.shocks[RATES][:, :, None]) / np.maximum(spread, 1e-9)
        growth = np.empty_like(blend)
        for column in range(ctx.count):
            growth[:, :, column] = ctx.market.gross(p["expected_return"][column:column + 1] - p["dividend_yield"][
                column:column + 1], p["volatility"][column:column + 1], EQUITIES, blend[:, :, column])[:, :, 0]
    else:
        growth = ctx.market.gross(p["expected_return"] - p["dividend_yield"], p["volatility"], EQUITIES)
    fees = fee_factor(p["management_fee"]) * fee_factor(p["expense_ratio"])
    return KindArrays(growth=growth * fees, income_rate=np.broadcast_to(p["dividend_yield"] / 12.0, (1, 1, ctx.count)))


def _actual_blend(ctx: KindContext, share: np.ndarray, payout: np.ndarray) -> np.ndarray:
    """History as it happened: a monthly rebalanced blend of the table's stocks and bonds, less the
    yield paid out as income."""
    actual = ctx.market.actual
    assert actual is not None and actual.bonds is not None
    stocks = np.exp(actual.log_returns[EQUITIES])[:, :, None]
    bonds = np.exp(actual.bonds)[:, :, None]
    return (share * stocks + (1.0 - share) * bonds) * np.power(1.0 + payout, -1.0 / 12.0)


def p2p_lending(ctx: KindContext) -> KindArrays:
    """A steady book of amortizing loans: interest is income; repaid principal is lent again (it
    stays capital); the platform keeps its fee from every repayment; defaults rise when stocks fall;
    the platform itself may fail."""
    p = ctx.params
    rate = p["gross_rate"] / 12.0
    term = np.maximum(p["loan_term_months"], 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):  # the zero-rate case is the other branch
        payment = np.where(rate > 0, rate / (1.0 - np.power(1.0 + rate, -term)), 1.0 / term)
    principal_share = payment - rate
    defaults = np.minimum(monthly_probability(p["default_rate"]) * _default_cycle(ctx), 1.0)
    failure = 1.0 - ctx.market.events(p["platform_failure_probability"]) * p["platform_failure_loss"]
    growth = (1.0 - p["platform_fee"] * principal_share) * (1.0 - defaults * (1.0 - p["recovery_rate"])) * failure
    return KindArrays(growth=growth, income_rate=np.broadcast_to(rate * (1.0 - p["platform_fee"]), (1, 1, ctx.count)))


def real_estate_crowdfunding(ctx: KindContext) -> KindArrays:
    """Distributions at the target yield of the holding's value; the value moves with the
    real-estate market (appreciation and volatility on its shock) less fees; failed projects each
    take PROJECT_LOSS_SIZE of the capital, often enough to lose ``loss_rate`` a year on average."""
    p = ctx.params
    hits = ctx.market.monthly_events(p["loss_rate"] / (12.0 * PROJECT_LOSS_SIZE))
    value = ctx.market.gross(p["appreciation"], p["volatility"], REAL_ESTATE, own_mean=True)
    growth = value * fee_factor(p["fees"]) * (1.0 - PROJECT_LOSS_SIZE * hits)
    return KindArrays(growth=growth, income_rate=np.broadcast_to(p["target_yield"] / 12.0, (1, 1, ctx.count)),
                      liquid_from=p["lockup_months"])


def crypto_staking(ctx: KindContext) -> KindArrays:
    """Rewards in tokens at the APR less the service's cut; the token price swings; slashing
    removes a share of the stake. The stake cannot be withdrawn (nor rebalanced out) before
    ``lockup_months``, like crowdfunding's lock-up."""
    p = ctx.params
    price = ctx.market.gross(p["token_return"], p["volatility"], CRYPTO)
    slashed = 1.0 - ctx.market.events(p["slashing_probability"]) * p["slashing_loss"]
    return KindArrays(growth=price * slashed,
                      income_rate=np.broadcast_to(p["staking_apr"] * (1.0 - p["platform_fee"]) / 12.0,
                                                  (1, 1, ctx.count)),
                      liquid_from=p["lockup_months"])


def defi_lending(ctx: KindContext) -> KindArrays:
    """A variable supply rate around its mean (moving with crypto demand); fees off the balance;
    exploits and stablecoin depegs take their share."""
    p = ctx.params
    apy = _rate_path(ctx, p["mean_apy"], p["rate_volatility"], ctx.market.crypto_rate_factor, shifted=False)
    exploit = 1.0 - ctx.market.events(p["exploit_probability"]) * p["exploit_loss"]
    depeg = 1.0 - ctx.market.events(p["depeg_probability"]) * p["depeg_loss"]
    return KindArrays(growth=fee_factor(p["fees"]) * exploit * depeg, income_rate=monthly_rate(apy))


def liquidity_pool(ctx: KindContext) -> KindArrays:
    """A 50/50 constant-product pool of a volatile token and a stable one. With x*y = k the deposit
    is worth sqrt(price ratio) of its start value, against (1 + ratio)/2 held outside: the
    impermanent loss 2 sqrt(r)/(1 + r) - 1. Fees are steady; reward emissions decay each year."""
    p = ctx.params
    exploit = 1.0 - ctx.market.events(p["exploit_probability"]) * p["exploit_loss"]
    rewards = p["reward_apr"] * ctx.grow(-p["reward_decay"])
    if ctx.deterministic:  # E[sqrt(G)] of the lognormal monthly ratio: (1 + m)^(1/24) exp(-s^2/8)
        sigma = monthly_sigma(p["token_return"], p["price_ratio_volatility"])
        pool = np.power(1.0 + np.maximum(p["token_return"], -0.999), 1.0 / 24.0) * np.exp(-sigma**2 / 8.0)
    else:
        pool = np.sqrt(ctx.market.gross(p["token_return"], p["price_ratio_volatility"], CRYPTO))
    return KindArrays(growth=pool * exploit, income_rate=(p["fee_apr"] + rewards) / 12.0)


def _own_gross(ctx: KindContext, mean: np.ndarray, volatility: np.ndarray) -> np.ndarray:
    """Lognormal monthly gross returns on shocks of the streams' own, independent of every market
    class (drawn from the chunk's random stream, so a seed repeats them), mean (1 + mean)^(1/12)."""
    mean = np.maximum(np.asarray(mean, dtype=np.float64), -0.999)
    if ctx.deterministic:
        return np.broadcast_to(np.power(1.0 + mean, 1.0 / 12.0), (ctx.months, 1, ctx.count))
    sigma = monthly_sigma(mean, volatility)
    z = ctx.market.rng.standard_normal((ctx.months, ctx.paths, ctx.count))
    return np.exp(np.log1p(mean) / 12.0 - sigma * sigma / 2.0 + sigma * z)


def trading_bot(ctx: KindContext) -> KindArrays:
    """A market-neutral strategy earning its edge less fees, with its own volatility on a shock of
    its own. It stops for good - the rest kept as cash, taking no new money - once it falls
    ``stop_loss`` below its peak since it started, or fails; nothing happens to it before it starts."""
    p = ctx.params
    running = (ctx.local_month >= 0)[:, None, :]
    returns = np.where(running, _own_gross(ctx, p["excess_return"] - p["fees"], p["volatility"]), 1.0)
    failed = ctx.market.events(p["failure_probability"]) * running
    growth = np.array(returns * (1.0 - failed * p["failure_loss"]))
    if ctx.deterministic:
        return KindArrays(growth=growth)
    wealth = np.cumprod(growth, axis=0)
    peak = np.maximum(np.maximum.accumulate(wealth, axis=0), 1.0)
    stop = np.where(p["stop_loss"] > 0, wealth < peak * (1.0 - p["stop_loss"]), False) | (failed > 0)
    stopped = np.logical_or.accumulate(stop, axis=0)  # takes no money from the month it stops
    growth[1:][stopped[:-1]] = 1.0  # and holds cash from the next
    return KindArrays(growth=growth, closed=stopped)


def digital_collectibles(ctx: KindContext) -> KindArrays:
    """No income; a very volatile price; selling loses the liquidity haircut."""
    p = ctx.params
    return KindArrays(growth=ctx.market.gross(p["expected_return"], p["volatility"], CRYPTO),
                      exit_cost=p["liquidity_haircut"])
