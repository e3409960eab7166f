"""What every stream model receives and returns.

A model turns one kind's parameters (arrays of n streams) and the chunk's market into monthly
arrays shaped (months, paths, n) - or (months, 1, n) when they do not vary by path. The engine's
household loop then only multiplies and adds: income = capital x income_rate + fixed_income,
capital x= growth. Nothing here loops over paths.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.engine.market import Market


@dataclass
class KindContext:
    """One kind's streams in one chunk.

    params: the kind's parameters as fractions (percentages already divided by 100), shape (n,).
    local_month: months since each stream started, shape (months, n); negative before it starts.
    calendar_month: 0 (January) to 11 for each simulated month, shape (months,).
    inflation: the household's expected yearly inflation, a fraction (the centre of every path's
        price level), so models can split an entered nominal growth into inflation and a real part.
    """

    market: Market
    params: dict[str, np.ndarray]
    local_month: np.ndarray
    calendar_month: np.ndarray
    inflation: float = 0.0

    @property
    def months(self) -> int:
        return self.local_month.shape[0]

    @property
    def paths(self) -> int:
        return self.market.paths

    @property
    def count(self) -> int:
        return self.local_month.shape[1]

    @property
    def deterministic(self) -> bool:
        return self.market.deterministic

    def years_running(self) -> np.ndarray:
        """Years since each stream started, (months, 1, n), never negative."""
        return np.maximum(self.local_month, 0)[:, None, :] / 12.0

    def index_from_start(self, gross: np.ndarray) -> np.ndarray:
        """Level at the start of each month of a series of monthly gross returns, 1 in the month
        each stream starts (or at the plan start for streams already running)."""
        level = np.cumprod(gross, axis=0) / gross
        return level / self.at_start(level)

    def at_start(self, series: np.ndarray) -> np.ndarray:
        """Each stream's value of a (months, paths, n) series in the month it starts, (1, paths, n)."""
        started = np.clip(-self.local_month[0], 0, self.months - 1)
        return series[started, :, np.arange(self.count)].T[None, :, :]

    def grow(self, yearly_change: np.ndarray) -> np.ndarray:
        """(1 + change)^(years running): a deterministic growth or decay curve, (months, 1, n)."""
        return np.power(np.maximum(1.0 + yearly_change, 1e-6), self.years_running())

    def running(self) -> np.ndarray:
        """1 in the months each stream runs (local month >= 0), else 0, (months, 1, n)."""
        return (self.local_month >= 0)[:, None, :].astype(np.float64)

    def events_while_running(self, yearly_probability: np.ndarray) -> np.ndarray:
        """The market's risk events for each stream, zero in the months before it starts: a shock
        drawn before a business exists cannot hit it."""
        return self.market.events(yearly_probability) * self.running()

    def todays_money(self) -> np.ndarray:
        """(months, paths, 1): each path's price level, 1 at the plan start. Amounts entered in
        today's money are worth this much in each month's money."""
        return self.market.price_level[: self.months, :, None]

    def real_part(self, yearly_growth: np.ndarray) -> np.ndarray:
        """The real part of a nominal yearly growth: (1 + growth) / (1 + expected inflation) - 1."""
        return (1.0 + np.asarray(yearly_growth, dtype=np.float64)) / (1.0 + self.inflation) - 1.0

    def inflation_since_start(self) -> np.ndarray:
        """(months, paths, n): each path's price level relative to its level in the month each
        stream starts (1 from the plan start for one already running)."""
        level = np.broadcast_to(self.todays_money(), (self.months, self.market.price_level.shape[1], self.count))
        return level / self.at_start(level)

    def nominal_index(self, yearly_growth: np.ndarray) -> np.ndarray:
        """(months, paths, n): a nominal growth entered as expected inflation plus a real part,
        1 at each stream's start: the path's own inflation since the start times
        (1 + real part)^(years running). At the expected inflation it is (1 + growth)^(years)."""
        return self.inflation_since_start() * self.grow(self.real_part(yearly_growth))

    def expected_price_at_start(self) -> np.ndarray:
        """(n,) the expected price level in the month each stream starts (1 for one already running):
        what an up-front cost entered in today's money will cost then."""
        return np.power(1.0 + self.inflation, np.maximum(-self.local_month[0], 0) / 12.0)


@dataclass
class KindArrays:
    """A model's output. Every field is optional; missing means zero (or one for growth).

    growth: gross factor on the stream's capital this month (price moves, losses, fees).
    income_rate: income this month per unit of capital held at the start of the month.
    fixed_income: money this month that does not scale with capital (rent, profit); may be negative.
    asset_value: value the household owns that is not reinvestable capital (a rental's equity).
    sale_value: what selling that asset would bring this month, after selling costs and the
        mortgage (property); with only ``selling_cost`` given, the asset value less that share.
    selling_cost: share of the asset's value lost in a sale (property).
    hours: expected hours of work a month from the kind's own parameters, (months, n).
    entry_cost: cash paid when the stream starts after the plan does, on top of its starting amount.
    exit_cost: share of capital lost when money is taken out (penalties, haircuts).
    liquid_from: local month from which the capital may be withdrawn (lock-ups).
    reinvestable: False when income cannot buy more of the stream (property, businesses); its
        "reinvest" policy then pools the income, and the strategy sends it no savings.
    closed: (months, paths, n) bool, True from the month a stream has stopped for good on a path
        (a trading bot after its stop-loss): it takes no new money there - no savings, no
        contributions, no rebalancing in or out - and keeps what it holds.
    """

    growth: np.ndarray | None = None
    income_rate: np.ndarray | None = None
    fixed_income: np.ndarray | None = None
    asset_value: np.ndarray | None = None
    sale_value: np.ndarray | None = None
    selling_cost: np.ndarray | None = None
    hours: np.ndarray | None = None
    entry_cost: np.ndarray | None = None
    exit_cost: np.ndarray | None = None
    liquid_from: np.ndarray | None = None
    reinvestable: bool = True
    closed: np.ndarray | None = None


def monthly_rate(yearly: np.ndarray) -> np.ndarray:
    """Monthly rate equivalent to a yearly effective rate: (1 + y)^(1/12) - 1."""
    return np.power(1.0 + np.maximum(yearly, -0.999), 1.0 / 12.0) - 1.0


def fee_factor(yearly_fee: np.ndarray) -> np.ndarray:
    """Monthly factor that takes a yearly fee share from a balance: (1 - fee)^(1/12)."""
    return np.power(1.0 - np.clip(yearly_fee, 0.0, 0.999), 1.0 / 12.0)


def permanent(hits: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """Level multiplier after hits that each remove ``loss`` for good, applied from the month after
    the hit: cumulative product of (1 - loss x hit), shifted by one month."""
    factors = 1.0 - hits * loss
    level = np.cumprod(factors, axis=0)
    shifted = np.empty_like(level)
    shifted[0] = 1.0
    shifted[1:] = level[:-1]
    return shifted
