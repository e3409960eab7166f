"""The projection in a few lines, the answer first (PRODUCT.md section 1): the earliest month the
household can stop saving with its confidence, how stopping at its target age fares, and then the
FI test's dates and what else could go wrong."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from planner.domain.calendar import YearMonth
from planner.domain.plan import Plan
from planner.engine.metrics import Projection
from planner.services.answer import RULE_NAMES, tax_after_stop
from planner.services.projection import MONTE_CARLO
from planner.ui.charts.axes import full_money, percent
from planner.ui.formatting import count, currency_symbol, user_locale

#: How many streams to name as driving the worst outcomes.
WORST_NAMED = 3

ROWS = (
    ("basis", "Results from"),
    ("ruin", "Running out"),
    ("income_at_stop", "Passive income when saving stops"),
    ("tax_after_stop", "Tax in the first year after the stop"),
    ("access", "Penalty-free access"),
    ("fi_date", "FI test passed (median)"),
    ("fi_range", "FI test passed, 10–90 %"),
    ("rule_success", "Stopping when the FI test passes"),
    ("passivity", "Passivity"),
    ("sources", "Effective income sources"),
    ("worst", "Drive the worst outcomes"),
)


def short_month(when: YearMonth) -> str:
    """ "Mar 2041" in the user's language."""
    return f"{user_locale().standaloneMonthName(when.month, QLocale.FormatType.ShortFormat)} {when.year}"


def month_text(projection: Projection, month: int | None, missing: str = "not reached by half of the paths") -> str:
    """A month from the plan start in words with the household's age then: "Mar 2041 (age 52)"."""
    if month is None:
        return missing
    return f"{short_month(projection.calendar_month(month))} ({projection.ages_text(month)})"


def headline_texts(p: Projection) -> tuple[str, str]:
    """The answer's two lines: the confident stop month, and the success of stopping at the target."""
    confident = p.confident
    if confident is None:
        headline = "Searching for the earliest month you can stop saving…"
    elif confident.month is None:
        headline = (f"You cannot stop saving before {p.until_text} with {percent(confident.confidence)} "
                    f"confidence (stopping in the last month: {percent(confident.success)} success)")
    else:
        headline = (f"You can stop saving in {month_text(p, confident.month)} with "
                    f"{percent(confident.confidence)} confidence{sampled_text(p)}")
    if p.stop_month >= p.months:
        target = f"Your target age lies beyond {p.until_text}: saving never stops in this plan"
    elif p.stop_month == p.target_month:
        target = f"Stopping at your target age {p.age_at(p.stop_month)}: {share(p.success_probability)} success"
    else:
        target = f"Stopping in {month_text(p, p.stop_month)}: {share(p.success_probability)} success"
    return headline, target


def sampled_text(p: Projection) -> str:
    """" (90.2 % of paths succeed, ± 0.6 points from sampling)": the success the confident month
    reached and its Monte Carlo error (ConfidentStop.sampling_error), as the terminal says it."""
    confident = p.confident
    if p.mode != MONTE_CARLO or confident is None or confident.month is None:
        return ""
    error = confident.sampling_error
    margin = f", ± {user_locale().toString(100 * error, 'f', 1)} points from sampling" if error > 0 else ""
    return f" ({percent(confident.success, 1)} of paths succeed{margin})"


def share(value: float) -> str:
    """A success share in whole percent, with one decimal where whole percent would round to 100 %
    (or 0 %) what is not: "100 % success" beside paths that run out would contradict itself."""
    whole = round(100 * value)
    return percent(value, 1 if (whole == 100 and value < 1) or (whole == 0 and value > 0) else 0)


def basis_text(p: Projection) -> str:
    """What the results come from: the expected path, Monte Carlo paths, or history's start months."""
    if p.mode != MONTE_CARLO:
        return f"the expected path (no randomness), to {p.until_text}"
    if p.backtest is not None and p.backtest.starts:
        starts = p.backtest.starts  # those run so far
        return (f"history as it happened, {count(p.paths_done)} of {count(p.paths_total)} start months "
                f"({starts[0]} to {starts[-1]}), to {p.until_text}")
    return f"Monte Carlo, {count(p.paths_done)} of {count(p.paths_total)} paths, to {p.until_text}"


def access_text(p: Projection) -> str:
    """The facts of services.answer.access_text in the user's locale: when each account with an
    access age can be drawn without its penalty, and how often stopping draws on them early."""
    opening = [f"{name} from {month_text(p, month)}" for name, month, _ in p.locked_accounts if month < p.months]
    if not opening:
        return "no account has an access age within the plan"
    if p.stop_month >= p.months:
        return "; ".join(opening) + "; saving never stops"
    when = "at the target" if p.stop_month == p.target_month else f"in {month_text(p, p.stop_month)}"
    early = ("no path draws on them early" if p.penalty_share == 0
             else f"{percent(p.penalty_share, 1)} of paths pay a penalty to draw on them early")
    return f"{'; '.join(opening)}. Stopping {when}, {early}"


def tax_text(p: Projection, symbol: str) -> str:
    """The median tax of the first year after the stop and its 10-90 % range (services.answer.tax_after_stop)."""
    tax = tax_after_stop(p)
    if tax is None:
        return "saving never stops"
    return (f"{full_money(tax.median, symbol)} in {tax.year} (10–90 %: {full_money(tax.low, symbol)} – "
            f"{full_money(tax.high, symbol)}), today's money")


def summary_texts(projection: Projection, plan: Plan) -> dict[str, str]:
    """Each row's text for one result (pure, so tests can read it without widgets)."""
    p, symbol = projection, currency_symbol(plan.currency)
    low, high = p.fi_month_range
    headline, target = headline_texts(p)
    stop_age = p.age_at(p.stop_month) if p.stop_month < p.months else None
    texts = {
        "headline": headline,
        "target": target,
        "basis": basis_text(p),
        "ruin": (f"{percent(p.ruin_probability, 1)} of paths run out after stopping at {stop_age}"
                 if stop_age is not None else "saving never stops"),
        "income_at_stop": (f"{full_money(p.income_at_stop_real, symbol)} a year against "
                           f"{full_money(p.spending_at_stop_real, symbol)} of planned spending (today's money)"
                           if p.income_at_stop_real is not None else "saving never stops"),
        "tax_after_stop": tax_text(p, symbol),
        "access": access_text(p),
        "fi_date": month_text(p, p.median_fi_month) + f" — {RULE_NAMES[plan.fi_rule.kind]}",
        "fi_range": " – ".join("not reached" if m is None else short_month(p.calendar_month(m)) for m in (low, high)),
        "rule_success": ("no path passes it" if p.rule_success is None
                         else f"{percent(p.rule_success, 1)} success on the paths that pass it"),
    }
    if not p.rule_tested:  # the expected path is shown before the FI test has run
        texts.update(fi_date="tested with the Monte Carlo paths…", fi_range="…", rule_success="…")
    hours = sum(s.hours for s in p.streams) + p.part_time_hours  # part-time work counts like upkeep
    income = sum(s.total_income_real for s in p.streams) + p.part_time_income_real
    texts["passivity"] = (f"{full_money(income / hours, symbol)} of income per hour of upkeep" if hours > 0
                          else "no upkeep hours at all")
    year = min(p.stop_month // 12, p.years - 1)
    texts["sources"] = (f"{user_locale().toString(float(p.effective_sources[year]), 'f', 1)} "
                        f"in {int(p.year_labels[year])}") if p.years else "–"
    ranked = sorted((s for s in p.streams if s.worst_share > 0), key=lambda s: -s.worst_share)[:WORST_NAMED]
    if p.paths_done <= 1:
        texts["worst"] = "needs Monte Carlo paths"
    elif ranked:
        texts["worst"] = ", ".join(f"{s.name} ({percent(s.worst_share)})" for s in ranked)
    else:
        texts["worst"] = "no stream stands out" if p.streams else "no streams yet"
    return texts


class SummaryPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectionSummary")
        column = QVBoxLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, style in (("headline", "font-weight: bold; font-size: 115%;"), ("target", "font-weight: bold;")):
            label = QLabel("–")
            label.setObjectName(f"summary_{key}")
            label.setWordWrap(True)
            label.setStyleSheet(style)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)
            self.values[key] = label
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        column.addLayout(form)
        column.addStretch(1)
        self.names: dict[str, QLabel] = {}
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
        for key, text in summary_texts(projection, plan).items():
            self.values[key].setText(text)

    def text(self, key: str) -> str:
        return self.values[key].text()
