"""Stream models for entitlements: a state pension, a workplace (defined-benefit) pension and an
annuity bought with capital.

Each pays ``fixed_income`` in nominal money and holds nothing the household can sell or add to.
A payment is followed through three steps, the same for all three kinds:

- **Indexation.** An amount entered in today's money keeps that value until the first payment, so
  it is worth amount x P(first) then (P the path's own price level, 1 at the plan start); from then
  on it grows by ``indexation`` x each month's inflation: nominal(m) = nominal(first) x
  (P(m) / P(first))^indexation. 100 % is exactly flat in today's money, 0 exactly flat in money.
  An annuity's payment is fixed in the money of its purchase instead (price x rate / 12).
- **Survivor.** After December of the owner's last year (birth year + plan-until age) only
  ``survivor_share`` is paid, while the plan runs on for the other adult.
- **Haircut.** On each path, with probability ``haircut_probability`` (drawn once per path and
  stream), every payment from January of ``haircut_year`` on is cut by ``haircut_size`` for good;
  the deterministic run cuts by the expected share, probability x size.

The models see only months since each stream started, so the ages are turned into such months by
``derive`` (the registry's hook that reads the household when the snapshot is made).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.domain.catalogue import OWNER
from planner.domain.plan import Household, Stream
from planner.engine.streams.base import KindArrays, KindContext

#: Derived parameters, in months since the stream's start (``KindContext.local_month``).
FIRST_PAYMENT = "first_payment_month"  # the month of the first payment
OWNER_LAST = "owner_last_month"  # December of the owner's last year; the survivor's share after it
HAIRCUT_FROM = "haircut_month"  # January of the year a benefit cut can apply from
PRICE = "price"  # what an annuity cost: the stream's starting amount
#: An annuity pays in arrears: its first payment comes the month after it is bought.
ANNUITY_FIRST_PAYMENT = 1


def derive_from(age_key: str | None) -> Callable[[Stream, Household], dict[str, float]]:
    """The registry's ``derive`` for a kind whose payments start at the owner's ``age_key``
    parameter (None: an annuity, paying from the month after its purchase)."""

    def derive(stream: Stream, household: Household) -> dict[str, float]:
        owner = household.adult(int(stream.param(OWNER)))
        start = stream.start.index
        if age_key is None:
            first = ANNUITY_FIRST_PAYMENT
        else:
            first = (owner.birth_year + int(stream.param(age_key))) * 12 - start
        return {
            FIRST_PAYMENT: float(first),
            OWNER_LAST: float(owner.last_year * 12 + 11 - start),
            HAIRCUT_FROM: float(int(stream.param("haircut_year")) * 12 - start),
            PRICE: float(stream.starting_amount),
        }

    return derive


def _paying(ctx: KindContext) -> np.ndarray:
    """(months, n) True in the months a stream pays: from its first payment, never before the
    stream itself starts (a pension already in payment pays from the stream's start)."""
    return ctx.local_month >= np.maximum(ctx.params[FIRST_PAYMENT], 0.0)[None, :]


def _indexed(ctx: KindContext, paying: np.ndarray, todays_money: bool) -> np.ndarray:
    """(months, paths, n) nominal value of one unit of payment: P(first) (when ``todays_money``)
    times (P(m) / P(first))^indexation, with P each path's price level and ``first`` the first
    month the stream pays in the plan."""
    log_level = np.log(ctx.market.price_level[: ctx.months])  # (months, paths)
    first = np.argmax(paying, axis=0)  # 0 for a stream that never pays: it is zero anyway
    at_first = log_level[first].T[None, :, :]  # (1, paths, n)
    growth = ctx.params["indexation"] * (log_level[:, :, None] - at_first)
    return np.exp(growth + at_first) if todays_money else np.exp(growth)


def _survivor(ctx: KindContext) -> np.ndarray:
    """(months, 1, n): 1 while the owner's plan runs, the survivor's share after it."""
    after = ctx.local_month > ctx.params[OWNER_LAST][None, :]
    return np.where(after, ctx.params["survivor_share"][None, :], 1.0)[:, None, :]


def _haircut(ctx: KindContext) -> np.ndarray:
    """(months, paths or 1, n): 1 - size on the paths cut from the haircut month on, else 1. The
    draw is made whatever the chance, so changing it never shifts another stream's random draws."""
    p = ctx.params
    if ctx.deterministic:
        hit = p["haircut_probability"][None, :]
    else:
        hit = (ctx.market.rng.random((ctx.paths, ctx.count)) < p["haircut_probability"][None, :]).astype(np.float64)
    cut = (ctx.local_month >= p[HAIRCUT_FROM][None, :])[:, None, :]
    return 1.0 - cut * (hit * p["haircut_size"][None, :])[None, :, :]


def _benefit(ctx: KindContext, payment: np.ndarray) -> KindArrays:
    """A stream's arrays from its nominal payment before the survivor's share and any cut."""
    income = payment * _survivor(ctx) * _haircut(ctx)
    return KindArrays(fixed_income=income, asset_value=np.zeros((ctx.months, 1, ctx.count)), reinvestable=False)


def claim_factor(claim_age: np.ndarray, full_age: np.ndarray, early: np.ndarray, late: np.ndarray) -> np.ndarray:
    """Share of the full amount paid when claimed at ``claim_age``: 1 - early x years early, or
    1 + late x years late (never below zero)."""
    years = claim_age - full_age
    return np.maximum(1.0 - early * np.maximum(-years, 0.0) + late * np.maximum(years, 0.0), 0.0)


def state_pension(ctx: KindContext) -> KindArrays:
    """The amount at the full age, adjusted for claiming early or late, from January of the year
    the owner turns the claim age."""
    p = ctx.params
    paying = _paying(ctx)
    amount = p["monthly_amount"] * claim_factor(p["claim_age"], p["full_age"], p["early_reduction"],
                                                p["late_increase"])
    return _benefit(ctx, amount * _indexed(ctx, paying, todays_money=True) * paying[:, None, :])


def workplace_pension(ctx: KindContext) -> KindArrays:
    """The pension less the share given up, from January of the year the owner turns the start
    age; in the month of the first payment also the lump sum, share x 12 x pension x factor (not
    when the pension was already being paid when the stream or the plan started)."""
    p = ctx.params
    paying = _paying(ctx)
    pension = p["monthly_amount"] * _indexed(ctx, paying, todays_money=True)
    first = ((ctx.local_month == p[FIRST_PAYMENT][None, :]) & (p[FIRST_PAYMENT] >= 0.0)[None, :])[:, None, :]
    lump_sum = p["lump_sum_share"] * 12.0 * p["commutation_factor"] * first
    return _benefit(ctx, pension * ((1.0 - p["lump_sum_share"]) * paying[:, None, :] + lump_sum))


def annuity(ctx: KindContext) -> KindArrays:
    """Price x payout rate / 12 from the month after purchase, in the money of that month, then
    indexed. The price is the starting amount, paid in the stream's start month like any purchase
    (one starting with the plan is already owned; one bought before it pays from its first month)."""
    p = ctx.params
    paying = _paying(ctx)
    payment = p[PRICE] * p["payout_rate"] / 12.0 * _indexed(ctx, paying, todays_money=False)
    return _benefit(ctx, payment * paying[:, None, :])
