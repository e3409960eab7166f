"""Passive income stacked by stream against the household's expenses, with the year income first
covers them. Each stream's band is its mean yearly income after tax and its own costs; years in
which a stream loses money stack below zero."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats, money_words, year_axis, year_heading

#: Streams named in a year's read-out, the largest first.
HOVER_STREAMS = 6


def stack(incomes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) edges of each stream's band, (streams, years): gains stack up from zero in
    stream order, losses stack down from zero."""
    gains = np.maximum(incomes, 0.0)
    losses = np.minimum(incomes, 0.0)
    top = np.cumsum(gains, axis=0)
    bottom = np.cumsum(losses, axis=0)
    positive = incomes >= 0
    lower = np.where(positive, top - gains, bottom)
    upper = np.where(positive, top, bottom - losses)
    return lower, upper


def crossover_index(total: np.ndarray, expenses: np.ndarray) -> int | None:
    """The first year in which passive income covers the expenses, if any."""
    covered = np.flatnonzero(total >= expenses)
    return int(covered[0]) if covered.size else None


def stream_incomes(projection: Projection, real: bool) -> np.ndarray:
    """(streams, years) mean income of each stream."""
    rows = [s.income_real if real else s.income for s in projection.streams]
    return np.array(rows) if rows else np.zeros((0, projection.years))


def expense_line(projection: Projection, real: bool) -> np.ndarray:
    return projection.expenses_real if real else projection.expenses


@dataclass(frozen=True)
class Crossover:
    """Where income first covers the expenses: the plot's x, the calendar year and its label."""

    x: float
    year: int
    label: str


@dataclass(frozen=True)
class IncomeSeries:
    years: np.ndarray
    names: tuple[str, ...]
    lower: np.ndarray  # (streams, years) band edges
    upper: np.ndarray
    total: np.ndarray
    expenses: np.ndarray
    crossover: Crossover | None
    title: str


def income_series(projection: Projection, real: bool, montecarlo: bool) -> IncomeSeries:
    """``montecarlo``: the projection is the mean of the paths, not the expected path."""
    years = year_axis(projection)
    incomes = stream_incomes(projection, real)
    lower, upper = stack(incomes)
    total, expenses = incomes.sum(axis=0), expense_line(projection, real)
    found = crossover_index(total, expenses)
    crossover = None
    if found is not None:
        year = int(projection.year_labels[found])
        crossover = Crossover(float(years[found]), year,
                              f"Covers expenses from {year} (age {int(projection.ages[found])})")
    which = "mean of the paths" if montecarlo else "expected path"
    return IncomeSeries(years, tuple(s.name for s in projection.streams), lower, upper, total, expenses, crossover,
                        f"Passive income by stream ({money_words(real)}, {which})")


def income_hover(projection: Projection, index: int, real: bool, formats: Formats) -> str:
    """The read-out of one year: total income, expenses, and the largest streams."""
    incomes = stream_incomes(projection, real)[:, index]
    lines = [year_heading(projection, index),
             f"Passive income: {formats.money(float(incomes.sum()))}",
             f"Expenses: {formats.money(float(expense_line(projection, real)[index]))}"]
    largest = np.argsort(-np.abs(incomes))[:HOVER_STREAMS]
    lines += [f"{projection.streams[i].name}: {formats.money(float(incomes[i]))}" for i in largest if incomes[i]]
    return "<br>".join(lines)
