"""What the FI tests and the withdrawals read that does not depend on a path (PRODUCT.md section 1).

*Income covers costs* counts only sustainable real after-tax income: a capital stream's income less
the inflation and expected losses that erode its capital faster than its price grows (growth itself
never counts), and a business's or property's income scaled to its expected real level over the
rest of the plan (never above what it pays now; ended streams count nothing). *Income plus safe
withdrawals* counts that business and property income plus a safe withdrawal rate on liquid capital
net of debts and of purchases the plan has already committed to. Pensions and annuities that have
not started yet count as wealth (their expected real payments to come), but only once liquid capital
can also pay the spending the other income leaves until the first of them starts (the bridge); that
bridge is set aside before the rate applies. Once one pays, its income counts instead. Both come from the expected path
of the same plan (the deterministic run), computed once per run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.domain.catalogue import KINDS, Basis
from planner.engine.assembly import ChunkStreams
from planner.engine.inputs import Snapshot

#: Safe withdrawal rate by years of retirement left: 4 % for 30 years or fewer (Bengen 1994; the
#: Trinity study), 3.5 % for 40 and 3.25 % for 50 or more (Jeske, "The Ultimate Guide to Safe
#: Withdrawal Rates", earlyretirementnow.com, parts 1-3, 2016-2017), straight lines between.
SAFE_RATE_YEARS = (30.0, 40.0, 50.0)
SAFE_RATES = (0.04, 0.035, 0.0325)
#: Months in a row an FI test must hold before FI counts.
FI_TEST_MONTHS = 12


def safe_rate_for_years(years_left: np.ndarray | float) -> np.ndarray:
    """Yearly safe withdrawal rate for a retirement of ``years_left`` years."""
    return np.interp(years_left, SAFE_RATE_YEARS, SAFE_RATES)


def withdrawal_rates(snap: Snapshot) -> np.ndarray:
    """(months + 1,): the yearly withdrawal rate of a retirement that starts in each month (the
    plan's fixed rate, or the rate for the years left until the plan-until age)."""
    if snap.fixed_withdrawal_rate is not None:
        return np.full(snap.months + 1, snap.fixed_withdrawal_rate)
    return safe_rate_for_years((snap.months - np.arange(snap.months + 1)) / 12.0)


@dataclass(frozen=True)
class Expectations:
    """Per run, in engine stream order.

    erosion: (months, capital streams) share of a capital stream's value lost each month to
        inflation and expected losses beyond its expected price growth (0 when it keeps pace).
    fixed_ratio: (months, fixed streams) sustainable share of a business's or property's current
        income: its expected real income over the rest of the plan over its expected real income of
        the last 12 months, between 0 and 1 (1 while it earns nothing or loses money).
    committed: (months,) money that streams starting later will take (starting amount and entry
        cost), nominal as the plan states it.
    withdrawal_rate: (months + 1,) yearly safe rate of a retirement starting in each month.
    promised: (months,) the expected payments still to come of entitlements (pensions, annuities)
        that have paid nothing yet, after tax, in today's money at each month's expected prices.
    bridge_months: (months,) months from each month until the first of those pays (0: none waits).
    """

    erosion: np.ndarray
    fixed_ratio: np.ndarray
    committed: np.ndarray
    withdrawal_rate: np.ndarray
    promised: np.ndarray
    bridge_months: np.ndarray


def expectations(snap: Snapshot, expected: ChunkStreams, expected_prices: np.ndarray) -> Expectations:
    """From the expected path's streams (one path, deterministic) and its price level."""
    months, count = snap.months, snap.stream_count
    capital_rows = slice(0, count - expected.fixed.size)
    inflation = (expected_prices[1:months + 1, 0] / expected_prices[:months, 0])[:, None]
    price_growth = (expected.growth[:, capital_rows, 0].astype(np.float64)
                    - expected.income_after_tax[:, capital_rows, 0] * expected.reinvests[None, capital_rows])
    erosion = np.maximum(1.0 - price_growth / inflation, 0.0)

    fixed_ratio = np.ones((months, expected.fixed.size))
    promised, bridge = np.zeros(months), np.zeros(months)
    if expected.fixed.size:
        before_tax = expected.fixed_income[:, :, 0].astype(np.float64)
        calendar = (np.arange(months) + snap.start_month - 1) % 12
        rate = snap.expected_tax_rate[expected.fixed]
        real = after_tax_by_year(before_tax, rate, calendar) / expected_prices[:months]
        totals = np.concatenate([np.zeros((1, real.shape[1])), np.cumsum(real, axis=0)])
        month = np.arange(months)
        first = np.maximum(month - (FI_TEST_MONTHS - 1), 0)
        recent = (totals[month + 1] - totals[first]) / (month + 1 - first)[:, None]
        ahead = (totals[months] - totals[month]) / (months - month)[:, None]
        earning = recent > 1e-9
        ratio = np.divide(ahead, recent, out=np.ones_like(ahead), where=earning)
        fixed_ratio = np.where(earning, np.clip(ratio, 0.0, 1.0), 1.0)
        promised, bridge = _promised(snap, expected, real, totals, expected_prices)

    spend = snap.starting_amount + expected.entry_cost
    later = snap.start[None, :] > np.arange(months)[:, None]
    committed = (later * spend[None, :]).sum(axis=1)
    return Expectations(erosion, fixed_ratio, committed, withdrawal_rates(snap), promised, bridge)


def netted_tax(so_far: np.ndarray, with_month: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """This month's tax on a stream whose pre-tax result this calendar year was ``so_far`` before the
    month and ``with_month`` after it: the change in rate x max(year's result, 0), so losses are
    netted against the year's gains (negative: tax paid earlier this year comes back)."""
    return rate * (np.maximum(with_month, 0.0) - np.maximum(so_far, 0.0))


def after_tax_by_year(before_tax: np.ndarray, rate: np.ndarray, calendar: np.ndarray) -> np.ndarray:
    """(months, n) results after tax netted within each calendar year (``calendar``: 0 = January)."""
    after = np.empty_like(before_tax)
    so_far = np.zeros(before_tax.shape[1:])
    for month, result in enumerate(before_tax):
        if calendar[month] == 0:
            so_far = np.zeros_like(so_far)
        with_month = so_far + result
        after[month] = result - netted_tax(so_far, with_month, rate)
        so_far = with_month
    return after


def _promised(snap: Snapshot, expected: ChunkStreams, real: np.ndarray, totals: np.ndarray,
              prices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(months,) the real payments to come of entitlements that have paid nothing by each month,
    at that month's expected prices (a pension not yet drawn counts as wealth, not as income), and
    the months until the first of them pays."""
    months = real.shape[0]
    rows = [column for column, row in enumerate(expected.fixed)
            if KINDS[snap.kinds[row]].basis is Basis.ENTITLEMENT]
    if not rows:
        return np.zeros(months), np.zeros(months)
    unpaid = totals[:months, rows] <= 1e-9  # nothing received before the month
    ahead = totals[months, rows][None, :] - totals[:months, rows]
    promised = (unpaid * ahead).sum(axis=1) * prices[:months, 0]
    paying = real[:, rows] > 1e-9
    first = np.where(paying.any(axis=0), paying.argmax(axis=0), months)  # each one's first paying month
    month = np.arange(months)[:, None]
    waits = np.where(unpaid & (first[None, :] > month) & (ahead > 1e-9), first[None, :] - month, months)
    bridge = waits.min(axis=1)
    return promised, np.where(bridge >= months, 0, bridge).astype(np.float64)
