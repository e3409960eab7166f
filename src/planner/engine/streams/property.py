"""Stream models for property: a mortgaged rental and short-term rentals (a room, a car)."""

from __future__ import annotations

import numpy as np

from planner.domain.plan import Household, Stream
from planner.engine.market import REAL_ESTATE
from planner.engine.streams.base import KindArrays, KindContext

#: Share of maintenance that arrives as lumpy repairs rather than a steady monthly cost, and the
#: yearly chance of such a repair; its size keeps the yearly average at ``maintenance``.
REPAIR_SHARE = 0.3
REPAIR_PROBABILITY = 0.10
#: Days in an average month, and the month when short-term rental demand peaks (July).
DAYS_PER_MONTH = 365.25 / 12.0
PEAK_CALENDAR_MONTH = 6
#: Derived parameter of a rental (``rental_derive``): the stream's starting amount.
STARTING_AMOUNT = "starting_amount"


def mortgage_payment(principal: np.ndarray, monthly_rate: np.ndarray, payments: np.ndarray) -> np.ndarray:
    """Level payment of an amortizing loan: P r / (1 - (1 + r)^-n), or P / n without interest."""
    payments = np.maximum(payments, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        level = principal * monthly_rate / (1.0 - np.power(1.0 + monthly_rate, -payments))
    return np.where(monthly_rate > 0, level, principal / payments)


def mortgage_balance(principal: np.ndarray, monthly_rate: np.ndarray, payments: np.ndarray,
                     paid: np.ndarray) -> np.ndarray:
    """Balance after ``paid`` payments: P (1+r)^k - A ((1+r)^k - 1) / r, zero once repaid."""
    payment = mortgage_payment(principal, monthly_rate, payments)
    k = np.clip(paid, 0.0, payments)
    growth = np.power(1.0 + monthly_rate, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        balance = principal * growth - payment * (growth - 1.0) / monthly_rate
    balance = np.where(monthly_rate > 0, balance, principal - payment * k)
    return np.where(k >= payments, 0.0, np.maximum(balance, 0.0))


def rental_property(ctx: KindContext) -> KindArrays:
    """Rent collected when let, less management, maintenance (steady plus lumpy repairs), property
    tax, insurance and the mortgage payment; the household owns the equity, value minus loan.

    Price, rent and insurance are those of the purchase month. Rent growth and appreciation are
    nominal: expected inflation plus a real part. On each path the real part comes on top of the
    path's own inflation since the purchase, so the value and rent follow realised inflation and
    keep the entered growth at the expected inflation. A purchase after the plan starts costs the
    down payment and closing costs (the starting amount counts toward them, the rest is the entry
    cost); one held at the start costs nothing now and counts as its equity."""
    p = ctx.params
    months_owned = np.maximum(ctx.local_month, 0)[:, None, :].astype(np.float64)
    real_appreciation = ctx.market.gross(ctx.real_part(p["appreciation"]), p["volatility"], REAL_ESTATE,
                                         own_mean=True)
    already_owned = np.power(1.0 + p["appreciation"], np.maximum(ctx.local_month[0], 0) / 12.0)
    value = p["price"] * ctx.index_from_start(real_appreciation) * ctx.inflation_since_start() * already_owned
    loan = p["price"] * (1.0 - p["down_payment"])
    rate = p["mortgage_rate"] / 12.0
    payments = p["mortgage_term_years"] * 12.0
    payment = np.where(months_owned < payments, mortgage_payment(loan, rate, payments), 0.0)
    balance = mortgage_balance(loan, rate, payments, months_owned)
    let = 1.0 - ctx.market.monthly_events(p["vacancy"])
    rent = p["monthly_rent"] * ctx.nominal_index(p["rent_growth"]) * let * (1.0 - p["management_fee"])
    repairs = ctx.market.events(np.full(ctx.count, REPAIR_PROBABILITY))
    repair_size = REPAIR_SHARE * p["maintenance"] / REPAIR_PROBABILITY
    costs = value * ((1.0 - REPAIR_SHARE) * p["maintenance"] / 12.0 + repairs * repair_size + p["property_tax"] / 12.0)
    insurance = p["insurance"] / 12.0 * ctx.nominal_index(p["appreciation"])
    cash_flow = rent - costs - insurance - payment
    purchase = p["price"] * (p["down_payment"] + p["closing_costs"])
    return KindArrays(fixed_income=cash_flow, asset_value=value - balance,
                      sale_value=value * (1.0 - p["selling_cost"]) - balance,
                      entry_cost=purchase - p[STARTING_AMOUNT], reinvestable=False)


def rental_derive(stream: Stream, household: Household) -> dict[str, float]:
    """The registry's ``derive`` for a rental: its starting amount, which counts toward the cash
    its purchase costs (the model charges the rest as the entry cost)."""
    return {STARTING_AMOUNT: float(stream.starting_amount)}


def short_term_rental(ctx: KindContext) -> KindArrays:
    """Booked nights x nightly rate less the platform's fee, minus running costs and a cleaning
    cost per stay, all in today's money (worth the path's price level each month). Occupancy
    follows the seasons and a yearly random level; each stay costs hours for messages and cleaning."""
    p = ctx.params
    season = 1.0 + p["seasonality"] * np.cos(2.0 * np.pi * (ctx.calendar_month - PEAK_CALENDAR_MONTH) / 12.0)[:, None]
    occupancy = p["occupancy"] * season[:, None, :]
    if not ctx.deterministic:
        years = -(-ctx.months // 12)
        sigma = np.sqrt(np.log1p(p["occupancy_volatility"] ** 2))
        level = np.exp(sigma * ctx.market.rng.standard_normal((years, ctx.paths, ctx.count)) - sigma**2 / 2.0)
        occupancy = occupancy * np.repeat(level, 12, axis=0)[: ctx.months]
    nights = DAYS_PER_MONTH * np.clip(occupancy, 0.0, 1.0)
    stays = nights / np.maximum(p["average_stay_nights"], 1.0)
    income = nights * p["nightly_rate"] * (1.0 - p["platform_fee"]) - stays * p["cleaning_cost"] - p["running_cost"]
    expected_nights = DAYS_PER_MONTH * np.clip(p["occupancy"] * season, 0.0, 1.0)
    hours = expected_nights / np.maximum(p["average_stay_nights"], 1.0) * p["hours_per_booking"]
    return KindArrays(fixed_income=income * ctx.todays_money(), hours=hours, selling_cost=p["selling_cost"],
                      reinvestable=False)
