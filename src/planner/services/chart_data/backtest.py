"""The backtest chart (FIRECalc/cFIREsim style): every historical start as a thin line of real net
worth by year, the starts that held in one colour and those that failed in another, the worst
starts picked out with what happened to them, and the success rate as the heading.

Each group of lines is one pair of flat arrays with a ``connect`` mask (False at the last year of
each start), so a widget draws hundreds of starts as one item."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from planner.engine.backtest import Backtest
from planner.services.chart_data.formats import Formats

#: How many of the worst starts are named.
WORST_COUNT = 5
#: The chart's top is this quantile of every start's net worth, so a few runaway starts do not
#: squash the others (and the worst) into a flat band at the bottom; the rest run off the top.
TOP_QUANTILE = 0.98


@dataclass(frozen=True)
class Lines:
    """Many lines as one: x and y of every point, and whether each point joins the next."""

    x: np.ndarray
    y: np.ndarray
    connect: np.ndarray

    @property
    def count(self) -> int:
        """How many lines (the last point of each does not join the next)."""
        return int(np.count_nonzero(~self.connect))


@dataclass(frozen=True)
class WorstStart:
    index: int
    start: str  # "YYYY-MM"
    what: str  # "ran out 2061-03", "ended with $412,000"
    x: np.ndarray
    y: np.ndarray

    @property
    def label(self) -> str:
        return f"{self.start}: {self.what}"


@dataclass(frozen=True)
class BacktestPicture:
    succeeded: Lines
    failed: Lines
    worst: tuple[WorstStart, ...]
    heading: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    clipped: bool  # some values run off the top of y_range


def year_ends(backtest: Backtest) -> np.ndarray:
    """The calendar year in which each projected year ends (the x of every line)."""
    years = backtest.net_worth_real.shape[1]
    return np.array([(backtest.plan_start + 12 * k + 11) // 12 for k in range(years)], dtype=np.float64)


def lines(backtest: Backtest, rows: np.ndarray) -> Lines:
    """The starts at ``rows`` as one set of lines over the plan's years."""
    x = year_ends(backtest)
    years = x.size
    connect = np.ones((rows.size, years), dtype=bool)
    if years:
        connect[:, -1] = False
    return Lines(np.tile(x, rows.size), backtest.net_worth_real[rows].ravel().astype(np.float64),
                 connect.ravel())


def heading(backtest: Backtest, formats: Formats) -> str:
    """"89 % of 1,123 historical starts succeed (1871-01 to 1964-07)"."""
    count = len(backtest.starts)
    if not count:
        return "No historical start has enough history after it for this plan"
    span = backtest.starts[0] if count == 1 else f"{backtest.starts[0]} to {backtest.starts[-1]}"
    noun = "start succeeds" if count == 1 else "starts succeed"
    return f"{formats.percent(backtest.success_rate, 0)} of {formats.count(count)} historical {noun} ({span})"


def outcome(backtest: Backtest, index: int, formats: Formats) -> str:
    """What happened to one start: when it ran out, or what it ended with in today's money."""
    ruin = backtest.ruin_text(index)
    if ruin is not None:
        return f"ran out {ruin}"
    ending = formats.money(float(backtest.net_worth_real[index, -1])) if backtest.net_worth_real.size else "nothing"
    return f"ended with {ending}" if backtest.success[index] else f"fell short, ended with {ending}"


def worst_starts(backtest: Backtest, formats: Formats, count: int = WORST_COUNT) -> tuple[WorstStart, ...]:
    x = year_ends(backtest)
    return tuple(WorstStart(i, backtest.starts[i], outcome(backtest, i, formats), x,
                            backtest.net_worth_real[i].astype(np.float64))
                 for i in backtest.worst(count))


def backtest_picture(backtest: Backtest, formats: Formats) -> BacktestPicture:
    """Everything the chart draws, for one backtest."""
    success = np.asarray(backtest.success, dtype=bool)
    x = year_ends(backtest)
    worst = worst_starts(backtest, formats)
    low, high, clipped = value_range(backtest.net_worth_real, [w.y for w in worst])
    x_range = (float(x[0]), float(x[-1])) if x.size else (0.0, 1.0)
    return BacktestPicture(lines(backtest, np.flatnonzero(success)), lines(backtest, np.flatnonzero(~success)),
                           worst, heading(backtest, formats), x_range, (low, high), clipped)


def value_range(worth: np.ndarray, kept: list[np.ndarray]) -> tuple[float, float, bool]:
    """(low, high, clipped): zero to the TOP_QUANTILE of every value, but always all of ``kept``."""
    values = worth[np.isfinite(worth)]
    if not values.size:
        return 0.0, 1.0, False
    shown = [float(np.quantile(values, TOP_QUANTILE))] + [float(np.max(k)) for k in kept if k.size]
    high, low = max(shown), min(float(values.min()), 0.0)
    if high <= low:
        high = low + 1.0
    return low, high, bool(values.max() > high)


def nearest_start(backtest: Backtest, x: float, y: float) -> tuple[int, int] | None:
    """(start, year) of the line nearest (x, y) at the year under x; None off the plan's years."""
    years = year_ends(backtest)
    if not years.size or not len(backtest.starts) or x < years[0] - 0.5 or x > years[-1] + 0.5:
        return None
    year = int(np.argmin(np.abs(years - x)))
    return int(np.argmin(np.abs(backtest.net_worth_real[:, year] - y))), year


def start_hover(backtest: Backtest, x: float, y: float, formats: Formats) -> str | None:
    """The read-out for the start nearest the pointer: its first month, its net worth that year, its outcome."""
    found = nearest_start(backtest, x, y)
    if found is None:
        return None
    index, year = found
    when = int(year_ends(backtest)[year])
    return (f"<b>Start {escape(backtest.starts[index])}</b><br>"
            f"{when}: {escape(formats.money(float(backtest.net_worth_real[index, year])))} (today's money)<br>"
            f"{escape(outcome(backtest, index, formats))}")
