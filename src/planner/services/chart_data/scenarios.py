"""Scenarios side by side: each one's median net worth and passive income with the first's 10-90 %
band, and each one's success of stopping saving in each year (the FI test's share by year where a
run made no search)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats, basis, money_words, year_axis

MEASURES = ("net_worth", "passive_income")


def stop_success(p: Projection, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, percent): the success of stopping in each projected year's first month, or the FI test's
    cumulative share by year when the run made no search."""
    if p.success_curve is None:
        return years, 100.0 * p.fi_probability
    return years - 0.5, 100.0 * p.success_curve[::12][:years.size]


@dataclass(frozen=True)
class ScenarioSeries:
    years: np.ndarray
    medians: dict[str, list[np.ndarray]]  # measure -> each scenario's median by year
    bands: dict[str, tuple[np.ndarray, np.ndarray]]  # measure -> the reference's 10 and 90 % by year
    success: list[tuple[np.ndarray, np.ndarray]]  # each scenario's (x, percent)
    worth_title: str
    income_title: str
    odds_title: str


def scenario_series(projections: Sequence[Projection], real: bool) -> ScenarioSeries:
    """The first projection is the reference whose band is shaded."""
    key, reference = basis(real), projections[0]
    years = year_axis(reference)
    medians = {measure: [p.percentile(getattr(p, measure)[key], 50) for p in projections] for measure in MEASURES}
    bands = {measure: (reference.percentile(getattr(reference, measure)[key], 10),
                       reference.percentile(getattr(reference, measure)[key], 90)) for measure in MEASURES}
    searched = all(p.success_curve is not None for p in projections)
    money = money_words(real)
    return ScenarioSeries(years, medians, bands, [stop_success(p, years) for p in projections],
                          f"Median net worth ({money})", f"Median passive income a year ({money})",
                          "Success of stopping saving in each year" if searched else "FI test passed by year")


def scenario_hover(names: Sequence[str], projections: Sequence[Projection], plot_index: int, index: int, real: bool,
                   formats: Formats) -> str:
    """Each scenario's value in one year: median money in the upper plots, the success below."""
    lines = [f"<b>{int(year_axis(projections[0])[index])}</b>"]
    for name, p in zip(names, projections, strict=True):
        if plot_index == 2:
            success = p.success_at(12 * index)
            value = formats.percent(float(p.fi_probability[index]) if success is None else success, 0)
        else:
            value = formats.money(float(p.percentile(getattr(p, MEASURES[plot_index])[basis(real)], 50)[index]))
        lines.append(f"{escape(name)}: {value}")
    return "<br>".join(lines)
