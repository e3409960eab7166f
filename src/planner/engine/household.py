"""The household's month: streams pay, tax is charged, income is reinvested, pooled or paid out;
until its stop month the household saves and the strategy splits the savings, from then on it
lives on its streams and draws on its capital. Loops over months only; every step is vectorized
over paths.

Each path has its own stop month: one month for every path (the projection at the target age, or
``simulate --stop-at``), the month after the FI test has held for 12 months in a row (following
the FI rule), or the stop-month search's candidates. A full run keeps the yearly record the charts
and tables read; a lean run keeps only each path's outcome.

No money from nowhere (PRODUCT.md section 1): what liquid money cannot pay is owed, at the plan's
overdraft rate; property is sold at its end month, or as a last resort when liquid money cannot
pay a month, at its simulated value less selling costs and the mortgage.

Money is nominal inside the loop; ``price_level`` turns it into today's money for the records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.domain.enums import FIRuleKind, IncomePolicy, Rebalancing, WithdrawalMethod
from planner.engine.arrays import all_set, any_set
from planner.engine.assembly import ChunkStreams, StreamSchedule
from planner.engine.errors import RunCancelled
from planner.engine.fi_tests import FI_TEST_MONTHS, Expectations, netted_tax
from planner.engine.inputs import POLICIES, Snapshot
from planner.engine.ledger import TaxLedger
from planner.engine.tax import ACCOUNT_TYPES

#: Guardrails (after Guyton and Klinger, 2006): spending is cut 10 % when the withdrawal rate rises
#: above 120 % of the safe rate, and raised 10 % (never above planned expenses) below 80 %.
GUARDRAIL_UPPER, GUARDRAIL_LOWER, GUARDRAIL_STEP = 1.2, 0.8, 0.10
#: Below this much liquid money a household that cannot pay its spending has run out; shortfalls
#: below it are rounding, not failure.
EMPTY = 1.0


@dataclass
class PathOutcome:
    """What each path of a run came to, (paths,) unless said otherwise.

    stop_month: the month saving stopped (``months`` or more: it never did within the plan).
    fail_month: the first month after the stop whose paid spending fell short of planned spending
        by more than the shortfall tolerance (-1: never; success).
    ruin_month: the first month after the stop that liquid money was gone, nothing was left to sell
        and spending went unpaid (-1: never).
    fi_month: the month the FI test had held for 12 months in a row (-1: never, or not tested).
    sold_month: (sellable streams, paths) month a property was sold as a last resort (-1: never).
    finite: the path's money stayed within float64 to the end (a lean run keeps no record its caller
        could check for infinities, so it says so here).
    """

    stop_month: np.ndarray
    fail_month: np.ndarray
    ruin_month: np.ndarray
    fi_month: np.ndarray
    sold_month: np.ndarray
    finite: np.ndarray

    @property
    def success(self) -> np.ndarray:
        return self.fail_month < 0


@dataclass
class ChunkRecord:
    """What a full run of one chunk leaves behind. Per path: yearly arrays are (paths, years)."""

    net_worth: np.ndarray
    net_worth_real: np.ndarray
    income: np.ndarray
    income_real: np.ndarray
    shortfall_real: np.ndarray
    price_level: np.ndarray  # average over each year's months, 1 at the plan start
    max_drawdown: np.ndarray
    stream_outcome_real: np.ndarray  # (paths, streams): real income received plus final value
    stream_income: np.ndarray  # (years, streams), summed over paths, nominal
    stream_income_real: np.ndarray  # (years, streams), summed over paths
    stream_sales_real: np.ndarray  # (years, streams), property sale proceeds summed over paths, today's money
    sleeve_value: np.ndarray  # (years, 3), summed over paths, nominal
    work_income_real: np.ndarray  # (years,) pay for work, summed over paths, today's money
    events_real: np.ndarray  # (years,) one-off windfalls less costs, summed over paths, today's money
    tax_paid_real: np.ndarray  # (paths, years) tax paid in the year (withheld and settled), today's money
    penalty_real: np.ndarray  # (paths, years) early-withdrawal penalties among it
    taxable_real: np.ndarray  # (paths, years) capital in taxable accounts at the year's end, today's money
    deferred_real: np.ndarray  # (paths, years) in tax-deferred accounts
    free_real: np.ndarray  # (paths, years) in tax-free accounts
    outcome: PathOutcome
    monthly: MonthlyRecord | None = None  # only when a monthly table was asked for
    market_shock: np.ndarray | None = None  # (paths, market classes) mean monthly shock, to explain outcomes

    @classmethod
    def empty(cls, *, paths: int, years: int, streams: int, outcome: PathOutcome,
              monthly: MonthlyRecord | None) -> ChunkRecord:
        """Zeros for a run to fill in; ``outcome`` is the run's own (filled as it goes)."""
        def yearly() -> np.ndarray:
            return np.zeros((paths, years))

        return cls(net_worth=yearly(), net_worth_real=yearly(), income=yearly(), income_real=yearly(),
                   shortfall_real=yearly(), price_level=yearly(), max_drawdown=np.zeros(paths),
                   stream_outcome_real=np.zeros((paths, streams)), stream_income=np.zeros((years, streams)),
                   stream_income_real=np.zeros((years, streams)), stream_sales_real=np.zeros((years, streams)),
                   sleeve_value=np.zeros((years, 3)), work_income_real=np.zeros(years), events_real=np.zeros(years),
                   tax_paid_real=yearly(), penalty_real=yearly(), taxable_real=yearly(), deferred_real=yearly(),
                   free_real=yearly(),
                   outcome=outcome, monthly=monthly)


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
        def per_path() -> np.ndarray:
            return np.zeros((paths, months), dtype=np.float32)

        return cls(net_worth=per_path(), net_worth_real=per_path(), income=per_path(), income_real=per_path(),
                   stream_income=np.zeros((months, streams)), stream_income_real=np.zeros((months, streams)))


@dataclass(frozen=True)
class StopPolicy:
    """When each path stops saving: ``months`` (paths,) as given, and on the paths ``follows``
    marks ((paths,) bool; None: none) also the month after the FI test has held for 12 months in
    a row."""

    months: np.ndarray
    follows: np.ndarray | None = None

    @property
    def follow_rule(self) -> bool:
        """Some path follows the FI rule."""
        return self.follows is not None

    @classmethod
    def at(cls, month: int, paths: int) -> StopPolicy:
        return cls(np.full(paths, month, dtype=np.int64))

    @classmethod
    def by_rule(cls, paths: int, never: int) -> StopPolicy:
        return cls(np.full(paths, never, dtype=np.int64), np.ones(paths, dtype=bool))

    @classmethod
    def side_by_side(cls, *policies: StopPolicy) -> StopPolicy:
        """The policies of copies of a chunk's paths laid side by side (``batched_runs.tiled``)."""
        follows = None
        if any(policy.follow_rule for policy in policies):
            follows = np.concatenate([np.zeros(policy.months.size, dtype=bool) if policy.follows is None
                                      else policy.follows for policy in policies])
        return cls(np.concatenate([policy.months for policy in policies]), follows)


@dataclass
class PathState:
    """Every path's state between months, (paths,) unless said otherwise. The household's month
    steps read the run's constants and change only this.

    capital: (streams, paths) money held in each stream, nominal.
    cash: money not yet invested (positive) or owed (negative).
    stop: the month each path stops saving; following the FI rule moves it earlier. It is
        ``outcome.stop_month`` (the same array).
    rate_at_stop: the safe withdrawal rate at each path's stop month.
    spending_level: the share of planned spending the guardrails allow (1 without them).
    trailing_income: (FI_TEST_MONTHS, paths) the last months' income, for the guardrails.
    fixed_alive: (fixed-income streams, paths) 1 while the stream pays, 0 once it is sold.
    year_result: (fixed-income streams, paths) each one's pre-tax result so far this calendar
        year, so its losses are netted against its gains before tax.
    holds_property: some property is not yet sold.
    outcome: what each path has come to so far.
    fi_held, trailing_capital_income, trailing_fixed_income: the FI rule's test (months in a row
        it has held, and the income it averages); only when following the rule.
    """

    capital: np.ndarray
    cash: np.ndarray
    stop: np.ndarray
    rate_at_stop: np.ndarray
    spending_level: np.ndarray
    trailing_income: np.ndarray
    fixed_alive: np.ndarray
    holds_property: np.ndarray
    outcome: PathOutcome
    year_result: np.ndarray | None = None
    fi_held: np.ndarray | None = None
    trailing_capital_income: np.ndarray | None = None
    trailing_fixed_income: np.ndarray | None = None

    @classmethod
    def start(cls, snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams, expect: Expectations,
              stop: StopPolicy) -> PathState:
        """The state before the first month: streams held from the start hold their starting amount."""
        months, count, paths = snap.months, snap.stream_count, stop.months.size
        stop_month = stop.months.copy()
        capital = np.zeros((count, paths))
        first = (snap.start == 0) & schedule.active[0] & streams.reinvestable
        capital[first] = snap.starting_amount[first, None]
        outcome = PathOutcome(stop_month=stop_month, fail_month=np.full(paths, -1), ruin_month=np.full(paths, -1),
                              fi_month=np.full(paths, -1), sold_month=np.full((streams.sellable.size, paths), -1),
                              finite=np.ones(paths, dtype=bool))
        state = cls(capital=capital, cash=np.zeros(paths), stop=stop_month,
                    rate_at_stop=expect.withdrawal_rate[np.minimum(stop_month, months)],
                    spending_level=np.ones(paths), trailing_income=np.zeros((FI_TEST_MONTHS, paths)),
                    fixed_alive=np.ones((streams.fixed.size, paths)),
                    holds_property=np.full(paths, streams.sellable.size > 0), outcome=outcome,
                    year_result=np.zeros((streams.fixed.size, paths)))
        if stop.follow_rule:
            state.fi_held = np.zeros(paths, dtype=np.int64)
            state.trailing_capital_income = np.zeros((FI_TEST_MONTHS, paths))
            state.trailing_fixed_income = np.zeros((FI_TEST_MONTHS, paths))
        return state


@dataclass(frozen=True)
class _Earned:
    """What the streams paid in one month, before it is spent, (paths,) unless said otherwise.

    income: (streams, paths) after tax; a fixed-income stream's loss shows as zero income.
    routed: (3, paths) that income reinvested, pooled for the allocator, paid out.
    costs: the fixed-income streams' losses, paid by the household (0.0 when there are none).
    fixed_costs: (fixed-income streams, paths) those losses per stream (None: no such stream).
    capital_income: capital income the FI rule counts, net of erosion (None: not following it).
    """

    income: np.ndarray
    routed: np.ndarray
    costs: np.ndarray | float
    fixed_costs: np.ndarray | None
    capital_income: np.ndarray | None

    def fixed_value(self, fixed: slice, paths: int) -> np.ndarray:
        """(fixed-income streams, paths) each one's result before its losses were split off."""
        if self.fixed_costs is None:
            return np.zeros((0, paths))
        return self.income[fixed] + self.fixed_costs


def planned_spending(snap: Snapshot) -> np.ndarray:
    """(months + 1,) planned spending a month in today's money: the expenses plus the spending
    phases, never below zero (the extra month is the one after the plan, for the records)."""
    phases = snap.life.phase_spending
    return np.maximum(snap.monthly_expenses + np.append(phases, phases[-1]), 0.0)


def allocation_weights(snap: Snapshot, schedule: StreamSchedule, reinvestable: np.ndarray) -> np.ndarray:
    """(months, streams): each month's share of new money per stream. Sleeve weights are spread
    over the sleeves that have a stream able to take money that month, then by stream weight."""
    takes = schedule.active & reinvestable[None, :] & (snap.weight[None, :] > 0)
    return split_new_money(snap, takes)


def split_new_money(snap: Snapshot, takes: np.ndarray) -> np.ndarray:
    """(..., streams) share of new money per stream among those that ``takes`` ((..., streams)
    bool) it: by sleeve weight over the sleeves holding such a stream, then by stream weight."""
    sleeve_onehot = np.eye(3)[snap.sleeve]  # (streams, 3)
    weight_in_sleeve = (takes * snap.weight) @ sleeve_onehot  # (..., 3)
    open_sleeves = (weight_in_sleeve > 0) * snap.sleeve_weights
    sleeve_total = open_sleeves.sum(axis=-1, keepdims=True)
    sleeve_share = np.divide(open_sleeves, sleeve_total, out=np.zeros_like(open_sleeves), where=sleeve_total > 0)
    within = np.divide(takes * snap.weight, weight_in_sleeve @ sleeve_onehot.T,
                       out=np.zeros(takes.shape), where=takes)
    return within * (sleeve_share @ sleeve_onehot.T)


@dataclass(frozen=True)
class ChunkInputs:
    """What every household run over one chunk shares, whatever its stop policy: the snapshot (in
    engine order) and its schedule, the chunk's streams and price level ((months + 1, paths)), the
    allocation weights ((months, streams)) and the FI tests' expectations."""

    snap: Snapshot
    schedule: StreamSchedule
    streams: ChunkStreams
    price_level: np.ndarray
    weights: np.ndarray
    expect: Expectations
    events: np.ndarray | None = None  # (months, paths) the chunk's one-off events, nominal (see engine.life)

    @property
    def paths(self) -> int:
        return self.price_level.shape[1]


def run_household(inputs: ChunkInputs, stop: StopPolicy, *, full: bool = True,
                  should_stop: Callable[[], bool] | None = None, monthly: bool = False,
                  record_paths: int | None = None) -> ChunkRecord | PathOutcome:
    """Simulate one chunk under a stop policy: a ChunkRecord when ``full``, else only the paths'
    outcomes. Overflow shows as infinities, which the caller refuses. ``should_stop`` is asked
    once per simulated year; ``monthly`` also keeps month-by-month figures (full runs only).
    ``record_paths``: a full run records only its first so many paths (None: all), the others run
    beside them for their outcomes; the record's ``outcome`` still covers every path."""
    with np.errstate(over="ignore", invalid="ignore"):
        household = _Household(inputs, stop, full=full, monthly=monthly, record_paths=record_paths)
        return household.run(should_stop)


class _Household:
    """One run: constants derived once from the chunk's inputs and the stop policy, and every
    path's ``PathState``; ``run`` steps through the months, each month in four named steps."""

    def __init__(self, inputs: ChunkInputs, stop: StopPolicy, *, full: bool, monthly: bool,
                 record_paths: int | None = None) -> None:
        snap, schedule, streams, price_level = inputs.snap, inputs.schedule, inputs.streams, inputs.price_level
        weights, expect = inputs.weights, inputs.expect
        self.snap, self.schedule, self.streams, self.expect = snap, schedule, streams, expect
        self.price_level, self.weights = price_level, weights
        self.full = full
        months, count = snap.months, snap.stream_count
        paths = price_level.shape[1]
        self.months, self.count, self.paths = months, count, paths
        # where income goes: reinvested (in growth), pooled for the allocator, or paid out for spending
        pooled = (snap.policy == POLICIES.index(IncomePolicy.POOL)) | (
            (snap.policy == POLICIES.index(IncomePolicy.REINVEST)) & ~streams.reinvestable)
        self.routing = np.stack([streams.reinvests, pooled, ~(streams.reinvests | pooled)]).astype(np.float64)
        self.capital_rows = slice(0, count - streams.fixed.size)
        # a lean run needs income only where it leaves the stream (pooled or paid out); reinvested
        # income is already in the growth factor
        self.guardrails = snap.withdrawal_method is WithdrawalMethod.GUARDRAILS
        self.every_income = full or self.guardrails  # else only while the FI test runs (``_month``)
        self.routed_rows = np.flatnonzero(~streams.reinvests[self.capital_rows])
        self.fixed = slice(count - streams.fixed.size, count)
        self.fixed_tax = snap.tax_rate[self.fixed][:, None]
        # the FI test counts table-taxed income at its category's flat rate (the year's tax comes later)
        self.fi_keep = np.divide(1.0 - snap.expected_tax_rate, 1.0 - snap.tax_rate, out=np.ones(count),
                                 where=snap.tax_rate < 1.0)[:, None]
        self.sleeve_onehot = np.eye(3)[snap.sleeve]
        self.liquid_value = streams.liquid * (1.0 - streams.exit_cost)[None, :]  # cash per unit of capital
        self.allocatable = schedule.active & streams.reinvestable[None, :] & streams.liquid
        self.takes = schedule.active & streams.reinvestable[None, :] & (snap.weight[None, :] > 0)
        self.target_sleeves, self.within_sleeve = _rebalance_targets(snap, self.allocatable, self.sleeve_onehot)
        self.starts_at = {m: np.flatnonzero(snap.start == m) for m in np.unique(snap.start) if 0 < m < months}
        # a stream is sold at the start of the month after its last one
        self.sold_at = {m + 1: np.flatnonzero(snap.end == m) for m in np.unique(snap.end) if 0 <= m < months - 1}
        self.contributions = snap.contribution * schedule.active * streams.reinvestable
        self.contributes = bool(snap.contribution.any())
        self.takes_money = weights.any(axis=1)
        self.expenses = planned_spending(snap)[:, None] * price_level  # (months + 1, paths), nominal
        self.savings = snap.monthly_savings * price_level
        self.life, self.events = snap.life, inputs.events
        self.has_work = snap.life.has_work  # asked every month: the life's arrays never change in a run
        self.overdraft = (1.0 + snap.overdraft_rate) ** (1.0 / 12.0) - 1.0
        self.sell_last_resort = snap.sell_property_last_resort and streams.sellable.size > 0
        self.asset_of_sellable = np.searchsorted(streams.assets, streams.sellable)
        self.fixed_of_sellable = streams.sellable - self.fixed.start
        self._start_accounts(snap, schedule, streams, paths)
        self.tax_due: np.ndarray | None = None  # December's settlement, paid the next month

        self.rule_paths = stop.follows  # the paths following the FI rule (None: none)
        self.kept = slice(0, paths if record_paths is None else record_paths)  # the recorded paths
        self.state = PathState.start(snap, schedule, streams, expect, stop)
        self.ledger.bought(self.state.capital)
        if full:
            self._start_records(monthly)

    def _start_accounts(self, snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams, paths: int) -> None:
        """The ledger, the rows whose income the accounts need even in a lean run (table-taxed income,
        reinvested income adding cost), and per account the weights of new money and rebalancing."""
        first = snap.start_year * 12 + snap.start_month - 1
        self.ledger = ledger = TaxLedger(snap.tax, snap.account, snap.income_table,
                                         snap.gains_taxed & streams.reinvestable, paths, schedule.calendar_month, first)
        capital_rows = np.arange(self.count - streams.fixed.size)
        needed = np.union1d(ledger.taxed_by_table, ledger.taxable[streams.reinvests[ledger.taxable]])
        self.routed_rows = np.union1d(self.routed_rows, np.intersect1d(needed, capital_rows)).astype(np.int64)
        self.reinvest_mask = streams.reinvests[:, None].astype(np.float64)
        # (streams, 1) True on the rows a lean run pays income on
        self.routed_mask = np.isin(np.arange(self.count), self.routed_rows)[:, None]
        self.withheld_share = np.divide(snap.tax_rate, 1.0 - snap.tax_rate, out=np.zeros(self.count),
                                        where=snap.tax_rate < 1.0)[:, None]
        self.account_weights: list[np.ndarray] = []
        self.account_rebalance: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        if snap.tax.simple:
            return
        for rows in ledger.rows_of:
            inside = np.zeros(self.count, dtype=bool)
            inside[rows] = True
            self.account_weights.append(split_new_money(snap, self.takes & inside[None, :]))
            allocatable = self.allocatable & inside[None, :]
            self.account_rebalance.append((allocatable, *_rebalance_targets(snap, allocatable, self.sleeve_onehot)))

    # ----- the months ----------------------------------------------------------------------
    def run(self, should_stop: Callable[[], bool] | None) -> ChunkRecord | PathOutcome:
        for month in range(self.months):
            if should_stop is not None and month % 12 == 0 and should_stop():
                raise RunCancelled
            self._month(month)
        state = self.state
        state.outcome.finite = np.isfinite(state.capital).all(axis=0) & np.isfinite(state.cash)
        if not self.full:
            return state.outcome
        return self._finish()

    def _month(self, month: int) -> None:
        """One month for every path: open, earn, pay, close."""
        flow = self._opening_flow(month)
        saving = month < self.state.stop
        # the FI rule is tested while a path still saves; once none does, the test can change nothing
        testing = self.rule_paths is not None and any_set(saving & self.rule_paths)
        earned = self._earn(month, testing)
        planned = np.where(saving, 0.0, self.expenses[month])
        work = self._work(month, saving) if self.has_work else 0.0
        if self.has_work:
            self.ledger.pay += work
        unmet = self._pay(month, flow, earned, saving, planned, work)
        self._close(month, earned, saving, planned, unmet, work, testing)

    def _work(self, month: int, saving: np.ndarray) -> np.ndarray:
        """Net pay this month, nominal, per path: each adult's salary until their stop month (the
        partner's is the household's shifted by the gap between their target stop months), then
        part-time work for its years from the household's stop month. ``saving``: month < stop."""
        life, stop = self.life, self.state.stop
        pay = life.salary[0, month] * saving
        if life.salary[1, month] > 0.0:
            pay = pay + life.salary[1, month] * (month < stop + life.partner_offset)
        if life.part_time > 0.0:
            pay = pay + life.part_time * ((month >= stop) & (month < stop + life.part_time_months))
        return pay * self.price_level[month]

    def _money_in(self, month: int, saving: np.ndarray, work: np.ndarray | float) -> np.ndarray | float:
        """Before the stop: the fixed monthly saving, or (saving from income) the month's pay less its
        planned spending, which may be negative. After it, pay is counted against spending instead."""
        if self.life.saving_from_income:
            return saving * (work - self.expenses[month])
        return saving * self.savings[month]

    def _opening_flow(self, month: int) -> np.ndarray:
        """The money the month starts with: last month's cash (what is owed charged interest), plus
        planned sales, less the purchase of streams starting now (their capital is added)."""
        snap, streams, state = self.snap, self.streams, self.state
        flow = state.cash
        if self.overdraft > 0.0 and any_set(flow < 0.0):
            flow = np.where(flow < 0.0, flow * (1.0 + self.overdraft), flow)  # interest on what is owed
        state.cash = np.zeros(self.paths)
        if self.tax_due is not None:
            flow, self.tax_due = flow - self.tax_due, None
        if month in self.sold_at:
            flow = flow + self._planned_sales(month, self.sold_at[month])
        if month in self.starts_at:
            rows = self.starts_at[month]
            bought = np.zeros((self.count, 1))
            bought[rows, 0] = snap.starting_amount[rows] * streams.reinvestable[rows]
            state.capital += bought
            self.ledger.bought(bought)
            flow = flow - float(np.sum(snap.starting_amount[rows] + streams.entry_cost[rows]))
        return flow

    def _earn(self, month: int, testing: bool) -> _Earned:
        """The streams pay and grow: capital income (measured before growth), then fixed income,
        whose losses are the household's to pay whatever the policy. ``testing``: the FI test runs
        this month and needs every stream's income."""
        streams, capital = self.streams, self.state.capital
        if self.every_income or testing:
            income = capital * streams.income_after_tax[month]
        else:
            income = np.multiply(capital, streams.income_after_tax[month], out=np.zeros(capital.shape),
                                 where=self.routed_mask)
        capital_income = None
        if testing:
            rows = self.capital_rows
            after_tax = income[rows] * self.fi_keep[rows]
            sustainable = np.maximum(after_tax - self.expect.erosion[month][:, None] * capital[rows], 0.0)
            capital_income = sustainable.sum(axis=0)
        capital *= streams.growth[month]  # reinvested income included
        self.ledger.bought(income * self.reinvest_mask)  # reinvested income adds to the cost basis
        if self.full:
            self.year_tax += (income * self.withheld_share).sum(axis=0)  # withheld as earned (flat rates)
        costs, fixed_costs = 0.0, None
        if streams.fixed.size:
            before_tax = streams.fixed_income[month] * self.state.fixed_alive
            after_tax = self._after_tax(month, before_tax)
            earned = np.maximum(after_tax, 0.0)
            fixed_costs = after_tax - earned  # losses are paid by the household, whatever the policy
            income[self.fixed] = earned
            costs = fixed_costs.sum(axis=0)
            if self.full:
                self.year_tax += (before_tax - after_tax).sum(axis=0)
        if self.ledger.taxed_by_table.size:  # tables tax the pre-tax result, losses included
            self.ledger.earned(income if fixed_costs is None else _with_losses(income, self.fixed, fixed_costs))
        return _Earned(income=income, routed=self.routing @ income, costs=costs, fixed_costs=fixed_costs,
                       capital_income=capital_income)

    def _after_tax(self, month: int, before_tax: np.ndarray) -> np.ndarray:
        """The fixed-income streams' results after tax, each stream's losses netted against its
        gains of the same calendar year: the year's tax so far is rate x max(result so far, 0), and
        each month pays the change (a loss after gains gets back tax already paid)."""
        state = self.state
        if self.schedule.calendar_month[month] == 0:
            state.year_result[:] = 0.0
        with_month = state.year_result + before_tax
        tax = netted_tax(state.year_result, with_month, self.fixed_tax)
        state.year_result = with_month
        return before_tax - tax

    def _pay(self, month: int, flow: np.ndarray, earned: _Earned, saving: np.ndarray,
             planned: np.ndarray, work: np.ndarray | float) -> np.ndarray | float:
        """Money in (savings, pooled income, windfalls) and out (obligations, one-off costs, spending),
        then what is left is invested by the strategy's weights or kept as cash. Returns the unpaid
        spending."""
        state, routed = self.state, earned.routed
        money_in = self._money_in(month, saving, work)
        flow = flow + earned.costs + routed[1] + money_in  # obligations and money in
        if self.events is not None:
            flow = flow + self.events[month]  # a cost is an obligation: paid, sold for, or owed
        if self.contributes:
            added = np.outer(self.contributions[month], saving * self.price_level[month]) * self._open(month)
            state.capital += added
            self.ledger.bought(added)
            self.ledger.contributed_to(added)
        # after the stop, paid-out income and pay for work pay spending first (negative: some is left
        # over); before it, paid-out income is the household's to spend and leaves the plan
        gap = np.where(saving, 0.0, planned * state.spending_level - routed[2] - work)
        unmet = 0.0
        if any_set(flow < 0.0) or any_set(gap > 0.0):
            flow, unmet = self._settle(month, flow, gap, saving)
        else:
            flow = flow - gap
        self._invest(month, flow, np.maximum(saving * money_in, 0.0))
        return unmet

    def _closed_now(self, month: int) -> np.ndarray | None:
        """(streams, paths) streams stopped for good this month (a trading bot past its stop-loss),
        or None when none is."""
        closed = self.streams.closed
        return closed[month] if closed is not None and any_set(closed[month]) else None

    def _open(self, month: int) -> np.ndarray | float:
        """1 where a stream may take new money this month, 0 where it has stopped for good."""
        closed = self._closed_now(month)
        return 1.0 if closed is None else ~closed

    def _invest(self, month: int, flow: np.ndarray, from_pay: np.ndarray) -> None:
        """New money to the strategy's streams by its weights, among the streams still open on each
        path; with accounts, into accounts in fill order within their limits first (the wrappers only
        from ``from_pay``, the month's saving out of pay). What no stream can take stays cash."""
        closed = self._closed_now(month)
        if not self.takes_money[month]:
            self.state.cash += flow
            return
        if self.account_weights:
            shares = [weights[month] for weights in self.account_weights]
            if closed is not None:  # per path, without the streams stopped for good there
                shares = [split_new_money(self.snap, (self.takes[month] & (self.snap.account == a))[None, :]
                                          & ~closed.T).T for a in range(len(shares))]
            added, left = self.ledger.route(flow, from_pay, self.price_level[month], shares)
            self.state.capital += added
            self.state.cash += left
            return
        if closed is None:
            added = self.weights[month][:, None] * flow
        else:  # a stream stopped for good on some paths: the strategy's weights over the others
            takes = self.takes[month][:, None] & ~closed  # (streams, paths)
            added = split_new_money(self.snap, takes.T).T * flow
            self.state.cash += np.where(takes.any(axis=0), 0.0, flow)
        self.state.capital += added
        self.ledger.bought(added)

    def _close(self, month: int, earned: _Earned, saving: np.ndarray, planned: np.ndarray,
               unmet: np.ndarray | float, work: np.ndarray | float, testing: bool) -> None:
        """After the money moved: rebalance, note failures, test FI (``testing``), move the guardrails,
        record."""
        snap, state = self.snap, self.state
        if snap.rebalancing is not Rebalancing.NONE and (snap.rebalancing is Rebalancing.THRESHOLD
                                                         or month % 12 == 11):
            self._rebalance(month)
        month_income = None
        if self.every_income:
            month_income = earned.routed.sum(axis=0) + earned.costs
            state.trailing_income[month % FI_TEST_MONTHS] = month_income
        short = unmet + planned * (1.0 - state.spending_level) if self.guardrails else unmet  # unpaid, and cut
        failed = short > snap.shortfall_tolerance * planned + EMPTY
        if any_set(failed):
            newly = failed & (state.outcome.fail_month < 0)
            state.outcome.fail_month[newly] = month
        if testing:
            self._test_fi(month, saving, earned.capital_income,
                          earned.fixed_value(self.fixed, self.paths) * self.fi_keep[self.fixed])
        if self.guardrails and month % 12 == 11 and not all_set(saving):
            self._adjust_guardrails(month, saving)
        if self.schedule.calendar_month[month] == 11 or month == self.months - 1:
            self._settle_year(month, december=self.schedule.calendar_month[month] == 11)
        if self.full:
            self._record_month(month, earned.income, earned.fixed_costs, month_income, short)
            if self.work_paid is not None:
                self.work_paid[month] = work

    def _settle_year(self, month: int, december: bool = True) -> None:
        """December: required withdrawals (kept as cash, invested next month), then the year's tax
        beyond what was withheld, owed from now and paid next month like any obligation (no
        overdraft interest: it is due then). The plan's last month settles its partial year too
        (``december`` False: no required withdrawal then)."""
        state, ledger = self.state, self.ledger
        fraction = ledger.required(month, state.capital, self.liquid_value[month]) if december else None
        if fraction is not None:
            state.cash += ledger.sold(month, fraction, state.capital, self.streams.exit_cost).sum(axis=0)
            state.capital *= 1.0 - fraction
        due = ledger.settle(self.price_level[month])
        self.tax_due = due  # owed from now, paid next month without overdraft interest
        if self.full:
            self.year_tax += due
            self.year_penalty += ledger.penalty_paid

    def _rebalance(self, month: int) -> None:
        """Rebalance the liquid streams that take money; a stream stopped for good on a path is
        left out there, and the targets are spread over the others. An account with one such
        stream is skipped: alone in its sleeve, that stream is already at its target."""
        groups = self.account_rebalance or [(self.allocatable, self.target_sleeves, self.within_sleeve)]
        closed = self._closed_now(month)
        threshold = self.snap.rebalance_threshold if self.snap.rebalancing is Rebalancing.THRESHOLD else None
        groups = [group for group in groups if np.count_nonzero(group[0][month]) > 1]
        if not groups:  # one stream (or none) in each account: alone in its sleeve, it has nowhere to go
            return
        before = self.state.capital.copy() if self.ledger.taxable.size else None
        for every_month, targets, shares in groups:  # within each account: money cannot cross wrappers
            allocatable = every_month[month][:, None]
            target, within = targets[month][:, None], shares[month][:, None]
            if closed is not None:
                allocatable = allocatable & ~closed
                target, within = (part.T for part in _rebalance_targets(self.snap, allocatable.T, self.sleeve_onehot))
            _rebalance(self.state.capital, allocatable, self.sleeve_onehot, target, within, threshold,
                       self.streams.exit_cost)
        if before is not None:
            self.ledger.rebalanced(before, self.state.capital, self.streams.exit_cost)

    def _planned_sales(self, month: int, rows: np.ndarray) -> np.ndarray:
        """Streams past their end month: capital is cashed in (less exit costs), property is sold
        (less selling costs and the mortgage), other assets are taken at their value."""
        streams = self.streams
        fraction = np.zeros((self.count, 1))
        fraction[rows] = 1.0
        money = self.ledger.sold(month, fraction, self.state.capital, streams.exit_cost)[rows].sum(axis=0)
        self.state.capital[rows] = 0.0
        for row in rows:
            if row in streams.sellable:
                column = int(np.searchsorted(streams.sellable, row))
                alive = self.state.outcome.sold_month[column] < 0
                proceeds = streams.sale_value[month - 1, column] * alive
                self._note_sale(month, row, proceeds)
                money = money + proceeds
            elif row in streams.assets:
                money = money + streams.asset_value[month - 1, int(np.searchsorted(streams.assets, row))]
        return money

    def _settle(self, month: int, flow: np.ndarray, gap: np.ndarray,
                saving: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pay the month. The month's own money pays obligations (purchases, losses, money owed)
        first, then spending; liquid capital is sold pro rata for the rest - obligations without
        limit, spending as far as the withdrawal method allows. When liquid money is gone, property
        may be sold as a last resort; what is still missing of obligations is owed, of spending goes
        unpaid. Returns the money left to invest and the unpaid spending."""
        sources = np.maximum(flow, 0.0) + np.maximum(-gap, 0.0)
        obligations, spending = np.maximum(-flow, 0.0), np.maximum(gap, 0.0)
        paid = np.minimum(obligations, sources)
        owed = obligations - paid
        paid_spending = np.minimum(spending, sources - paid)
        spend = spending - paid_spending
        surplus = sources - paid - paid_spending
        available = self.liquid_value[month] @ self.state.capital
        cover_owed = np.minimum(owed, available)
        allowed = np.minimum(spend, self._allowed_withdrawal(available, spend))
        cover_spend = np.minimum(allowed, available - cover_owed)
        take = cover_owed + cover_spend
        if any_set(take):  # selling nothing changes nothing (the ledger would add zeros)
            self._withdraw(month, take)
        missing_owed, missing_spend = owed - cover_owed, allowed - cover_spend
        missing = missing_owed + missing_spend
        if self.sell_last_resort and any_set((missing > EMPTY) & self.state.holds_property):
            proceeds = self._sell_last_resort(month, missing)
            to_owed = np.minimum(missing_owed, proceeds)
            to_spend = np.minimum(missing_spend, proceeds - to_owed)
            missing_owed -= to_owed
            cover_spend = cover_spend + to_spend
            surplus = surplus + proceeds - to_owed - to_spend
        self.state.cash -= missing_owed
        unmet = spend - cover_spend
        if not all_set(saving):
            self._note_ruin(month, saving, unmet, left=available - take)
        return surplus, unmet

    def _withdraw(self, month: int, take: np.ndarray) -> None:
        """Sell liquid capital for ``take`` in the plan's withdrawal order (pro rata with a single
        account); the ledger notes gains, deferred withdrawals and penalties."""
        capital = self.state.capital
        value = self.liquid_value[month][:, None] * capital
        fraction = self.ledger.draw_fraction(month, value, take, self.price_level[month])
        self.ledger.sold(month, fraction, capital, self.streams.exit_cost)
        capital *= 1.0 - fraction

    def _note_ruin(self, month: int, saving: np.ndarray, unmet: np.ndarray, left: np.ndarray) -> None:
        """A path past its stop month is ruined the first month spending goes unpaid with no liquid
        money left and nothing it may sell."""
        if left.min() >= EMPTY:  # liquid money left on every path: none has run out
            return
        nothing_to_sell = True  # what the household may not sell counts as nothing
        if self.sell_last_resort and any_set(self.state.holds_property):
            nothing_to_sell = ~self._can_sell(month)
        outcome = self.state.outcome
        emptied = ~saving & (unmet > EMPTY) & (left < EMPTY) & nothing_to_sell & (outcome.ruin_month < 0)
        outcome.ruin_month[emptied] = month

    def _allowed_withdrawal(self, available: np.ndarray, need: np.ndarray) -> np.ndarray:
        """How much capital a household past its stop month may draw this month."""
        method = self.snap.withdrawal_method
        if method is WithdrawalMethod.NONE:
            return np.zeros(need.shape)
        if method is WithdrawalMethod.PERCENT_OF_PORTFOLIO:
            return self.state.rate_at_stop / 12.0 * available
        return need

    def _can_sell(self, month: int) -> np.ndarray:
        """Paths that still hold a property whose sale would bring money this month."""
        values = self.streams.sale_value[month]
        return ((values > 0.0) & (self.state.outcome.sold_month < 0)).any(axis=0)

    def _sell_last_resort(self, month: int, need: np.ndarray) -> np.ndarray:
        """Sell properties, the one bringing most first, on paths that still need money; returns
        the proceeds per path."""
        proceeds = np.zeros(self.paths)
        values = self.streams.sale_value[month]  # (sellable, paths)
        for _ in range(values.shape[0]):
            candidates = np.where((values > 0.0) & (self.state.outcome.sold_month < 0), values, 0.0)
            best = candidates.argmax(axis=0)
            gain = candidates[best, np.arange(self.paths)]
            selling = (need - proceeds > EMPTY) & (gain > 0.0)
            if not any_set(selling):
                break
            for column in np.unique(best[selling]):
                paths = selling & (best == column)
                self.state.outcome.sold_month[column, paths] = month
                self.state.fixed_alive[self.fixed_of_sellable[column], paths] = 0.0
                self._note_sale(month, int(self.streams.sellable[column]), np.where(paths, gain, 0.0))
            proceeds += np.where(selling, gain, 0.0)
        self.state.holds_property = (self.state.outcome.sold_month < 0).any(axis=0)
        return proceeds

    def _test_fi(self, month: int, saving: np.ndarray, capital_income: np.ndarray, fixed_value: np.ndarray) -> None:
        """The FI rule's test on paths still saving; a path stops saving the month after the test
        has held for FI_TEST_MONTHS months in a row (PRODUCT.md: "FI tests")."""
        slot = month % FI_TEST_MONTHS
        self.state.trailing_capital_income[slot] = capital_income
        self.state.trailing_fixed_income[slot] = (fixed_value * self.expect.fixed_ratio[month][:, None]).sum(axis=0)
        seen = min(month + 1, FI_TEST_MONTHS)
        business = self.state.trailing_fixed_income.sum(axis=0) / seen
        if self.snap.fi_rule is FIRuleKind.INCOME_PLUS_WITHDRAWALS:
            debts = np.maximum(-self.state.cash, 0.0) + self.expect.committed[month]
            liquid = self.liquid_value[month] @ self.state.capital - debts
            # the spending other income leaves until the first pension pays is set aside first
            bridge = self.expect.bridge_months[month] * np.maximum(self.expenses[month] - business, 0.0)
            wealth = np.where(liquid >= bridge, liquid - bridge + self.expect.promised[month], 0.0)
            covered = business + self.expect.withdrawal_rate[month] / 12.0 * np.maximum(wealth, 0.0)
        else:
            covered = business + self.state.trailing_capital_income.sum(axis=0) / seen
        holds = saving & self.rule_paths & (covered >= self.expenses[month])
        self.state.fi_held = np.where(holds, self.state.fi_held + 1, 0)
        reached = (self.state.fi_held >= FI_TEST_MONTHS) & (self.state.outcome.fi_month < 0)
        if any_set(reached):
            self.state.outcome.fi_month[reached] = month
            self.state.stop[reached] = np.minimum(self.state.stop[reached], month + 1)
            self.state.rate_at_stop[reached] = self.expect.withdrawal_rate[np.minimum(month + 1, self.months)]

    def _adjust_guardrails(self, month: int, saving: np.ndarray) -> None:
        """Once a year, move planned spending when the withdrawal rate crosses a guardrail."""
        retired = ~saving
        available = self.liquid_value[month] @ self.state.capital
        income = self.state.trailing_income.sum(axis=0) / FI_TEST_MONTHS
        spending = self.expenses[month] * self.state.spending_level
        rate = np.divide(12.0 * np.maximum(spending - income, 0.0), available, out=np.full_like(available, np.inf),
                         where=available > 0)
        cut = retired & (rate > GUARDRAIL_UPPER * self.state.rate_at_stop)
        raise_ = retired & (rate < GUARDRAIL_LOWER * self.state.rate_at_stop)
        self.state.spending_level[cut] *= 1.0 - GUARDRAIL_STEP
        self.state.spending_level[raise_] = np.minimum(self.state.spending_level[raise_] * (1.0 + GUARDRAIL_STEP), 1.0)

    # ----- records (full runs) --------------------------------------------------------------
    def _start_records(self, monthly: bool) -> None:
        """The running sums a full run keeps for every path (the record takes the kept ones)."""
        months, count, paths, years = self.months, self.count, self.paths, self.months // 12
        kept = self.kept.stop
        self.worth = np.empty((months, paths))
        self.net_income = np.empty((months, paths))
        self.shortfall = np.zeros((months, paths))
        self.year_stream = np.zeros((count, paths))
        self.year_sales = np.zeros(count)
        self.outcome_real = np.zeros((count, paths))
        self.year_tax, self.year_penalty = np.zeros(paths), np.zeros(paths)
        self.type_onehot = np.eye(len(ACCOUNT_TYPES))[self.ledger.type_of]  # (streams, 3)
        self.work_paid = np.zeros((months, paths)) if self.has_work else None  # nominal, per month
        self.record = ChunkRecord.empty(paths=kept, years=years, streams=count, outcome=self.state.outcome,
                                        monthly=MonthlyRecord.empty(kept, months, count) if monthly else None)

    def _note_sale(self, month: int, row: int, proceeds: np.ndarray) -> None:
        """A property's sale proceeds, for the per-stream output (full runs)."""
        if self.full:
            real = proceeds / self.price_level[month]
            self.record.stream_sales_real[month // 12, row] += float(real[self.kept].sum())
            self.outcome_real[row] += real

    def _record_month(self, month: int, income: np.ndarray, fixed_costs: np.ndarray | None,
                      month_income: np.ndarray, short: np.ndarray) -> None:
        record = self.record
        self.net_income[month] = month_income
        self.shortfall[month] = short
        self.year_stream += income
        if fixed_costs is not None:
            self.year_stream[self.fixed] += fixed_costs
        if record.monthly is not None:
            kept = self.kept
            _record_stream_month(record.monthly, month, income[:, kept], self.fixed,
                                 None if fixed_costs is None else fixed_costs[:, kept], self.price_level[month][kept])
        self.worth[month] = self.state.capital.sum(axis=0) + self.state.cash
        if self.tax_due is not None:
            self.worth[month] -= self.tax_due
        if month % 12 == 11:
            year = month // 12
            record.stream_income[year] = self.year_stream[:, self.kept].sum(axis=1)
            self.year_stream /= self.price_level[max(month - 6, 0)]  # to today's money at mid-year prices
            record.stream_income_real[year] = self.year_stream[:, self.kept].sum(axis=1)
            self.outcome_real += self.year_stream
            record.sleeve_value[year] = (self.sleeve_onehot.T @ self.state.capital[:, self.kept]).sum(axis=1)
            self.year_stream[:] = 0.0
            self._record_accounts(month, year)

    def _record_accounts(self, month: int, year: int) -> None:
        """The year's tax paid and the capital by account type at its end, today's money."""
        record, kept = self.record, self.kept
        level, mid_year = self.price_level[month + 1][kept], self.price_level[max(month - 6, 0)][kept]
        record.tax_paid_real[:, year] = self.year_tax[kept] / mid_year
        record.penalty_real[:, year] = self.year_penalty[kept] / mid_year
        self.year_tax, self.year_penalty = np.zeros(self.paths), np.zeros(self.paths)
        by_type = self.type_onehot.T @ self.state.capital[:, kept] / level  # (3, kept paths)
        record.taxable_real[:, year], record.deferred_real[:, year], record.free_real[:, year] = by_type

    def _record_life(self) -> None:
        """Pay for work and one-off events of each year, in today's money, summed over paths: each
        month's sum over paths, added month by month."""
        months, level = self.months, self.price_level[:self.months]
        for paid, yearly in ((self.work_paid, self.record.work_income_real),
                             (None if self.events is None else self.events[:months], self.record.events_real)):
            if paid is None:
                continue
            by_month = (np.broadcast_to(paid, level.shape) / level)[:, self.kept].sum(axis=1)
            for month, amount in enumerate(by_month.tolist()):
                yearly[month // 12] += amount

    def _finish(self) -> ChunkRecord:
        streams, months, record = self.streams, self.months, self.record
        worth = self.worth
        final_value = np.zeros((streams.assets.size, self.paths))
        if streams.assets.size:
            worth += streams.asset_value.sum(axis=1, dtype=np.float64)
            final_value = streams.asset_value[months - 1].astype(np.float64)
            month = np.arange(months)[:, None]
            for column, asset in enumerate(self.asset_of_sellable):  # a property's value ends with its sale
                sold = self.state.outcome.sold_month[column]
                if any_set(sold >= 0):
                    worth -= streams.asset_value[:, asset] * ((sold[None, :] >= 0) & (month >= sold[None, :]))
                    final_value[asset] *= sold < 0
        kept = self.kept
        _summarize(record, worth[:, kept], self.net_income[:, kept], self.shortfall[:, kept],
                   self.price_level[:, kept])
        self._record_life()
        final_level = self.price_level[months]
        self.outcome_real += self.state.capital * (1.0 - streams.exit_cost)[:, None] / final_level
        if streams.assets.size:
            self.outcome_real[streams.assets] += final_value / final_level
        record.stream_outcome_real[:] = self.outcome_real[:, kept].T
        return record


def _summarize(record: ChunkRecord, worth: np.ndarray, net_income: np.ndarray, shortfall: np.ndarray,
               price_level: np.ndarray) -> None:
    """Yearly figures and the worst drawdown from the monthly series, after the loop. A month's end
    value is deflated with the price level at that month's end."""
    months = worth.shape[0]
    level_at_end = price_level[1:months + 1]
    level = price_level[:months]
    real_worth = worth / level_at_end
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


def _with_losses(income: np.ndarray, fixed: slice, fixed_costs: np.ndarray) -> np.ndarray:
    """Each stream's result of the month, the fixed-income streams' losses included."""
    result = income.copy()
    result[fixed] += fixed_costs
    return result


def _record_stream_month(monthly: MonthlyRecord, month: int, income: np.ndarray, fixed: slice,
                         fixed_costs: np.ndarray | None, price: np.ndarray) -> None:
    """The month's result per stream (income, and losses of the fixed-income streams), summed over paths."""
    result = income.copy()
    if fixed_costs is not None:
        result[fixed] += fixed_costs
    monthly.stream_income[month] = result.sum(axis=1)
    monthly.stream_income_real[month] = (result / price[None, :]).sum(axis=1)


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


def _rebalance(capital: np.ndarray, allocatable: np.ndarray, sleeve_onehot: np.ndarray, target: np.ndarray,
               within: np.ndarray, threshold: float | None, exit_cost: np.ndarray) -> None:
    """Move liquid capital between sleeves back to their target weights; streams keep their
    relative sizes inside a sleeve (an empty sleeve is filled by the strategy's stream weights).
    ``allocatable`` (streams, paths|1) says which streams take part, ``target`` (3, paths|1) and
    ``within`` (streams, paths|1) are the sleeve targets and each stream's share of its sleeve.
    Money taken out of a stream pays its exit cost on the way, as a withdrawal does."""
    if not any_set(allocatable) or target.sum() <= 0.0:  # no stream with a weight: nowhere to move money
        return
    held = np.where(allocatable, capital, 0.0)
    sleeves = sleeve_onehot.T @ held  # (3, paths)
    total = sleeves.sum(axis=0)
    wanted = target * total
    moving = (total > 0) & (target.sum(axis=0) > 0)
    if threshold is not None:
        share = np.divide(sleeves, total, out=np.zeros(sleeves.shape), where=total > 0)
        moving &= np.abs(share - target).max(axis=0) > threshold + 1e-12
    if not any_set(moving):
        return
    ratio = np.divide(wanted, sleeves, out=np.zeros(sleeves.shape), where=sleeves > 0)
    refill = np.where(sleeves > 0, 0.0, wanted)
    rebalanced = held * (sleeve_onehot @ ratio) + (sleeve_onehot @ refill) * within
    if any_set(exit_cost):
        out_of = np.maximum(held - rebalanced, 0.0)
        into = rebalanced - held + out_of  # max(rebalanced - held, 0)
        arriving = into.sum(axis=0)
        lost = exit_cost @ out_of
        keep = np.divide(arriving - lost, arriving, out=np.ones_like(arriving), where=arriving > 0)
        rebalanced = held - out_of + into * keep
    capital[:] = np.where(moving & allocatable, rebalanced, capital)
