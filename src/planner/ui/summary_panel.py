"""The projection in a few lines: when FI comes, how sure it is, and what could go wrong."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from planner.domain.calendar import YearMonth
from planner.domain.plan import Plan
from planner.engine.metrics import Projection
from planner.engine.projection import MONTE_CARLO
from planner.ui.charts.axes import full_money, percent
from planner.ui.formatting import count, currency_symbol, user_locale

#: How many streams to name as driving the worst outcomes.
WORST_NAMED = 3

ROWS = (
    ("basis", "Results from"),
    ("fi_date", "FI date (median)"),
    ("fi_range", "FI date, 10–90 %"),
    ("fi_by_target", "Probability of FI by the target age"),
    ("ruin", "Probability of running out"),
    ("income_at_fi", "Passive income at FI"),
    ("passivity", "Passivity"),
    ("sources", "Effective income sources"),
    ("worst", "Drive the worst outcomes"),
)


def short_month(when: YearMonth) -> str:
    """ "Mar 2041" in the user's language."""
    return f"{user_locale().standaloneMonthName(when.month, QLocale.FormatType.ShortFormat)} {when.year}"


def month_text(start: YearMonth, month: int | None, birth_year: int) -> str:
    """A month from the plan start in words with the age reached that calendar year: "Mar 2041 (age 52)"."""
    if month is None:
        return "not reached by half of the paths"
    when = start.plus(month)
    return f"{short_month(when)} (age {when.year - birth_year})"


def summary_texts(projection: Projection, plan: Plan) -> dict[str, str]:
    """Each row's text for one result (pure, so tests can read it without widgets)."""
    p, symbol = projection, currency_symbol(plan.currency)
    birth_year = plan.household.birth_year
    low, high = p.fi_month_range
    texts = {
        "basis": (f"Monte Carlo, {count(p.paths_done)} of {count(p.paths_total)} paths" if p.mode == MONTE_CARLO
                  else "the expected path (no randomness)"),
        "fi_date": month_text(plan.start, p.median_fi_month, birth_year),
        "fi_range": " – ".join("not reached" if m is None else short_month(plan.start.plus(m)) for m in (low, high)),
        "fi_by_target": percent(p.fi_by_target) if p.target_in_horizon else "the target age is after the horizon",
        "ruin": percent(p.ruin_probability, 1),
        "income_at_fi": (f"{full_money(p.income_at_fi_real, symbol)} a year (today's money)"
                         if p.income_at_fi_real is not None else "FI not reached"),
    }
    hours = sum(s.hours for s in p.streams)
    income = sum(s.total_income_real for s in p.streams)
    texts["passivity"] = (f"{full_money(income / hours, symbol)} of income per hour of upkeep" if hours > 0
                          else "no upkeep hours at all")
    year = (p.median_fi_month // 12) if p.median_fi_month is not None and p.median_fi_month // 12 < p.years \
        else p.years - 1
    texts["sources"] = (f"{user_locale().toString(float(p.effective_sources[year]), 'f', 1)} "
                        f"in {int(p.year_labels[year])}") if p.years else "–"
    ranked = sorted((s for s in p.streams if s.worst_share > 0), key=lambda s: -s.worst_share)[:WORST_NAMED]
    texts["worst"] = (", ".join(f"{s.name} ({percent(s.worst_share)})" for s in ranked) if ranked and p.paths_done > 1
                      else "needs Monte Carlo paths")
    return texts


class SummaryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectionSummary")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key, name in ROWS:
            value = QLabel("–")
            value.setObjectName(f"summary_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = QLabel(name + ":")
            label.setBuddy(value)
            form.addRow(label, value)
            self.names[key], self.values[key] = label, value

    def show_projection(self, projection: Projection | None, plan: Plan | None) -> None:
        if projection is None or plan is None:
            for value in self.values.values():
                value.setText("–")
            return
        self.names["fi_by_target"].setText(f"Probability of FI by age {plan.household.target_fi_age}:")
        for key, text in summary_texts(projection, plan).items():
            self.values[key].setText(text)

    def text(self, key: str) -> str:
        return self.values[key].text()

