"""Assemble one chunk's per-stream monthly arrays from the stream models.

Everything the household loop reads each month is laid out month-major, (months, paths, streams),
so month m of every path is one contiguous block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.domain.enums import IncomePolicy
from planner.engine.errors import OVERFLOW_MESSAGE, ProjectionError, RunCancelled
from planner.engine.inputs import POLICIES, Snapshot
from planner.engine.market import Market
from planner.engine.streams import FIXED_INCOME_KINDS, MODELS, KindContext


@dataclass
class StreamSchedule:
    """What does not depend on the market: when streams run and where savings go. Shared by all
    chunks of a run."""

    active: np.ndarray  # (months, streams) bool
    local_month: np.ndarray  # (months, streams) months since each stream started
    calendar_month: np.ndarray  # (months,) 0 = January

    @classmethod
    def of(cls, snap: Snapshot) -> StreamSchedule:
        months = np.arange(snap.months)[:, None]
        active = (months >= snap.start[None, :]) & (months <= snap.end[None, :])
        local = months - snap.start[None, :] + snap.age[None, :]
        calendar = (np.arange(snap.months) + snap.start_month - 1) % 12
        return cls(active, local, calendar)


@dataclass
class ChunkStreams:
    """The stream side of one chunk, already combined with each stream's tax and income policy.

    income_after_tax: (months, streams, paths), after-tax income per unit of capital.
    growth: (months, streams, paths), what a unit of capital becomes by the month's end, including
        reinvested after-tax income for streams that reinvest (income x (1 - tax) is never
        negative for capital, so reinvesting it folds into one factor).
    fixed_income: (months, len(fixed), paths) pre-tax money that does not scale with capital, for
        the streams in ``fixed``; zero outside their active months. asset_value likewise.
    sale_value: (months, len(sellable), paths) what selling each property would bring in a month,
        after selling costs and its mortgage; ``sellable`` lists them (a subset of ``assets``).
    """

    growth: np.ndarray
    income_after_tax: np.ndarray
    fixed: np.ndarray
    fixed_income: np.ndarray
    assets: np.ndarray
    asset_value: np.ndarray
    sellable: np.ndarray
    sale_value: np.ndarray
    kind_hours: np.ndarray  # (months, streams)
    entry_cost: np.ndarray  # (streams,)
    exit_cost: np.ndarray  # (streams,)
    liquid: np.ndarray  # (months, streams) bool
    reinvestable: np.ndarray  # (streams,) bool
    reinvests: np.ndarray  # (streams,) bool: reinvestable and its policy is to reinvest
    closed: np.ndarray | None = None  # (months, streams, paths) bool: stopped for good, takes no new money


class Buffers:
    """Big arrays reused from chunk to chunk, so memory is touched once per run, not per chunk."""

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype: type = np.float64) -> np.ndarray:
        size = int(np.prod(shape))
        array = self._arrays.get(name)
        if array is None or array.size < size or array.dtype != dtype:
            array = np.empty(size, dtype=dtype)
            self._arrays[name] = array
        return array[:size].reshape(shape)


#: Monte Carlo keeps the per-month stream arrays in float32 (7 significant digits) to halve their
#: memory and time; the household accumulates money in float64. Against float64 arrays the answer
#: (confident month, success, ruin, FI months) is the same and net worth moves by about 1e-5 of
#: itself over 59 years (docs/engine.md, "Precision"; tests/unit/engine/test_precision.py).
STREAM_DTYPE = np.float32


def assemble(snap: Snapshot, schedule: StreamSchedule, market: Market, buffers: Buffers,
             should_stop: Callable[[], bool] | None = None) -> ChunkStreams:
    """Run every kind's model and lay the results side by side. Streams must be ordered so that
    each kind's rows are contiguous and fixed-income streams come last (see ``engine_order``).
    ``should_stop`` is asked before each kind's model, the unit of work a cancel waits for."""
    months, paths, count = snap.months, market.paths, snap.stream_count
    dtype = np.float64 if market.deterministic else STREAM_DTYPE
    growth = buffers.get("growth", (months, count, paths), dtype)
    income = buffers.get("income", (months, count, paths), dtype)
    keep = 1.0 - snap.tax_rate
    reinvest_policy = snap.policy == POLICIES.index(IncomePolicy.REINVEST)
    fixed_parts: dict[int, np.ndarray] = {}
    asset_parts: dict[int, np.ndarray | float] = {}
    sale_parts: dict[int, np.ndarray | float] = {}
    kind_hours = np.zeros((months, count))
    entry_cost = np.zeros(count)
    exit_cost = np.zeros(count)
    liquid_from = np.zeros(count)
    reinvestable = np.ones(count, dtype=bool)
    closed: np.ndarray | None = None
    for group in snap.groups:
        if should_stop is not None and should_stop():
            raise RunCancelled
        rows = slice(int(group.rows[0]), int(group.rows[-1]) + 1)
        context = KindContext(market, group.params, schedule.local_month[:, rows], schedule.calendar_month,
                              snap.inflation)
        arrays = MODELS[group.kind](context)
        if arrays.income_rate is None:
            income[:, rows] = 0.0
        else:
            np.multiply(np.swapaxes(arrays.income_rate, 1, 2), keep[rows, None], out=income[:, rows])
        if arrays.growth is None:
            growth[:, rows] = 1.0
        else:
            growth[:, rows] = np.swapaxes(arrays.growth, 1, 2)
        if arrays.reinvestable and arrays.income_rate is not None and reinvest_policy[rows].any():
            growth[:, rows] += income[:, rows] * reinvest_policy[rows, None]
        for position, row in enumerate(range(rows.start, rows.stop)):
            if arrays.fixed_income is not None:
                fixed_parts[row] = arrays.fixed_income[:, :, position]
            if arrays.asset_value is not None:
                asset_parts[row] = arrays.asset_value[:, :, position]
            elif not arrays.reinvestable:
                asset_parts[row] = float(snap.starting_amount[row])
            if arrays.sale_value is not None:
                sale_parts[row] = arrays.sale_value[:, :, position]
            elif arrays.selling_cost is not None:
                sale_parts[row] = asset_parts[row] * (1.0 - float(arrays.selling_cost[position]))
        if arrays.hours is not None:
            kind_hours[:, rows] = arrays.hours
        for target, values in ((entry_cost, arrays.entry_cost), (exit_cost, arrays.exit_cost),
                               (liquid_from, arrays.liquid_from)):
            if values is not None:
                target[rows] = values
        reinvestable[rows] = arrays.reinvestable
        if arrays.closed is not None:
            if closed is None:
                closed = np.zeros((months, count, paths), dtype=bool)
            closed[:, rows] = np.swapaxes(arrays.closed, 1, 2)
    if not (np.isfinite(growth.sum(dtype=np.float64)) and np.isfinite(income.sum(dtype=np.float64))):
        raise ProjectionError(OVERFLOW_MESSAGE)
    fixed = np.array(sorted(fixed_parts), dtype=np.int64)
    if fixed.size and fixed[0] != count - fixed.size:
        raise AssertionError("fixed-income streams must come last; use engine_order()")
    assets = np.array(sorted(asset_parts), dtype=np.int64)
    fixed_income = _stack(buffers.get("fixed", (months, len(fixed), paths), dtype), fixed_parts, fixed,
                          schedule.active)
    asset_value = _stack(buffers.get("assets", (months, len(assets), paths), dtype), asset_parts, assets,
                         schedule.active)
    sellable = np.array(sorted(sale_parts), dtype=np.int64)
    sale_value = _stack(buffers.get("sales", (months, len(sellable), paths), dtype), sale_parts, sellable,
                        schedule.active)
    liquid = schedule.active & (schedule.local_month >= liquid_from[None, :])
    reinvests = reinvestable & reinvest_policy
    return ChunkStreams(growth, income, fixed, fixed_income, assets, asset_value, sellable, sale_value, kind_hours,
                        entry_cost, np.clip(exit_cost, 0.0, 1.0), liquid, reinvestable, reinvests, closed)


def engine_order(snap: Snapshot) -> np.ndarray:
    """Stream order the engine works in: kinds kept together (in order of first appearance) and
    the fixed-income kinds last, so both become plain slices."""
    first_seen = {kind: index for index, kind in reversed(list(enumerate(snap.kinds)))}
    return np.array(sorted(range(snap.stream_count),
                           key=lambda i: (snap.kinds[i] in FIXED_INCOME_KINDS, first_seen[snap.kinds[i]], i)),
                    dtype=np.int64)


def _stack(out: np.ndarray, parts: dict[int, np.ndarray | float], columns: np.ndarray,
           active: np.ndarray) -> np.ndarray:
    """Columns side by side, zero in months their stream is not active."""
    for position, column in enumerate(columns):
        out[:, position] = parts[int(column)]
    if columns.size:
        out *= active[:, columns, None]
        if not np.isfinite(out.sum(dtype=np.float64)):
            raise ProjectionError(OVERFLOW_MESSAGE)
    return out
