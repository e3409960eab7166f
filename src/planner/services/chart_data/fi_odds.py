"""When the household can stop saving: the success of stopping in each year with the confidence,
the confident month and the target age marked; and the FI test's dates by year with the 10 %,
median and 90 % dates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats, year_axis, year_heading

MARKERS = ("10 %", "Median", "90 %")


def fi_year(projection: Projection, month: int | None) -> int | None:
    """The calendar year of an FI month (months from the plan start), as the histogram bins it."""
    if month is None or month // 12 >= projection.years:
        return None
    return int(projection.year_labels[month // 12])


def month_position(projection: Projection, month: int) -> float:
    """Where a month from the plan start sits on the charts' calendar-year axis: calendar year y
    spans y - 0.5 to y + 0.5, a month its twelfth of that."""
    when = projection.calendar_month(month)
    return when.year - 0.5 + (when.month - 0.5) / 12.0


def success_by_year(projection: Projection) -> tuple[np.ndarray, np.ndarray] | None:
    """(x, success in percent) of stopping in the first month of each projected year (None: no search)."""
    curve = projection.success_curve
    if curve is None:
        return None
    months = np.arange(0, projection.months, 12)
    return np.array([month_position(projection, m) for m in months]), 100.0 * curve[months]


@dataclass(frozen=True)
class Marker:
    """A vertical line on the calendar-year axis and the text on it."""

    x: float
    label: str


@dataclass(frozen=True)
class FISeries:
    years: np.ndarray
    success: tuple[np.ndarray, np.ndarray] | None  # (x, percent); None before the search
    confidence: float | None  # percent asked for; None: no confident month searched
    confidence_legend: str | None
    confident: Marker | None  # the earliest month to stop with that confidence
    target: Marker | None  # the target age, when the plan reaches it
    odds: np.ndarray  # percent of paths whose FI test has held by each year
    first_passed: np.ndarray  # percent of paths whose FI test first holds in each year
    marked: dict[str, int | None]  # MARKERS -> calendar year of the FI date, None: not reached
    stop_title: str
    dates_title: str


def fi_series(projection: Projection, montecarlo: bool, formats: Formats) -> FISeries:
    p = projection
    which = f"{formats.count(p.paths_done)} paths" if montecarlo else "expected path"
    success = success_by_year(p)
    confident, confidence, legend, can_stop = p.confident, None, None, None
    if confident is not None:
        confidence = 100.0 * confident.confidence
        legend = f"Confidence asked for: {formats.percent(confident.confidence, 0)}"
        if confident.month is not None:
            can_stop = Marker(month_position(p, confident.month), f"can stop: {p.calendar_month(confident.month).year}")
    target = None
    if p.target_month < p.months:
        label = f"target: {formats.percent(p.success_probability, 0)}" if p.stop_month == p.target_month else "target"
        target = Marker(month_position(p, p.target_month), label)
    low, high = p.fi_month_range
    months = {"10 %": low, "Median": p.median_fi_month, "90 %": high}
    marked = {name: fi_year(p, months[name]) for name in MARKERS}
    marks = " · ".join(f"{name}: {year or 'not reached'}" for name, year in marked.items())
    followed = "" if p.rule_success is None else f"; stopping then succeeds on {formats.percent(p.rule_success, 0)}"
    dates_title = (f"FI dates by the FI test — {marks}{followed}" if p.rule_tested
                   else "FI dates by the FI test (with the Monte Carlo paths…)")
    stop_title = ("Success of stopping saving in each year" if success is not None
                  else "Success of stopping saving (searching…)")
    return FISeries(year_axis(p), success, confidence, legend, can_stop, target, 100.0 * p.fi_probability,
                    100.0 * p.fi_year_share, marked, f"{stop_title} ({which})", dates_title)


def fi_hover(projection: Projection, plot_index: int, index: int, formats: Formats) -> str:
    """The read-out of one year; the upper plot (0) adds the success of stopping then."""
    p = projection
    lines = [year_heading(p, index)]
    success = p.success_at(12 * index)
    if plot_index == 0 and success is not None:
        lines.append(f"Stop saving in {p.calendar_month(12 * index)}: {formats.percent(success, 1)} success")
    lines += [f"FI test passed by the end of the year: {formats.percent(float(p.fi_probability[index]), 0)}",
              f"FI test first passed in this year: {formats.percent(float(p.fi_year_share[index]), 1)}"]
    return "<br>".join(lines)
