"""The report's text, section by section, as Qt rich text. Money, dates and numbers are in the
user's locale; everything the user typed is escaped. Pure functions, so tests read them directly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

import numpy as np
from PySide6.QtCore import QLocale

from planner.domain.catalogue import KINDS
from planner.domain.fields import FieldSpec
from planner.domain.plan import Plan
from planner.domain.record_fields import (
    ASSUMPTION_FIELDS,
    FI_RULE_FIELDS,
    HOUSEHOLD_FIELDS,
    STRATEGY_FIELDS,
)
from planner.engine.metrics import Projection
from planner.services.backtest import history_choices
from planner.services.report import ReportData
from planner.services.whatif.explain import concentration_warnings
from planner.ui.charts.axes import full_money, percent
from planner.ui.formatting import count, currency_symbol, label, number, user_locale
from planner.ui.summary_panel import ROWS, month_text, short_month, summary_texts

TABLE = '<table width="100%" cellspacing="0" cellpadding="3" style="border-collapse: collapse;">'
HEADER_CELL = 'style="background-color: #e8eef6; border-bottom: 1px solid #6a7f99;"'
CELL = 'style="border-bottom: 1px solid #d5dbe3;"'
#: Longest name (in characters) that fits a legend of three columns, and of two, on the page.
LEGEND_NAME_CHARS = (26, 44)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1,
          first_width: int | None = None) -> str:
    """A ruled table; columns from ``numeric_from`` on are right-aligned (cells are HTML already);
    ``first_width`` gives the first column that percentage of the width."""
    def align(index: int) -> str:
        return "right" if index >= numeric_from else "left"

    def width(index: int) -> str:
        return f' width="{first_width}%"' if index == 0 and first_width else ""

    head = "".join(f'<th align="{align(i)}"{width(i)} {HEADER_CELL}>{h}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td align="{align(i)}" {CELL}>{cell}</td>' for i, cell in enumerate(row))
                   + "</tr>" for row in rows)
    header = f"<thead><tr>{head}</tr></thead>" if any(headers) else ""
    return f"{TABLE}{header}{body}</table>"


@dataclass(frozen=True)
class PrintedEntry:
    """A legend entry as the report prints it: the name as typed, and its swatch."""

    name: str
    shade: str  # "#rrggbb", as it looks on white paper
    line: bool  # a line sample, not a filled box
    dashed: bool


def legend(entries: Sequence[PrintedEntry]) -> str:
    """A chart's legend as text: each entry's swatch (a box, a line or a dashed line in its colour)
    and its whole name, in as many columns as the longest name allows; a name wraps, never cut."""
    longest = max((len(entry.name) for entry in entries), default=0)
    columns = 3 if longest <= LEGEND_NAME_CHARS[0] else 2 if longest <= LEGEND_NAME_CHARS[1] else 1
    share = 100 // columns - 4
    cells = [f"<td width='4%' align='center'><span style='color:{entry.shade}; font-size: 11pt;'>{_swatch(entry)}"
             f"</span></td><td width='{share}%'>{escape(entry.name)}</td>" for entry in entries]  # wraps under itself
    rows = ["".join(cells[i:i + columns]) for i in range(0, len(cells), columns)]
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='1' width='100%'>{body}</table>"


def _swatch(entry: PrintedEntry) -> str:
    if not entry.line:
        return "■"
    return "╍╍" if entry.dashed else "━━"


def title_section(data: ReportData) -> str:
    plan, locale = data.plan, user_locale()
    made = locale.toString(data.made_on, QLocale.FormatType.LongFormat)
    return (f'<h1 style="font-size: 20pt;">{escape(plan.name)}</h1>'
            f'<p style="font-size: 11pt; color: #44546a;">Passive income plan report · {escape(made)}</p>'
            f"<p>Money in {escape(plan.currency)}, in today's money (prices of {short_month(plan.start)}) unless a "
            f"figure says otherwise. Projection from {short_month(plan.start)} over "
            f"{data.montecarlo.years} years, to {data.montecarlo.until_text}; Monte Carlo with "
            f"{count(data.montecarlo.paths_done)} paths ({label(data.montecarlo.return_model)} returns, seed "
            f"{data.montecarlo.seed}).</p>")


def summary_section(data: ReportData) -> str:
    """The answer first (the window's two headline lines), then the summary's rows."""
    texts = summary_texts(data.montecarlo, data.plan)
    names = dict(ROWS)
    rows = [[escape(names[key]), escape(texts[key])] for key, _ in ROWS if key != "basis"]
    answer = (f"<p style='font-size: 12pt;'><b>{escape(texts['headline'])}.</b></p>"
              f"<p style='font-size: 11pt;'><b>{escape(texts['target'])}</b> (no month of spending more than "
              f"{escape(percent(float(data.plan.fi_rule.shortfall_tolerance) / 100))} short until "
              f"{data.montecarlo.until_text}).</p>")
    return "<h2>Summary</h2>" + answer + table(["", ""], rows, numeric_from=2)


def _field_rows(record: object, specs: Sequence[FieldSpec], currency: str) -> list[list[str]]:
    locale = user_locale()
    rows = []
    for spec in specs:
        value = getattr(record, spec.key)
        text = str(value) if not spec.grouped else number(Decimal(value), spec.unit, currency, locale)
        rows.append([escape(spec.label), escape(text)])
    return rows


#: The household's own fields the assumptions table lists; the partner and work are on the life page.
FIRST_ADULT = ("birth_year", "monthly_expenses", "inflation", "target_fi_age", "plan_until_age")


def household_section(plan: Plan) -> str:
    h, rule, strategy, assumptions = plan.household, plan.fi_rule, plan.strategy, plan.assumptions
    rows = _field_rows(h, [f for f in HOUSEHOLD_FIELDS if f.key in FIRST_ADULT], plan.currency)
    rows += [["FI test", escape(label(rule.kind.value))],
             ["Withdrawals after the stop", escape(label(rule.withdrawal_method.value))],
             ["Withdrawal rate", "fixed" if rule.fixed_withdrawal_rate else "by the years left (4 % for 30 years "
              "or fewer, 3.5 % for 40, 3.25 % for 50 or more)"]]
    rows += _field_rows(rule, FI_RULE_FIELDS if rule.fixed_withdrawal_rate
                        else tuple(f for f in FI_RULE_FIELDS if f.key != "safe_withdrawal_rate"), plan.currency)
    rows += [["Strategy", escape(label(strategy.preset.value))],
             ["Rebalancing", escape(label(strategy.rebalancing.value))]]
    rows += _field_rows(strategy, STRATEGY_FIELDS, plan.currency)
    rows += _field_rows(assumptions, ASSUMPTION_FIELDS, plan.currency)
    rows += [["Return model", escape(label(assumptions.return_model.value))],
             ["History table", escape(dict(history_choices(plan)).get(assumptions.history_table,
                                                                       assumptions.history_table))],
             ["Property sold as a last resort", "yes" if assumptions.sell_property_last_resort else "no"]]
    rows.append(["Tax", "see Accounts and tax"])
    return "<h2>Household and assumptions</h2>" + table(["Item", "Value"], rows)


def streams_section(plan: Plan, projection: Projection) -> str:
    symbol, locale = currency_symbol(plan.currency), user_locale()
    figures = {f.name: f for f in projection.streams}
    rows = []
    for stream in plan.streams:
        f = figures.get(stream.name)
        yield_text = "–" if f is None or not np.isfinite(f.yield_rate) else percent(f.yield_rate, 1)
        risk_text = "–" if f is None or not np.isfinite(f.risk) else percent(f.risk, 1)
        end = f" – {short_month(stream.end)}" if stream.end is not None else ""
        upkeep = locale.toString(float(stream.upkeep_hours), "f", 0 if stream.upkeep_hours % 1 == 0 else 1)
        about = f"{KINDS[stream.kind].name}, from {short_month(stream.start)}{end}"
        rows.append([f"{escape(stream.name)}<br/>{_muted(escape(about))}",
                     escape(label(stream.sleeve.value)), escape(full_money(float(stream.starting_amount), symbol)),
                     escape(yield_text), escape(risk_text),
                     escape(upkeep),
                     escape(full_money(f.total_income_real, symbol) if f is not None else "–")])
    note = ("<p style='color:#44546a;'>Yield: a year's income per unit of money in the stream; risk: the spread "
            "between paths of a year's result (both measured in the simulation, see the method page). Upkeep in "
            "hours a month. Income: the mean over paths of all the stream's income over the horizon, after tax, "
            "in today's money.</p>")
    if not rows:
        return "<h2>Streams</h2><p>The plan has no streams yet.</p>"
    return ("<h2>Streams</h2>" + table(["Stream", "Sleeve", "Starting amount", "Yield", "Risk", "Upkeep", "Income"],
                                       rows, numeric_from=2, first_width=34) + note)


def scenario_section(data: ReportData) -> str:
    """Key figures per scenario and their differences from the base plan."""
    symbol = currency_symbol(data.plan.currency)
    base = data.scenarios[0].projection
    rows = []
    for index, result in enumerate(data.scenarios):
        p = result.projection
        points = "" if index == 0 else _points(p.success_probability, base.success_probability)
        rule = "–" if p.rule_success is None else percent(p.rule_success, 1)
        stop = month_text(p, p.stop_month, "never")
        rows.append([f"<b>{escape(result.name)}</b><br/>{_muted(escape(result.description))}", escape(stop),
                     escape(percent(p.success_probability, 1) + points), escape(percent(p.ruin_probability, 1)),
                     escape(rule), escape(full_money(p.percentile(p.net_worth["real"], 50)[-1], symbol))])
    headers = ["Scenario", "Stops saving", "Success", "Running out", "Stopping at the FI test's date",
               f"Median net worth {int(base.year_labels[-1])}"]
    return ("<h2>Scenario comparison</h2>" + table(headers, rows, first_width=30)
            + "<p style='color:#44546a;'>Each scenario stops saving at its own target age; success and running out "
              "are measured from then until the plan-until age, and the FI test's column is the success of stopping "
              "when that scenario's FI test first holds (points: the change from the base plan). Every scenario is "
              "run with the same paths and seed, so differences come from the scenario, not from chance; "
              "<i>planner compare</i> adds each one's earliest confident month.</p>")


def _muted(html: str) -> str:
    return f"<span style='color:#5b6b7f;'>{html}</span>"


def _points(value: float, base: float) -> str:
    difference = 100 * (value - base)
    return f" ({difference:+.0f} pts)".replace("-", "−")


def risk_section(data: ReportData) -> str:
    p, symbol = data.montecarlo, currency_symbol(data.plan.currency)
    drawdown = dict(zip((5, 10, 25, 50, 75, 90, 95), p.max_drawdown, strict=True))
    stop = month_text(p, p.stop_month, "never")
    lines = [
        f"Stopping saving in {escape(stop)}: <b>{percent(p.success_probability, 1)}</b> of paths keep spending "
        f"within the tolerance until {p.until_text}; <b>{percent(p.ruin_probability, 1)}</b> run out "
        "(liquid money gone and nothing left to sell).",
        f"Worst fall in real net worth along a path: {percent(drawdown[50])} in the median path, "
        f"{percent(drawdown[90])} or more in one path in ten.",
    ]
    for figures in p.streams:
        if figures.last_resort_share > 0:
            lines.append(f"{escape(figures.name)} is sold as a last resort on {percent(figures.last_resort_share, 1)}"
                         " of paths (at its value less selling costs and the mortgage).")
    worst = sorted((s for s in p.streams if s.worst_share > 0), key=lambda s: -s.worst_share)
    rows = [[escape(s.name), escape(KINDS[s.kind].name), percent(s.worst_share)] for s in worst[:8]]
    drivers = (table(["Stream", "Kind", "Share of the shortfall"], rows, numeric_from=2) if rows else
               "<p>No stream stands out in the worst outcomes.</p>")
    warnings = [escape(w) for w in p.warnings] + [escape(w) for w in concentration_warnings(p)]
    warning_html = "".join(f"<p style='color:#a12a20;'>⚠ {w}</p>" for w in warnings)
    income_at_stop = ("" if p.income_at_stop_real is None else
                      f"<p>Median passive income in the year saving stops: {full_money(p.income_at_stop_real, symbol)}"
                      f" a year, against {full_money(p.spending_at_stop_real, symbol)} of planned spending; "
                      "withdrawals pay the rest."
                      "</p>")
    return ("<h2>Risks and what drives the worst outcomes</h2>" + "".join(f"<p>{line}</p>" for line in lines)
            + income_at_stop + "<h3>Streams behind the worst 10 % of outcomes</h3>"
            "<p style='color:#44546a;'>How much of the gap between the average path and the worst tenth of paths "
            "(by final net worth) each stream explains.</p>" + drivers + warning_html)


def method_section(plan: Plan) -> str:
    paragraphs = (
        "The projection simulates the household month by month. Each month every stream pays its income, "
        "which is taxed by its category in a taxable account, then reinvested, pooled or paid out as the stream "
        "says; savings fill the accounts in their order and are split between the safe, core and speculative "
        "sleeves by the strategy and within a sleeve by weight; sleeves are "
        "rebalanced as the strategy says. From the month it stops saving the household lives on its streams and "
        "draws capital as the withdrawal method allows; a path succeeds when no month until the plan-until age "
        "pays less than planned spending by more than the shortfall tolerance. What liquid money cannot pay is "
        "owed at the overdraft rate, and property may be sold as a last resort. The headline is the earliest "
        "month to stop whose success reaches the confidence, searched on the same paths for every month. The FI "
        "test (sustainable income, or business income plus a safe withdrawal rate on liquid capital net of debts "
        "and committed purchases) must hold twelve months in a row; its dates are shown with the success of "
        "stopping then.",
        "Markets are simulated as correlated monthly shocks for interest rates, equities, real estate, crypto and "
        "inflation. The Monte Carlo run draws many such futures (paths) from a seeded random generator, so the same "
        "plan and seed always give the same report. Percentile bands show the spread between paths: the 10–90 % "
        "band holds eight paths in ten. The expected path is one path without randomness: every return at its "
        "mean and every risk event at its expected rate.",
        "Today's money divides each path's money by that path's own price level, so figures are in the prices of "
        "the plan's first month. Yield and risk per stream are measured in the simulation on one unit of money "
        "in the stream: yield is a year's income per unit, risk the standard deviation between paths of a year's "
        "result (income plus change in value) per unit.",
        "Default assumptions (inflation, tax rates, safe withdrawal rate, each kind's yield and risk) come from "
        "published figures listed in the app's documentation (docs/defaults.md), for example US CPI history from "
        "the BLS and the 4 % rule of Bengen (1994). They are starting points that the plan's owner has reviewed "
        "or changed; the values used are on the household and assumptions page.",
        "Tax follows the plan's rules (the Accounts and tax page): income in taxable accounts is taxed by its "
        "category's table or flat rate, gains when sold over each stream's average cost, withdrawals from "
        "tax-deferred accounts as ordinary income; each year is settled in December with losses carried forward. "
        "Allowances and brackets grow with each path's prices.",
        "What the simulation does not model: state and local taxes, fees other than those entered, "
        "a resale value for businesses, pensions and work income after the stop, changes in tax law, and personal "
        "events such as job loss or illness.",
    )
    return "<h2>Method and assumptions</h2>" + "".join(f"<p>{text}</p>" for text in paragraphs)


DISCLAIMER = (
    "This report is a projection made by the owner of the plan with Passive Income Planner. It is not "
    "financial, tax or legal advice and not an offer of any product. Its figures follow from the assumptions "
    "shown, which may not hold; past returns do not predict future returns, and a probability from a simulation "
    "is not a guarantee. Discuss decisions with a qualified, independent adviser."
)


def disclaimer_section() -> str:
    return f"<h2>Disclaimer</h2><p>{DISCLAIMER}</p>"
