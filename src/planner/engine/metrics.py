"""From per-path records to what users read: percentile bands, FI odds, risks, per-stream figures.

The accumulator keeps every finished path (a few floats per path and year), so each partial
result is exact for the paths run so far and the final one does not depend on chunk sizes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS
from planner.domain.plan import ages_words
from planner.engine.backtest import Backtest
from planner.engine.classes import CLASSES, CRYPTO, EQUITIES, REAL_ESTATE
from planner.engine.household import ChunkRecord, MonthlyRecord, PathOutcome, planned_spending
from planner.engine.inputs import Snapshot
from planner.engine.stop_search import confident_month, success_by_stop

PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
#: Share of paths counted as "the worst outcomes" when looking for the streams that drive them.
WORST_SHARE = 0.10


@dataclass
class ChunkResult:
    """One chunk's runs on the same paths: the plan stopping at its stop month (full record), the
    plan following the FI rule (outcomes), and each path's earliest successful stop month."""

    record: ChunkRecord
    rule: PathOutcome | None  # None: not run
    earliest: np.ndarray | None
    stop_counts: dict[int, int] | None = None  # paths that succeed stopping in each month of the search's window


@dataclass(frozen=True)
class ConfidentStop:
    """The headline: the earliest month to stop saving whose success reaches the confidence.

    month: months from the plan start (None: no month within the plan reaches it).
    success: the success of stopping in that month (of the last month, when none reaches it).
    confidence: the share of paths asked for.
    success_before: the success of stopping a month earlier (None: not known, or no such month).
    confirmed: True once exact runs on every path found it; False while it is the search's estimate.
    paths: the paths ``success`` was measured on (the searched ones for an estimate), which its
        sampling error depends on (``sampling_error``).
    """

    month: int | None
    success: float
    confidence: float
    success_before: float | None = None
    confirmed: bool = False
    paths: int = 0

    @property
    def sampling_error(self) -> float:
        """Half the width of the 95 % interval of ``success`` measured on ``paths`` paths (normal
        approximation to the binomial): how far another seed's answer may land."""
        return sampling_error(self.success, self.paths)


def sampling_error(success: float, paths: int) -> float:
    """The binomial 95 % half-width of a share ``success`` measured on ``paths`` paths."""
    return 1.96 * (success * (1.0 - success) / max(paths, 1)) ** 0.5


@dataclass(frozen=True)
class StreamFigures:
    """Per stream, averaged over paths. Income is after tax, net of the stream's own costs."""

    name: str
    kind: str
    income: np.ndarray  # (years,) nominal
    income_real: np.ndarray  # (years,)
    total_income_real: float
    hours: float  # over the horizon, including up-front hours
    passivity: float  # real income per hour of work (inf: no hours)
    worst_share: float  # share of the gap between all paths and the worst 10 % explained by it
    amount: float  # starting amount, today's money
    yield_rate: float  # a year's income per unit of money in the stream (NaN: nothing put in)
    risk: float  # spread between paths of a year's result (see engine/stream_risk.py)
    sales_real: np.ndarray  # (years,) mean property sale proceeds, today's money (zero for other kinds)
    last_resort_share: float  # share of paths that sold this property as a last resort


#: Markets named when explaining the worst outcomes, each measured by a broad holding of the catalogue
#: (its default volatility turns an average shock into a return): label, class, kind.
MARKET_REFERENCES = (("stock markets", EQUITIES, "index_fund"), ("property markets", REAL_ESTATE, "reit"),
                     ("crypto markets", CRYPTO, "crypto_staking"))


@dataclass(frozen=True)
class MarketDriver:
    """How a market behaved on the worst paths against all paths, as a yearly figure."""

    label: str
    worst: float  # yearly return (or inflation) on the worst paths, fraction
    overall: float  # the same over all paths


@dataclass(frozen=True)
class MonthlyFigures:
    """The projection month by month (asked for with RunOptions.monthly). Money in a month is
    what that month pays; ``*_real`` is in today's money at that month's prices."""

    year: np.ndarray  # (months,) calendar year of each month
    month: np.ndarray  # (months,) 1-12
    ages: np.ndarray  # (months,) the household's age (the age reached in that calendar year)
    net_worth: dict[str, np.ndarray]  # "nominal"/"real" -> (len(PERCENTILES), months)
    passive_income: dict[str, np.ndarray]
    fi_probability: np.ndarray  # (months,) share of paths at FI by the month's end
    expenses: np.ndarray  # (months,) median nominal monthly expenses
    stream_income: np.ndarray  # (months, streams) mean over paths, nominal, the user's stream order
    stream_income_real: np.ndarray


@dataclass(frozen=True)
class Projection:
    """A (partial) result. Money in ``*_real`` fields is in today's money.

    The answer (PRODUCT.md section 1): the charts and ``success_probability`` are of the plan
    stopping at ``stop_month``; ``success_curve`` and ``confident`` come from each path's earliest
    successful stop month (None without a search); the FI fields describe the FI rule's test, each
    path stopping when it holds, with ``rule_success`` the success of doing that.
    """

    mode: str
    return_model: str
    paths_done: int
    paths_total: int
    seed: int
    start_index: int  # the plan's first month as a YearMonth index (year * 12 + month - 1)
    birth_year: int
    partner_birth_year: int | None  # None: no partner
    year_labels: np.ndarray  # calendar year in which each projected year ends
    ages: np.ndarray  # the household's age in each projected year (the age reached in the calendar year it ends)
    expenses: np.ndarray  # (years,) median nominal yearly planned spending (expenses and spending phases)
    expenses_real: np.ndarray  # (years,) yearly planned spending in today's money
    price_level: np.ndarray  # (years,) median price level over each year's months, 1 at the plan start
    work_income_real: np.ndarray  # (years,) mean pay for work (salaries, part-time), today's money
    events_real: np.ndarray  # (years,) mean one-off windfalls less costs, today's money
    part_time_hours: float  # hours of part-time work over the plan, stopping at ``stop_month``
    part_time_income_real: float  # its pay over the plan, today's money
    net_worth: dict[str, np.ndarray]  # "nominal"/"real" -> (len(PERCENTILES), years)
    passive_income: dict[str, np.ndarray]
    coverage: np.ndarray  # (len(PERCENTILES), years): income / expenses, today's money
    shortfall_real: np.ndarray  # (years,) mean spending short of plan after the stop, today's money
    plan_until_age: int  # success is measured until the end of the year the household turns this age
    stop_month: int  # months from the plan start to the month saving stops (``months``: never)
    target_month: int  # the household's target stop month (``stop_month`` unless a run chose another)
    success_probability: float  # share of paths whose spending never falls short beyond the tolerance
    ruin_probability: float  # share of paths that run out (liquid money gone, nothing to sell) after the stop
    success_curve: np.ndarray | None  # (months,) success of stopping in each month (None: not searched)
    confident: ConfidentStop | None  # the headline (None: not searched)
    income_at_stop_real: float | None  # median passive income in the year saving stops, today's money
    fi_probability: np.ndarray  # (years,) cumulative share of paths at FI (by the rule's test) by each year's end
    fi_year_share: np.ndarray  # (years,) share of paths reaching FI in that year
    fi_by_target: float  # share of paths at FI before the target stop month
    target_in_horizon: bool  # False: the target age comes after the last projected month
    median_fi_month: int | None  # months from the plan start; None when fewer than half reach FI
    fi_month_range: tuple[int | None, int | None]  # 10th and 90th percentile FI month (None: not reached)
    rule_success: float | None  # share of paths reaching FI whose spending then holds (None: none reach it)
    rule_tested: bool  # False: the run left the FI test out (the FI fields say nothing)
    max_drawdown: np.ndarray  # percentiles of each path's worst fall in real net worth
    streams: tuple[StreamFigures, ...]
    effective_sources: np.ndarray  # (years,) 1 / sum of squared income shares
    sleeve_value: np.ndarray  # (years, 3) mean nominal capital per sleeve (safe, core, speculative)
    warnings: tuple[str, ...] = field(default=())
    monthly: MonthlyFigures | None = None
    fi_months: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))  # per path, -1: never
    worst_markets: tuple[MarketDriver, ...] = ()  # markets and inflation on the worst WORST_SHARE of paths
    backtest: Backtest | None = None  # history as it happened: each start month's outcome
    tax_paid_real: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # (len(PERCENTILES), years)
    accounts_real: dict[str, np.ndarray] = field(default_factory=dict)  # account type -> (len(PERCENTILES), years)
    penalty_mean_real: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (years,) early-withdrawal penalties
    penalty_share: float = 0.0  # share of paths that paid a penalty to draw on an account early
    locked_accounts: tuple[tuple[str, int, float], ...] = ()  # (name, first month without penalty, penalty)

    @property
    def months(self) -> int:
        return 12 * len(self.year_labels)

    def calendar_month(self, month: int) -> YearMonth:
        """The calendar month ``month`` months after the plan's first."""
        return YearMonth.from_index(self.start_index + month)

    def age_at(self, month: int) -> int:
        """The household's age in a month from the plan start: the age reached in that calendar year
        (domain.plan.Household.age_in, the one definition)."""
        return (self.start_index + month) // 12 - self.birth_year

    def ages_text(self, month: int) -> str:
        """"age 55", or with a partner "you 55 / partner 52": the adults' ages in a month."""
        year = (self.start_index + month) // 12
        partner = None if self.partner_birth_year is None else year - self.partner_birth_year
        return ages_words(self.age_at(month), partner)

    @property
    def until_text(self) -> str:
        """"age 95", or with a partner "age 98 (partner 95)": how far the plan runs."""
        if self.partner_birth_year is None:
            return f"age {self.plan_until_age}"
        return f"age {self.plan_until_age} (partner {self.plan_until_age + self.birth_year - self.partner_birth_year})"

    def success_at(self, month: int) -> float | None:
        """Success of stopping in ``month`` (None: not searched, or outside the plan)."""
        if self.success_curve is None or not 0 <= month < self.success_curve.size:
            return None
        return float(self.success_curve[month])

    def year_of_age(self, age: int) -> int | None:
        """The projected year in which the household reaches ``age`` (None: outside the projection)."""
        years = np.flatnonzero(self.ages == age)
        return int(years[0]) if years.size else None

    def fi_month_at(self, share: float) -> int | None:
        """The first month by which ``share`` of the paths have reached FI (None: not within the horizon)."""
        return _fi_month_quantile(self.fi_months, share) if self.fi_months.size else None

    def fi_share_before(self, month: int) -> float:
        """Share of paths at FI before month ``month`` (months from the plan start)."""
        reached = (self.fi_months >= 0) & (self.fi_months < month)
        return float(reached.mean()) if self.fi_months.size else 0.0

    @property
    def years(self) -> int:
        return len(self.year_labels)

    @property
    def spending_at_stop_real(self) -> float:
        """Planned spending in the year saving stops (the first year when it never does), today's money."""
        return float(self.expenses_real[min(self.stop_month // 12, self.years - 1)])

    def percentile(self, bands: np.ndarray, p: int) -> np.ndarray:
        return bands[PERCENTILES.index(p)]


class Accumulator:
    """Collects chunk results; ``projection()`` summarizes what has been collected."""

    def __init__(self, snap: Snapshot, *, order: np.ndarray, paths_total: int, mode: str, model: str, seed: int,
                 hours: np.ndarray, yield_rate: np.ndarray, risk: np.ndarray, monthly: bool = False,
                 search: bool = True, target_month: int | None = None) -> None:
        """``snap`` in the user's stream order; records arrive in engine order, ``order[i]`` being
        the user's index of engine stream i. Hours, yield and risk are per stream, engine order.
        ``target_month``: the household's own stop month when the run stops at another."""
        self.snap = snap
        self.target_month = snap.target_stop_month if target_month is None else target_month
        self.order = order
        self.position = np.empty_like(order)  # the engine column of each user stream
        self.position[order] = np.arange(order.size)
        self.mode, self.model, self.seed = mode, model, seed
        self.paths_total = paths_total
        self.done = 0
        years, count = snap.years, snap.stream_count
        self.per_path = {name: np.zeros((paths_total, years))
                         for name in ("net_worth", "net_worth_real", "income", "income_real", "shortfall_real",
                                      "price_level", *ACCOUNT_FIGURES)}
        self.fi_month = np.full(paths_total, -1, dtype=np.int32)  # following the rule
        self.rule_failed = np.zeros(paths_total, dtype=bool)
        self.failed = np.zeros(paths_total, dtype=bool)  # stopping at the stop month
        self.ruin_month = np.full(paths_total, -1, dtype=np.int32)  # stopping at the stop month
        self.earliest = np.full(paths_total, snap.months, dtype=np.int32) if search else None
        self.searched = 0  # leading paths whose earliest successful stop month is known
        self.rule_tested = False
        self.last_resort = np.zeros(count)  # paths that sold each (engine-order) stream as a last resort
        self.drawdown = np.zeros(paths_total)
        self.outcome = np.zeros((paths_total, count))
        self.stream_income = np.zeros((years, count))
        self.stream_income_real = np.zeros((years, count))
        self.stream_sales_real = np.zeros((years, count))
        self.sleeve_value = np.zeros((years, 3))
        self.work_income_real = np.zeros(years)
        self.events_real = np.zeros(years)
        self.hours = hours  # (streams,) total over the horizon
        self.yield_rate, self.risk = yield_rate, risk
        self._sums: dict[int, tuple[np.ndarray, ...]] = {}
        self.monthly = MonthlyRecord.empty(paths_total, snap.months, count) if monthly else None
        self.market_shock = np.zeros((paths_total, len(CLASSES)), dtype=np.float32)
        self.confirmed: ConfidentStop | None = None  # the headline after exact runs (all paths)
        self.history_starts: tuple[str, tuple[str, ...]] | None = None  # (table name, each path's start month)

    def add(self, result: ChunkResult, sellable: np.ndarray) -> None:
        """One chunk's result; ``sellable`` lists the engine columns of the property streams."""
        record = result.record
        n = record.outcome.fail_month.shape[0]
        window = slice(self.done, self.done + n)
        for name, array in self.per_path.items():
            array[window] = getattr(record, name)
        if result.rule is not None:
            self.fi_month[window] = result.rule.fi_month
            self.rule_failed[window] = ~result.rule.success
        self.failed[window] = ~record.outcome.success
        self.ruin_month[window] = record.outcome.ruin_month
        if result.earliest is not None:
            self.add_earliest(self.done, result.earliest)
        self.rule_tested = self.rule_tested or result.rule is not None
        self.last_resort[sellable] += (record.outcome.sold_month >= 0).sum(axis=1)
        self.drawdown[window] = record.max_drawdown
        self.outcome[window] = record.stream_outcome_real
        if record.market_shock is not None:
            self.market_shock[window] = record.market_shock
        self.stream_income += record.stream_income
        self.stream_income_real += record.stream_income_real
        self.stream_sales_real += record.stream_sales_real
        self.sleeve_value += record.sleeve_value
        self.work_income_real += record.work_income_real
        self.events_real += record.events_real
        if self.monthly is not None and record.monthly is not None:
            for name in ("net_worth", "net_worth_real", "income", "income_real"):
                getattr(self.monthly, name)[window] = getattr(record.monthly, name)
            self.monthly.stream_income += record.monthly.stream_income
            self.monthly.stream_income_real += record.monthly.stream_income_real
        self.done += n
        # sums as they stood after each chunk, so an older Partial summarizes only its own paths
        self._sums[self.done] = tuple(array.copy() for array in (self.stream_income, self.stream_income_real,
                                                                   self.stream_sales_real, self.sleeve_value,
                                                                   self.last_resort, self.work_income_real,
                                                                   self.events_real))

    def add_earliest(self, offset: int, earliest: np.ndarray) -> None:
        """The search's result for the paths from ``offset`` (in order: a chunk's own, once known)."""
        if self.earliest is not None:
            self.earliest[offset:offset + earliest.size] = earliest
            self.searched = max(self.searched, offset + earliest.size)

    def confirm(self, month: int | None, success: float, before: float | None) -> None:
        """The confident month and its success as exact runs on every path found them."""
        self.confirmed = ConfidentStop(month, success, self.snap.confidence, before, True, self.paths_total)

    def projection(self, paths: int | None = None) -> Projection:
        """Summary of the first ``paths`` finished paths (default: all of them)."""
        snap, n = self.snap, self.done if paths is None else min(paths, self.done)
        if n == 0:
            raise ValueError("no paths have been simulated yet")
        sums = self._sums.get(n, (self.stream_income, self.stream_income_real, self.stream_sales_real,
                                  self.sleeve_value, self.last_resort, self.work_income_real, self.events_real))
        stream_income, stream_income_real, stream_sales_real, sleeve_value, last_resort, work, events = sums
        rows = {name: array[:n].astype(np.float64) for name, array in self.per_path.items()}
        years, months = snap.years, snap.months
        ends = snap.start_year * 12 + snap.start_month - 1 + 12 * np.arange(1, years + 1) - 1
        year_labels = ends // 12
        ages = year_labels - snap.birth_year
        expenses_real = planned_spending(snap)[:months].reshape(years, 12).sum(axis=1)
        price_level = np.median(rows["price_level"], axis=0)
        fi_month = self.fi_month[:n]
        reached = fi_month >= 0
        fi_year = np.where(reached, fi_month // 12, years)
        reached_in_year = np.bincount(fi_year, minlength=years + 1)[:years]
        stop = snap.target_stop_month
        curve, confident = None, None
        if self.earliest is not None and self.searched > 0:
            measured = min(n, self.searched)
            curve = success_by_stop(self.earliest[:measured], months)
            best = confident_month(curve, snap.confidence)
            before = float(curve[best - 1]) if best else None
            confident = ConfidentStop(best, float(curve[best if best is not None else months - 1]), snap.confidence,
                                      before, paths=measured)
            if self.confirmed is not None and n == self.paths_total:
                confident = self.confirmed
        stop_year = stop // 12
        return Projection(
            mode=self.mode, return_model=self.model, paths_done=n, paths_total=self.paths_total, seed=self.seed,
            start_index=snap.start_year * 12 + snap.start_month - 1, birth_year=snap.birth_year,
            partner_birth_year=snap.partner_birth_year,
            year_labels=year_labels, ages=ages,
            expenses=price_level * expenses_real, expenses_real=expenses_real, price_level=price_level,
            work_income_real=work / n, events_real=events / n,
            **_part_time(snap, stop),
            net_worth={"nominal": _bands(rows["net_worth"]), "real": _bands(rows["net_worth_real"])},
            passive_income={"nominal": _bands(rows["income"]), "real": _bands(rows["income_real"])},
            coverage=_coverage(rows["income_real"], expenses_real),
            shortfall_real=rows["shortfall_real"].mean(axis=0),
            plan_until_age=snap.plan_until_age,
            stop_month=stop,
            target_month=self.target_month,
            success_probability=float((~self.failed[:n]).mean()),  # as the search counts it
            ruin_probability=float((self.ruin_month[:n] >= 0).mean()),
            success_curve=curve,
            confident=confident,
            income_at_stop_real=float(np.median(rows["income_real"][:, stop_year])) if stop_year < years else None,
            fi_probability=np.cumsum(reached_in_year) / n,  # counts first: a sum of shares can pass 1
            fi_year_share=reached_in_year / n,
            target_in_horizon=0 <= stop < months,
            fi_by_target=float(np.mean(reached & (fi_month < stop))),
            median_fi_month=_fi_month_quantile(fi_month, 0.5),
            fi_month_range=(_fi_month_quantile(fi_month, 0.1), _fi_month_quantile(fi_month, 0.9)),
            rule_success=float(1.0 - self.rule_failed[:n][reached].mean()) if reached.any() else None,
            rule_tested=self.rule_tested,
            max_drawdown=np.percentile(self.drawdown[:n], PERCENTILES),
            streams=self._stream_figures(n, rows["net_worth_real"][:, -1], stream_income, stream_income_real,
                                         stream_sales_real, last_resort),
            effective_sources=_effective_sources(stream_income_real),
            sleeve_value=sleeve_value / n,
            monthly=self._monthly_figures(n, rows["price_level"]) if self.monthly is not None else None,
            fi_months=fi_month.copy(),
            worst_markets=self._worst_markets(n, rows["net_worth_real"][:, -1], rows["price_level"]),
            backtest=self._backtest(n, rows["net_worth_real"]),
            tax_paid_real=_bands(rows["tax_paid_real"]),
            accounts_real={kind: _bands(rows[f"{kind}_real"]) for kind in ACCOUNT_KINDS},
            penalty_mean_real=rows["penalty_real"].mean(axis=0),
            penalty_share=float((rows["penalty_real"].sum(axis=1) > 0.5).mean()),
            locked_accounts=snap.tax.locked(),
        )

    def _backtest(self, n: int, net_worth_real: np.ndarray) -> Backtest | None:
        """Each historical start's outcome, when every path is one start of history as it happened."""
        if self.history_starts is None:
            return None
        name, starts = self.history_starts
        snap = self.snap
        return Backtest(name, starts[:n], ~self.failed[:n], self.ruin_month[:n].astype(np.int64), net_worth_real,
                        snap.start_year * 12 + snap.start_month - 1)

    def _worst_markets(self, n: int, final_worth: np.ndarray, price_level: np.ndarray) -> tuple[MarketDriver, ...]:
        """Markets and inflation on the worst paths (by final real net worth) against all paths."""
        if self.mode != "montecarlo" or n < 10:
            return ()
        worst = final_worth <= np.quantile(final_worth, WORST_SHARE)
        drivers = []
        for label, market, kind in MARKET_REFERENCES:
            spec = KINDS[kind].param("volatility")
            sigma = float(np.sqrt(np.log1p(float(spec.default) ** 2 / 1e4) / 12.0))
            shock = self.market_shock[:n, market].astype(np.float64)
            drivers.append(MarketDriver(label, float(np.expm1(12 * sigma * shock[worst].mean())),
                                        float(np.expm1(12 * sigma * shock.mean()))))
        yearly_inflation = np.power(price_level[:, -1], 1.0 / max(self.snap.years - 0.5, 0.5)) - 1.0
        drivers.append(MarketDriver("inflation", float(yearly_inflation[worst].mean()), float(yearly_inflation.mean())))
        return tuple(drivers)

    def _monthly_figures(self, n: int, yearly_price_level: np.ndarray) -> MonthlyFigures | None:
        """Only for a finished run: the monthly stream sums are not kept per chunk."""
        if n != self.done or self.monthly is None:
            return None
        snap, record = self.snap, self.monthly
        index = snap.start_year * 12 + snap.start_month - 1 + np.arange(snap.months)
        fi_month = self.fi_month[:n]
        reached_by = np.bincount(fi_month[fi_month >= 0], minlength=snap.months)[:snap.months]
        expenses = np.repeat(np.median(yearly_price_level, axis=0), 12) * planned_spending(snap)[:snap.months]
        position = self.position
        return MonthlyFigures(
            year=index // 12, month=index % 12 + 1, ages=index // 12 - snap.birth_year,
            net_worth={"nominal": _bands(record.net_worth[:n]), "real": _bands(record.net_worth_real[:n])},
            passive_income={"nominal": _bands(record.income[:n]), "real": _bands(record.income_real[:n])},
            fi_probability=np.cumsum(reached_by) / n, expenses=expenses,
            stream_income=record.stream_income[:, position] / n,
            stream_income_real=record.stream_income_real[:, position] / n)

    def _stream_figures(self, n: int, final_worth: np.ndarray, stream_income: np.ndarray,
                        stream_income_real: np.ndarray, stream_sales_real: np.ndarray,
                        last_resort: np.ndarray) -> tuple[StreamFigures, ...]:
        snap = self.snap
        position = self.position
        outcome = self.outcome[:n, position].astype(np.float64)
        worst = final_worth <= np.quantile(final_worth, WORST_SHARE)
        gap = np.maximum(outcome.mean(axis=0) - outcome[worst].mean(axis=0), 0.0)
        gap_share = gap / gap.sum() if gap.sum() > 0 else np.zeros_like(gap)
        figures = []
        for index, name in enumerate(snap.names):
            column = position[index]
            income = stream_income[:, column] / n
            income_real = stream_income_real[:, column] / n
            total = float(income_real.sum())
            hours = float(self.hours[column])
            figures.append(StreamFigures(name, snap.kinds[index], income, income_real, total, hours,
                                         total / hours if hours > 0 else float("inf"), float(gap_share[index]),
                                         float(snap.starting_amount[index]), float(self.yield_rate[column]),
                                         float(self.risk[column]), stream_sales_real[:, column] / n,
                                         float(last_resort[column] / n)))
        return tuple(figures)


def _fi_month_quantile(fi_month: np.ndarray, share: float) -> int | None:
    """The month by which ``share`` of all paths have reached FI; None if fewer ever do."""
    never = np.iinfo(np.int32).max
    month = int(np.quantile(np.where(fi_month >= 0, fi_month, never), share, method="inverted_cdf"))
    return None if month == never else month


#: Account types as the records, the CSV columns and the charts name them.
ACCOUNT_KINDS = ("taxable", "deferred", "free")
ACCOUNT_FIGURES = ("tax_paid_real", "penalty_real", *(f"{kind}_real" for kind in ACCOUNT_KINDS))


def _bands(values: np.ndarray) -> np.ndarray:
    return np.percentile(values, PERCENTILES, axis=0)


def _effective_sources(stream_income_real: np.ndarray) -> np.ndarray:
    """1 / sum(share^2) of each year's mean positive income by stream: 1 for one source, n for n
    equal ones (the inverse Herfindahl index)."""
    positive = np.maximum(stream_income_real, 0.0)
    total = positive.sum(axis=1, keepdims=True)
    shares = np.divide(positive, total, out=np.zeros_like(positive), where=total > 0)
    concentration = (shares**2).sum(axis=1)
    return np.divide(1.0, concentration, out=np.zeros_like(concentration), where=concentration > 0)


def _part_time(snap: Snapshot, stop: int) -> dict[str, float]:
    """Hours and pay of part-time work after the stop month, over what is left of the plan: the
    hours count against passivity like a stream's upkeep."""
    life = snap.life
    months = max(0, min(life.part_time_months, snap.months - stop)) if life.part_time > 0 else 0
    return {"part_time_hours": months * life.part_time_hours, "part_time_income_real": months * life.part_time}


def _coverage(income_real: np.ndarray, expenses_real: np.ndarray) -> np.ndarray:
    """Bands of income / planned spending per year; a year with nothing to spend is fully covered."""
    ratio = np.divide(income_real, expenses_real[None, :], out=np.full(income_real.shape, np.inf),
                      where=expenses_real[None, :] > 0)
    with np.errstate(invalid="ignore"):  # percentiles between two infinities
        bands = _bands(ratio)
    return np.where(np.isnan(bands), np.inf, bands)
