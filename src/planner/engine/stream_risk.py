"""Each stream's own yield and risk, for the risk-versus-yield chart.

Measured on a unit of the stream itself (the first chunk's per-unit arrays), not on the money the
plan happens to move into or out of it, so a savings account stays safe however much a fund's
rebalancing pours into it. Capital streams: yield is the yearly after-tax income per unit held,
risk the spread between paths of a year's total return. Streams paying fixed money (property,
businesses): yield is a year's income over the starting amount, risk the spread between paths of
a year's income plus the change in the property's value, over the starting amount (over the mean
income for a business with nothing put in). Pensions and annuities are measured in today's money:
an indexed pension is riskless, a level one carries the risk of the prices it does not follow.
Yield and risk are averaged over the years the stream runs (for a pension, the years it pays).
"""

from __future__ import annotations

import numpy as np

from planner.domain.catalogue import KINDS, Basis
from planner.engine.assembly import ChunkStreams, StreamSchedule
from planner.engine.inputs import Snapshot


def yield_and_risk(snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams,
                   price_level: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(yield, risk) per stream in the snapshot's order; yield is NaN where nothing is put in.
    ``price_level`` ((months + 1, paths)) puts entitlements in today's money."""
    months, count = snap.months, snap.stream_count
    years, paths = months // 12, streams.growth.shape[2]
    if count == 0:
        return np.zeros(0), np.zeros(0)
    span = slice(0, years * 12)
    yearly_active = schedule.active[span].reshape(years, 12, count).all(axis=1)  # (years, streams)
    income = streams.income_after_tax[span].astype(np.float64)
    paid = income * ~streams.reinvests[None, :, None]  # reinvested income is already in growth
    total = (streams.growth[span] + paid).reshape(years, 12, count, paths).prod(axis=1) - 1.0
    yearly_income = income.reshape(years, 12, count, paths).sum(axis=1)  # per unit held
    risk = _mean_over_active(total.std(axis=2), yearly_active)
    yield_rate = _mean_over_active(yearly_income.mean(axis=2), yearly_active)
    if streams.fixed.size:
        monthly = streams.fixed_income[span].astype(np.float64)
        entitled = np.array([KINDS[snap.kinds[row]].basis is Basis.ENTITLEMENT for row in streams.fixed])
        if price_level is not None and entitled.any():
            monthly[:, entitled] /= price_level[span][:, None, :]
        fixed = monthly.reshape(years, 12, streams.fixed.size, paths).sum(axis=1)
        active = yearly_active[:, streams.fixed]
        active[:, entitled] &= np.abs(fixed[:, entitled]).mean(axis=2) > 0  # a pension counts once it pays
        amount = snap.starting_amount[streams.fixed]
        result = fixed + _yearly_value_change(streams, span, years, paths)
        mean = fixed.mean(axis=2)
        # on the money put in, like a capital stream's return; a business with nothing put in is
        # measured against its own mean income
        scale = np.where(amount > 0, amount, np.abs(_mean_over_active(mean, active)))[None, :]
        spread = np.divide(result.std(axis=2), scale, out=np.zeros_like(mean), where=scale > 0)
        risk[streams.fixed] = _mean_over_active(spread, active)
        yearly = _mean_over_active(mean, active)
        yield_rate[streams.fixed] = np.divide(yearly, amount, out=np.full_like(yearly, np.nan), where=amount > 0)
    if paths == 1:
        risk[:] = 0.0  # one expected path has no spread
    return yield_rate, risk


def _mean_over_active(values: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Mean over the years a stream runs in full; zero for a stream that never does."""
    counts = active.sum(axis=0)
    sums = np.where(active, values, 0.0).sum(axis=0)
    return np.divide(sums, counts, out=np.zeros(values.shape[1]), where=counts > 0)


def _yearly_value_change(streams: ChunkStreams, span: slice, years: int, paths: int) -> np.ndarray:
    """(years, fixed streams, paths): how much each fixed stream's asset (a property) gained in
    value over each year; zero for streams without one."""
    change = np.zeros((years, streams.fixed.size, paths))
    for column, row in enumerate(streams.fixed):
        found = np.flatnonzero(streams.assets == row)
        if found.size:
            value = streams.asset_value[span, found[0]].astype(np.float64).reshape(years, 12, paths)[:, -1]
            change[:, column] = np.diff(value, axis=0, prepend=streams.asset_value[0, found[0]][None, :])
    return change
