"""Stream models for money invested in markets: savings, CDs, bonds, funds, lending, crypto.

Equations and the sources of their defaults are in docs/engine.md, one section per kind.
"""

from __future__ import annotations

import numpy as np

from planner.engine.market import CORRELATION, CRYPTO, EQUITIES, RATES, REAL_ESTATE, monthly_probability, monthly_sigma
from planner.engine.streams.base import KindArrays, KindContext, fee_factor, monthly_rate, permanent

#: Loss events of real-estate crowdfunding: one failed project in a portfolio of five.
PROJECT_LOSS_SIZE = 0.20
#: Half-life in months of the gap between a dividend payer's yield and its usual level after a
#: market surprise (dividends follow earnings with a lag of one to two years).
DIVIDEND_CATCH_UP_MONTHS = 18
#: How strongly loan defaults rise when stocks fall: defaults x exp(-k z - k^2/2), mean 1.
DEFAULT_CYCLE_SENSITIVITY = 0.5


def _rate_path(ctx: KindContext, level: np.ndarray, drift: np.ndarray, factor: np.ndarray,
               shifted: bool = True) -> np.ndarray:
    """A yearly rate that moves with a mean-reverting factor, floored at zero: (months, paths, n).
    ``shifted`` market rates also follow the path's inflation (Fisher: a real rate plus expected
    inflation) and the market's rate shift (a stress test); crypto rates do neither."""
    if not shifted:
        return np.maximum(level + factor[:, :, None] * drift, 0.0)
    shift = ctx.market.rate_shift[:, None, None] + ctx.market.rate_inflation[:, :, None]
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
    factor = ctx.market.rate_factor
    yields = _rate_path(ctx, p["bond_yield"], p["rate_volatility"], factor)
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
    price = ctx.market.gross(p["price_return"], p["volatility"], shock_class)
    running = (ctx.local_month >= 0)[:, None, :]
    cuts = permanent(ctx.market.events(p["cut_probability"]) * running, p["cut_size"])
    ratio = ctx.grow(p["dividend_growth"]) * cuts / ctx.grow(p["price_return"])
    if not ctx.deterministic:
        sigma = monthly_sigma(p["price_return"], p["volatility"])
        expected_log = np.log1p(np.maximum(p["price_return"], -0.999)) / 12.0 - ctx.market.log_mgf(sigma, shock_class)
        # the part of each month's move nobody expected (mean zero); none before a stream starts,
        # so each stream starts at its usual yield
        surprise = (np.log(price) - expected_log) * running
        keep = 0.5 ** (1.0 / DIVIDEND_CATCH_UP_MONTHS)
        lag = np.empty_like(surprise)
        level = np.zeros(surprise.shape[1:])
        for month in range(ctx.months):
            lag[month] = level
            level *= keep
            level += surprise[month]
        ratio = ratio * np.exp(-lag)
    growth = price * fee_factor(p["expense_ratio"])
    return KindArrays(growth=growth, income_rate=p["dividend_yield"] / 12.0 * ratio)


def dividend_stocks(ctx: KindContext) -> KindArrays:
    return _shareholding(ctx, EQUITIES)


def reit(ctx: KindContext) -> KindArrays:
    return _shareholding(ctx, REAL_ESTATE)


def index_fund(ctx: KindContext) -> KindArrays:
    """Total return split into a steady dividend yield and price growth; fee off the holding."""
    p = ctx.params
    price = ctx.market.gross(p["total_return"] - p["dividend_yield"], p["volatility"], EQUITIES)
    return KindArrays(growth=price * fee_factor(p["expense_ratio"]),
                      income_rate=np.broadcast_to(p["dividend_yield"] / 12.0, (1, 1, ctx.count)))


def robo_advisor(ctx: KindContext) -> KindArrays:
    """A rebalanced stock/bond blend: its shock is the normalized blend of the equity shock and the
    bond shock (bond prices fall when rates rise)."""
    p = ctx.params
    share = p["equity_share"]
    if not ctx.deterministic:
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
    """Distributions at the target yield; value drifts with appreciation less fees; failed projects
    each take PROJECT_LOSS_SIZE of the capital, often enough to lose ``loss_rate`` a year on average."""
    p = ctx.params
    hits = ctx.market.monthly_events(p["loss_rate"] / (12.0 * PROJECT_LOSS_SIZE))
    growth = np.power(1.0 + p["appreciation"], 1.0 / 12.0) * fee_factor(p["fees"]) * (1.0 - PROJECT_LOSS_SIZE * hits)
    return KindArrays(growth=growth, income_rate=np.broadcast_to(p["target_yield"] / 12.0, (1, 1, ctx.count)),
                      liquid_from=p["lockup_months"])


def crypto_staking(ctx: KindContext) -> KindArrays:
    """Rewards in tokens at the APR less the service's cut; the token price swings; slashing
    removes a share of the stake."""
    p = ctx.params
    price = ctx.market.gross(p["token_return"], p["volatility"], CRYPTO)
    slashed = 1.0 - ctx.market.events(p["slashing_probability"]) * p["slashing_loss"]
    return KindArrays(growth=price * slashed,
                      income_rate=np.broadcast_to(p["staking_apr"] * (1.0 - p["platform_fee"]) / 12.0,
                                                  (1, 1, ctx.count)))


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


def trading_bot(ctx: KindContext) -> KindArrays:
    """A market-neutral strategy earning its edge less fees, with its own volatility. It stops for
    good - the rest kept as cash - once it falls ``stop_loss`` below its peak or fails."""
    p = ctx.params
    returns = ctx.market.gross(p["excess_return"] - p["fees"], p["volatility"], EQUITIES)
    failed = ctx.market.events(p["failure_probability"])
    growth = np.array(returns * (1.0 - failed * p["failure_loss"]))
    if ctx.deterministic:
        return KindArrays(growth=growth)
    wealth = np.cumprod(growth, axis=0)
    peak = np.maximum(np.maximum.accumulate(wealth, axis=0), 1.0)
    stop = np.where(p["stop_loss"] > 0, wealth < peak * (1.0 - p["stop_loss"]), False) | (failed > 0)
    stopped = np.logical_or.accumulate(stop, axis=0)
    growth[1:][stopped[:-1]] = 1.0
    return KindArrays(growth=growth)


def digital_collectibles(ctx: KindContext) -> KindArrays:
    """No income; a very volatile price; selling loses the liquidity haircut."""
    p = ctx.params
    return KindArrays(growth=ctx.market.gross(p["expected_return"], p["volatility"], CRYPTO),
                      exit_cost=p["liquidity_haircut"])
