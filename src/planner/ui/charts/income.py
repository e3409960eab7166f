"""Passive income stacked by stream against the household's expenses, the crossover marked.

Each stream's band is its mean yearly income after tax and its own costs; years in which a stream
loses money stack below zero. Items are pooled: one band per stream, made when first needed."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import EXPENSES, SERIES, ChartBase, colour

#: Room kept above the bands for the crossover's label, which hangs from the top of the plot.
HEADROOM = 0.12


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


class IncomeChart(ChartBase):
    title = "Passive income"
    report_caption = ("Mean after-tax passive income by stream over the paths, stacked, against the household's "
                      "expenses; the marker shows where income first covers them.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, title="Passive income by stream")
        self.legend = self.add_legend()
        self.bands: list[tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem]] = []
        self.total = pg.PlotDataItem()
        self.expenses = pg.PlotDataItem(pen=pg.mkPen(EXPENSES, width=2.5, style=Qt.PenStyle.DashLine))
        self.crossover = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(EXPENSES, width=1.5), label="",
                                         labelOpts={"position": 1.0, "color": EXPENSES, "anchors": [(0, 0), (1, 0)]})
        for item in (self.total, self.expenses, self.crossover):
            item.setZValue(10)
            self.plot.addItem(item)
        self._legend_names: tuple[str, ...] = ()
        self.crossover_year: int | None = None
        self.theme_changed()

    def theme_changed(self) -> None:
        self.total.setPen(pg.mkPen(self.foreground(), width=1.5))

    def _band(self, number: int) -> tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem]:
        while len(self.bands) <= number:
            lower, upper = pg.PlotCurveItem(), pg.PlotCurveItem()
            brush = pg.mkBrush(colour(SERIES[len(self.bands) % len(SERIES)], 200))
            fill = pg.FillBetweenItem(lower, upper, brush=brush)
            self.plot.addItem(fill)
            self.bands.append((lower, upper, fill))
        return self.bands[number]

    def incomes(self) -> np.ndarray:
        p = self.projection
        assert p is not None
        rows = [s.income_real if self.context.real else s.income for s in p.streams]
        return np.array(rows) if rows else np.zeros((0, p.years))

    def expense_line(self) -> np.ndarray:
        p = self.projection
        assert p is not None
        return np.full(p.years, p.expenses_real) if self.context.real else p.expenses

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        p, years = self.projection, self.years()
        money = "today's money" if self.context.real else "nominal"
        which = "mean of the paths" if montecarlo is not None else "expected path"
        self.plot.setTitle(f"Passive income by stream ({money}, {which})")
        incomes = self.incomes()
        lower, upper = stack(incomes)
        for number in range(len(p.streams)):
            low, high, fill = self._band(number)
            low.setData(years, lower[number])
            high.setData(years, upper[number])
            fill.show()
        for low, high, fill in self.bands[len(p.streams):]:
            low.setData([], [])
            high.setData([], [])
            fill.hide()
        total, expenses = incomes.sum(axis=0), self.expense_line()
        self.total.setData(years, total)
        self.expenses.setData(years, expenses)
        self.fit(self.plot, years, lower, upper, expenses, headroom=HEADROOM)
        self._update_legend(tuple(s.name for s in p.streams))
        found = crossover_index(total, expenses)
        self.crossover_year = None if found is None else int(p.year_labels[found])
        self.crossover.setVisible(found is not None)  # shown first: a hidden line's label ignores new text
        if found is not None:
            self.crossover.setPos(years[found])
            self.crossover.label.setFormat(f"Covers expenses from {self.crossover_year} (age {int(p.ages[found])})")
        self.legend.items[2].setVisible(found is not None)

    def _update_legend(self, names: tuple[str, ...]) -> None:
        if names == self._legend_names:
            return
        self.legend.clear()
        self.legend.add_item("Total", self.total)
        self.legend.add_item("Expenses", self.expenses)
        self.legend.add_item("Income covers expenses", self.crossover)
        for number, name in enumerate(names):
            self.legend.add_item(name, self._band(number)[2])
        self._legend_names = names
        self.apply_theme()

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        p, symbol = self.projection, self.context.symbol
        incomes = self.incomes()[:, index]
        lines = [f"<b>{int(p.year_labels[index])}</b> (age {int(p.ages[index])})",
                 f"Passive income: {full_money(float(incomes.sum()), symbol)}",
                 f"Expenses: {full_money(float(self.expense_line()[index]), symbol)}"]
        largest = np.argsort(-np.abs(incomes))[:6]
        lines += [f"{p.streams[i].name}: {full_money(float(incomes[i]), symbol)}" for i in largest if incomes[i]]
        return "<br>".join(lines)
