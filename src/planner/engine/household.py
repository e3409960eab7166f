"""The household's month: streams pay, tax is charged, income is reinvested, pooled or paid out,
savings are split by the strategy, sleeves are rebalanced, FI is tested, and after FI the
household lives on the streams. Loops over months only; every step is vectorized over paths.

Money is nominal inside the loop; ``price_level`` turns it into today's money for the records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.domain.enums import FIRuleKind, IncomePolicy, Rebalancing, WithdrawalMethod
from planner.engine.assembly import ChunkStreams, StreamSchedule
from planner.engine.errors import RunCancelled
from planner.engine.inputs import POLICIES, Snapshot

#: Guardrails (after Guyton and Klinger, 2006): spending is cut 10 % when the withdrawal rate rises
#: above 120 % of the safe rate, and raised 10 % (never above planned expenses) below 80 %.
GUARDRAIL_UPPER, GUARDRAIL_LOWER, GUARDRAIL_STEP = 1.2, 0.8, 0.10
#: Months of income averaged when testing the FI rule, so one lucky month does not count as FI.
FI_TEST_MONTHS = 12
#: Below this much liquid money a household that cannot pay its expenses has run out.
EMPTY = 1.0


@dataclass
class ChunkRecord:
    """What one chunk leaves behind. Per path: yearly arrays are (paths, years)."""

    net_worth: np.ndarray
    net_worth_real: np.ndarray
    income: np.ndarray
    income_real: np.ndarray
    shortfall_real: np.ndarray
    price_level: np.ndarray  # average over each year's months, 1 at the plan start
    fi_month: np.ndarray  # -1: never
    ruin_month: np.ndarray  # -1: never ran out
    max_drawdown: np.ndarray
    stream_outcome_real: np.ndarray  # (paths, streams): real income received plus final value
    stream_income: np.ndarray  # (years, streams), summed over paths, nominal
    stream_income_real: np.ndarray  # (years, streams), summed over paths
    sleeve_value: np.ndarray  # (years, 3), summed over paths, nominal
    monthly: MonthlyRecord | None = None  # only when a monthly table was asked for
    market_shock: np.ndarray | None = None  # (paths, market classes) mean monthly shock, to explain outcomes


@dataclass
class MonthlyRecord:
    """Month-by-month figures, kept only on request (they cost 16 bytes per path and month)."""

    net_worth: np.ndarray  # (paths, months) float32, nominal, at each month's end
    net_worth_real: np.ndarray
    income: np.ndarray  # (paths, months) float32, passive income received in the month, nominal
    income_real: np.ndarray
    stream_income: np.ndarray  # (months, streams), summed over paths, nominal
    stream_income_real: np.ndarray  # (months, streams), at that month's prices

    @classmethod
    def empty(cls, paths: int, months: int, streams: int) -> MonthlyRecord:
        per_path = [np.zeros((paths, months), dtype=np.float32) for _ in range(4)]
        return cls(*per_path, np.zeros((months, streams)), np.zeros((months, streams)))


def allocation_weights(snap: Snapshot, schedule: StreamSchedule, reinvestable: np.ndarray) -> np.ndarray:
    """(months, streams): each month's share of new money per stream. Sleeve weights are spread
    over the sleeves that have a stream able to take money that month, then by stream weight."""
    takes = schedule.active & reinvestable[None, :] & (snap.weight[None, :] > 0)
    sleeve_onehot = np.eye(3)[snap.sleeve]  # (streams, 3)
    weight_in_sleeve = (takes * snap.weight[None, :]) @ sleeve_onehot  # (months, 3)
    open_sleeves = (weight_in_sleeve > 0) * snap.sleeve_weights[None, :]
    sleeve_total = open_sleeves.sum(axis=1, keepdims=True)
    sleeve_share = np.divide(open_sleeves, sleeve_total, out=np.zeros_like(open_sleeves), where=sleeve_total > 0)
    within = np.divide(takes * snap.weight[None, :], weight_in_sleeve @ sleeve_onehot.T,
                       out=np.zeros(takes.shape), where=takes)
    return within * (sleeve_share @ sleeve_onehot.T)


def run_household(snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams,
                  price_level: np.ndarray, weights: np.ndarray,
                  should_stop: Callable[[], bool] | None = None, monthly: bool = False) -> ChunkRecord:
    """Simulate one chunk (overflow shows as infinities, which the caller refuses). ``should_stop``
    is asked once per simulated year, so a cancelled run ends within milliseconds, not a chunk.
    ``monthly`` also keeps month-by-month figures (ChunkRecord.monthly)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _run(snap, schedule, streams, price_level, weights, should_stop, monthly)


def _run(snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams, price_level: np.ndarray,
         weights: np.ndarray, should_stop: Callable[[], bool] | None, monthly: bool) -> ChunkRecord:
    """Simulate one chunk. Streams are in engine order (fixed-income streams last); capital is
    held stream-major, (streams, paths), like the chunk's monthly arrays."""
    months, count = snap.months, snap.stream_count
    paths = price_level.shape[1]
    years = months // 12
    pooled_policy = (snap.policy == POLICIES.index(IncomePolicy.POOL)) | (
        (snap.policy == POLICIES.index(IncomePolicy.REINVEST)) & ~streams.reinvestable)
    routing = np.stack([streams.reinvests, pooled_policy, ~(streams.reinvests | pooled_policy)]).astype(np.float64)
    fixed = slice(count - streams.fixed.size, count)
    fixed_keep = (1.0 - snap.tax_rate[fixed])[:, None]
    sleeve_onehot = np.eye(3)[snap.sleeve]  # (streams, 3)
    liquid_value = streams.liquid * (1.0 - streams.exit_cost)[None, :]  # cash per unit of capital
    allocatable = schedule.active & streams.reinvestable[None, :] & streams.liquid
    target_sleeves, within_sleeve = _rebalance_targets(snap, allocatable, sleeve_onehot)
    starts_at = {m: np.flatnonzero(snap.start == m) for m in np.unique(snap.start) if 0 < m < months}
    # A stream is sold at the start of the month after its last one.
    sold_at = {m + 1: np.flatnonzero(snap.end == m) for m in np.unique(snap.end) if 0 <= m < months - 1}
    contributes = bool(snap.contribution.any())
    plus_withdrawals = snap.fi_rule is FIRuleKind.INCOME_PLUS_WITHDRAWALS
    method = snap.withdrawal_method
    rebalance_monthly = snap.rebalancing is Rebalancing.THRESHOLD
    threshold = snap.rebalance_threshold if rebalance_monthly else None
    expenses = snap.monthly_expenses * price_level  # (months + 1, paths), nominal
    savings = snap.monthly_savings * price_level

    takes_money = weights.any(axis=1)
    # fixed contributions go to streams that can hold money (property and businesses cannot)
    contributions = snap.contribution * schedule.active * streams.reinvestable
    weight_column = weights[:, :, None]
    capital = np.zeros((count, paths))
    first = (snap.start == 0) & schedule.active[0] & streams.reinvestable
    capital[first] = snap.starting_amount[first, None]
    cash = np.zeros(paths)
    fi = np.zeros(paths, dtype=bool)
    fi_month = np.full(paths, -1)
    ruin_month = np.full(paths, -1)
    spending_level = np.ones(paths)
    trailing = np.zeros((FI_TEST_MONTHS, paths))
    worth = np.empty((months, paths))
    net_income = np.empty((months, paths))
    shortfall = np.zeros((months, paths))
    year_stream = np.zeros((count, paths))
    outcome = np.zeros((count, paths))
    record = ChunkRecord(*(np.zeros((paths, years)) for _ in range(6)), fi_month, ruin_month, np.zeros(paths),
                         np.zeros((paths, count)), np.zeros((years, count)), np.zeros((years, count)),
                         np.zeros((years, 3)), MonthlyRecord.empty(paths, months, count) if monthly else None)

    for month in range(months):
        if should_stop is not None and month % 12 == 0 and should_stop():
            raise RunCancelled
        flow = cash
        cash = np.zeros(paths)
        if month in sold_at:
            rows = sold_at[month]
            flow = flow + (1.0 - streams.exit_cost[rows]) @ capital[rows]
            if streams.assets.size:
                flow += streams.asset_value[month - 1][np.isin(streams.assets, rows)].sum(axis=0)
            capital[rows] = 0.0
        if month in starts_at:
            rows = starts_at[month]
            capital[rows] += (snap.starting_amount[rows] * streams.reinvestable[rows])[:, None]
            flow = flow - float(np.sum(snap.starting_amount[rows] + streams.entry_cost[rows]))
        income = capital * streams.income_after_tax[month]
        capital *= streams.growth[month]  # reinvested income included
        total_costs = 0.0
        if streams.fixed.size:
            before_tax = streams.fixed_income[month]
            earned = np.maximum(before_tax, 0.0)
            costs = before_tax - earned  # losses are paid by the household, whatever the policy
            income[fixed] = earned * fixed_keep
            total_costs = costs.sum(axis=0)
            year_stream[fixed] += costs
        year_stream += income
        if record.monthly is not None:
            _record_stream_month(record.monthly, month, income, fixed, costs if streams.fixed.size else None,
                                 price_level[month])
        routed = routing @ income  # (3, paths): reinvested, pooled, paid out
        month_income = routed.sum(axis=0) + total_costs
        net_income[month] = month_income

        saving = ~fi if snap.stop_saving_at_fi else True
        flow = flow + total_costs + routed[1] + saving * savings[month]  # obligations and money in
        if contributes:
            capital += np.outer(contributions[month], saving * price_level[month])
        spending_gap = 0.0
        if fi.any():  # what paid-out income leaves of this month's spending (negative: a surplus)
            spending_gap = fi * (expenses[month] * spending_level - routed[2])
        if (flow < 0.0).any() or np.any(spending_gap > 0.0):
            flow = _draw_down(flow, spending_gap, capital, fi, liquid_value[month], streams.liquid[month], method,
                              snap, month, ruin_month, cash, shortfall[month])
        else:
            flow = flow - spending_gap
        if takes_money[month]:
            capital += weight_column[month] * flow
        else:
            cash += flow

        if snap.rebalancing is not Rebalancing.NONE and (rebalance_monthly or month % 12 == 11):
            _rebalance(capital, allocatable[month], sleeve_onehot, target_sleeves[month], within_sleeve[month],
                       threshold)

        trailing[month % FI_TEST_MONTHS] = month_income
        trailing_sum = trailing.sum(axis=0)  # summed afresh: a running sum drifts when incomes swing
        if not fi.all():
            average = trailing_sum / min(month + 1, FI_TEST_MONTHS)
            covered = expenses[month]
            if plus_withdrawals:
                covered = covered - snap.safe_withdrawal_rate / 12.0 * (liquid_value[month] @ capital)
            reached = ~fi & (average >= covered)
            fi_month[reached] = month
            fi |= reached
        if method is WithdrawalMethod.GUARDRAILS and fi.any():
            shortfall[month] += fi * (1.0 - spending_level) * snap.monthly_expenses * price_level[month]
            if month % 12 == 11:
                _adjust_guardrails(spending_level, fi, snap, liquid_value[month] @ capital,
                                   trailing_sum / FI_TEST_MONTHS, price_level[month])

        worth[month] = capital.sum(axis=0) + cash
        if month % 12 == 11:
            year = month // 12
            record.stream_income[year] = year_stream.sum(axis=1)
            year_stream /= price_level[max(month - 6, 0)]  # to today's money at mid-year prices
            record.stream_income_real[year] = year_stream.sum(axis=1)
            outcome += year_stream
            record.sleeve_value[year] = (sleeve_onehot.T @ capital).sum(axis=1)
            year_stream[:] = 0.0

    _summarize(record, worth, net_income, shortfall, price_level, streams)
    final_level = price_level[months - 1]
    outcome += capital * (1.0 - streams.exit_cost)[:, None] / final_level
    if streams.assets.size:
        outcome[streams.assets] += streams.asset_value[months - 1] / final_level
    record.stream_outcome_real[:] = outcome.T
    return record


def _summarize(record: ChunkRecord, worth: np.ndarray, net_income: np.ndarray, shortfall: np.ndarray,
               price_level: np.ndarray, streams: ChunkStreams) -> None:
    """Yearly figures and the worst drawdown from the monthly series, after the loop."""
    months = worth.shape[0]
    if streams.assets.size:
        worth += streams.asset_value.sum(axis=1)
    level = price_level[:months]
    real_worth = worth / level
    peak = np.maximum.accumulate(real_worth, axis=0)
    falls = np.divide(peak - real_worth, peak, out=np.zeros_like(peak), where=peak > 0)
    record.max_drawdown[:] = falls.max(axis=0)
    year_end = slice(11, months, 12)
    record.net_worth[:] = worth[year_end].T
    record.net_worth_real[:] = real_worth[year_end].T
    by_year = (-1, 12, worth.shape[1])
    record.price_level[:] = level.reshape(by_year).mean(axis=1).T
    record.income[:] = net_income.reshape(by_year).sum(axis=1).T
    record.income_real[:] = (net_income / level).reshape(by_year).sum(axis=1).T
    record.shortfall_real[:] = (shortfall / level).reshape(by_year).sum(axis=1).T
    if record.monthly is not None:
        record.monthly.net_worth[:] = worth.T
        record.monthly.net_worth_real[:] = real_worth.T
        record.monthly.income[:] = net_income.T
        record.monthly.income_real[:] = (net_income / level).T


def _record_stream_month(monthly: MonthlyRecord, month: int, income: np.ndarray, fixed: slice,
                         fixed_costs: np.ndarray | None, price: np.ndarray) -> None:
    """The month's result per stream (income, and losses of the fixed-income streams), summed over paths."""
    result = income.copy()
    if fixed_costs is not None:
        result[fixed] += fixed_costs
    monthly.stream_income[month] = result.sum(axis=1)
    monthly.stream_income_real[month] = (result / price[None, :]).sum(axis=1)


def _draw_down(flow: np.ndarray, spending_gap: np.ndarray | float, capital: np.ndarray, fi: np.ndarray,
               liquid_value: np.ndarray, liquid: np.ndarray, method: WithdrawalMethod, snap: Snapshot, month: int,
               ruin_month: np.ndarray, cash: np.ndarray, shortfall: np.ndarray) -> np.ndarray:
    """Sell liquid capital, pro rata, to cover the month. Obligations (purchases, losses, money
    owed) are covered first and without limit; what the money cannot cover is owed (cash goes
    negative) and repaid from later flows. Spending after FI comes second and only as far as the
    withdrawal method allows; the rest is spending the household goes without, and a household
    whose liquid money is gone has run out. Returns the money left to allocate."""
    sources = np.maximum(flow, 0.0) + np.maximum(-spending_gap, 0.0)
    obligations, spending = np.maximum(-flow, 0.0), np.maximum(spending_gap, 0.0)
    paid = np.minimum(obligations, sources)  # the month's own money pays obligations first
    owed = obligations - paid
    paid_spending = np.minimum(spending, sources - paid)
    spend = spending - paid_spending
    surplus = sources - paid - paid_spending
    available = liquid_value @ capital
    cover_owed = np.minimum(owed, available)
    allowed = _allowed_withdrawal(method, snap, available, spend)
    cover_spend = np.minimum(np.minimum(spend, allowed), available - cover_owed)
    take = cover_owed + cover_spend
    share = np.divide(take, available, out=np.zeros_like(take), where=available > 0)
    capital *= 1.0 - liquid[:, None] * share
    cash -= owed - cover_owed
    unmet = spend - cover_spend
    shortfall += unmet
    emptied = fi & (unmet > EMPTY) & (available - take < EMPTY) & (ruin_month < 0)
    ruin_month[emptied] = month
    return surplus


def _rebalance_targets(snap: Snapshot, allocatable: np.ndarray,
                       sleeve_onehot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Target sleeve weights (months, 3) over the sleeves holding a liquid stream with a weight,
    and each such stream's share of its sleeve (months, streams)."""
    weighted = allocatable * snap.weight[None, :]
    per_sleeve = weighted @ sleeve_onehot
    targets = (per_sleeve > 0) * snap.sleeve_weights[None, :]
    total = targets.sum(axis=1, keepdims=True)
    targets = np.divide(targets, total, out=np.zeros_like(targets), where=total > 0)
    sleeve_of_stream = per_sleeve @ sleeve_onehot.T
    within = np.divide(weighted, sleeve_of_stream, out=np.zeros_like(weighted), where=weighted > 0)
    return targets, within


def _allowed_withdrawal(method: WithdrawalMethod, snap: Snapshot, available: np.ndarray,
                        need: np.ndarray) -> np.ndarray:
    """How much capital a household past FI may draw this month."""
    if method is WithdrawalMethod.NONE:
        return np.zeros_like(need)
    if method is WithdrawalMethod.PERCENT_OF_PORTFOLIO:
        return snap.safe_withdrawal_rate / 12.0 * available
    return need


def _adjust_guardrails(level: np.ndarray, fi: np.ndarray, snap: Snapshot, available: np.ndarray,
                       income: np.ndarray, price: np.ndarray) -> None:
    """Once a year, move planned spending when the withdrawal rate crosses a guardrail."""
    spending = snap.monthly_expenses * price * level
    rate = np.divide(12.0 * np.maximum(spending - income, 0.0), available, out=np.full_like(available, np.inf),
                     where=available > 0)
    cut = fi & (rate > GUARDRAIL_UPPER * snap.safe_withdrawal_rate)
    raise_ = fi & (rate < GUARDRAIL_LOWER * snap.safe_withdrawal_rate)
    level[cut] *= 1.0 - GUARDRAIL_STEP
    level[raise_] = np.minimum(level[raise_] * (1.0 + GUARDRAIL_STEP), 1.0)


def _rebalance(capital: np.ndarray, allocatable: np.ndarray, sleeve_onehot: np.ndarray, target: np.ndarray,
               within: np.ndarray, threshold: float | None) -> None:
    """Move liquid capital between sleeves back to their target weights; streams keep their
    relative sizes inside a sleeve (an empty sleeve is filled by the strategy's stream weights)."""
    if not allocatable.any() or target.sum() <= 0.0:  # no stream with a weight: nowhere to move money
        return
    rows = np.flatnonzero(allocatable)
    held = capital[rows]
    onehot = sleeve_onehot[rows]  # (held streams, 3)
    sleeves = onehot.T @ held  # (3, paths)
    total = sleeves.sum(axis=0)
    wanted = target[:, None] * total[None, :]
    moving = total > 0
    if threshold is not None:
        share = np.divide(sleeves, total, out=np.zeros_like(sleeves), where=total > 0)
        moving &= np.abs(share - target[:, None]).max(axis=0) > threshold + 1e-12
        if not moving.any():
            return
    ratio = np.divide(wanted, sleeves, out=np.zeros_like(sleeves), where=sleeves > 0)
    refill = np.where(sleeves > 0, 0.0, wanted)
    rebalanced = held * (onehot @ ratio) + (onehot @ refill) * within[rows, None]
    capital[rows] = np.where(moving, rebalanced, held)
