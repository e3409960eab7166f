"""A projection as plain rows and dictionaries, ready for CSV and JSON writers.

Column meanings are documented in docs/engine.md ("Outputs"); change both together.
"""

from __future__ import annotations

import numpy as np

from planner.domain.catalogue import KINDS, PROPERTY_KINDS, Basis
from planner.engine.metrics import ACCOUNT_KINDS, PERCENTILES, Projection
from planner.engine.tax import ACCOUNT_TYPES

#: The account types as CSV columns name them (``<type>_balance_p50``, the plan files' type names).
ACCOUNT_COLUMNS = {kind: account_type.value for kind, account_type in zip(ACCOUNT_KINDS, ACCOUNT_TYPES, strict=True)}

#: The columns every consumer can rely on, first and in this order.
CORE_COLUMNS = ("year", "age", "net_worth_p10", "net_worth_p50", "net_worth_p90", "passive_income_p10",
                "passive_income_p50", "passive_income_p90", "fi_probability")
EXTRA_COLUMNS = ("net_worth_p5", "net_worth_p25", "net_worth_p75", "net_worth_p95", "passive_income_p5",
                 "passive_income_p25", "passive_income_p75", "passive_income_p95", "expenses",
                 "expenses_covered_p50", "fi_share_this_year", "shortfall_mean", "effective_sources", "work_income",
                 "one_off_events", *(f"income_{basis.value}" for basis in Basis),
                 "tax_paid_p10", "tax_paid_p50", "tax_paid_p90", "penalties_mean",
                 *(f"{kind}_balance_p50" for kind in ACCOUNT_COLUMNS.values()))
COLUMNS = CORE_COLUMNS + EXTRA_COLUMNS
MONTHLY_COLUMNS = ("year", "month", "age",
                   *(f"{measure}_p{p}" for measure in ("net_worth", "passive_income") for p in PERCENTILES),
                   "fi_probability", "expenses")
#: Per-stream columns are this prefix and the stream's name: the mean over paths of its result.
STREAM_PREFIX = "income: "
#: Property streams also get a column of their mean sale proceeds (planned or as a last resort).
SALE_PREFIX = "sale: "


def _money(value: float) -> float:
    return round(float(value), 2)


def yearly_rows(projection: Projection, nominal: bool = False) -> list[dict[str, float | int]]:
    """One row per projected year, money in today's prices unless ``nominal``."""
    basis = "nominal" if nominal else "real"
    worth, income = projection.net_worth[basis], projection.passive_income[basis]
    rows = []
    for year in range(projection.years):
        level = float(projection.price_level[year]) if nominal else 1.0
        row: dict[str, float | int] = {"year": int(projection.year_labels[year]), "age": int(projection.ages[year])}
        for p in PERCENTILES:
            row[f"net_worth_p{p}"] = _money(projection.percentile(worth, p)[year])
            row[f"passive_income_p{p}"] = _money(projection.percentile(income, p)[year])
        row["fi_probability"] = round(float(projection.fi_probability[year]), 4)
        row["expenses"] = _money(projection.expenses[year] if nominal else projection.expenses_real[year])
        row["work_income"] = _money(projection.work_income_real[year] * level)
        for basis, series in income_by_basis(projection, nominal).items():
            row[f"income_{basis.value}"] = _money(series[year])
        row["one_off_events"] = _money(projection.events_real[year] * level)
        row["expenses_covered_p50"] = round(float(projection.percentile(projection.coverage, 50)[year]), 4)
        row["fi_share_this_year"] = round(float(projection.fi_year_share[year]), 4)
        row["shortfall_mean"] = _money(projection.shortfall_real[year] * level)
        row["effective_sources"] = round(float(projection.effective_sources[year]), 2)
        _tax_and_accounts(row, projection, year, level)
        rows.append({column: row[column] for column in COLUMNS})
    return rows


def _tax_and_accounts(row: dict[str, float | int], projection: Projection, year: int, level: float) -> None:
    """Tax paid in the year (10th, 50th, 90th percentile) and the median capital in each account type
    at its end."""
    for p in (10, 50, 90):
        row[f"tax_paid_p{p}"] = _money(projection.percentile(projection.tax_paid_real, p)[year] * level)
    row["penalties_mean"] = _money(projection.penalty_mean_real[year] * level)
    for kind, column in ACCOUNT_COLUMNS.items():
        row[f"{column}_balance_p50"] = _money(projection.percentile(projection.accounts_real[kind], 50)[year] * level)


def income_by_basis(projection: Projection, nominal: bool = False) -> dict[Basis, np.ndarray]:
    """(years,) mean income of the streams of each source kind: capital (investments and property),
    effort (side businesses) and entitlements (pensions and annuities)."""
    totals = {basis: np.zeros(projection.years) for basis in Basis}
    for figures in projection.streams:
        totals[KINDS[figures.kind].basis] += figures.income if nominal else figures.income_real
    return totals


def monthly_rows(projection: Projection, nominal: bool = False) -> list[dict[str, float | int]]:
    """One row per projected month (needs a projection run with monthly figures)."""
    monthly = projection.monthly
    if monthly is None:
        raise ValueError("this projection was run without monthly figures")
    basis = "nominal" if nominal else "real"
    rows = []
    for index in range(monthly.year.size):
        row: dict[str, float | int] = {"year": int(monthly.year[index]), "month": int(monthly.month[index]),
                                       "age": int(monthly.ages[index])}
        for p in PERCENTILES:
            row[f"net_worth_p{p}"] = _money(projection.percentile(monthly.net_worth[basis], p)[index])
            row[f"passive_income_p{p}"] = _money(projection.percentile(monthly.passive_income[basis], p)[index])
        row["fi_probability"] = round(float(monthly.fi_probability[index]), 4)
        row["expenses"] = _money(monthly.expenses[index] if nominal
                                 else projection.expenses_real[index // 12] / 12.0)
        rows.append(row)
    return rows


def projection_table(projection: Projection, nominal: bool = False, monthly: bool = False,
                     per_stream: bool = False) -> tuple[tuple[str, ...], list[dict[str, float | int]]]:
    """Columns and rows of the exported table: yearly or monthly, with a column per stream on request."""
    columns, rows = (MONTHLY_COLUMNS, monthly_rows(projection, nominal)) if monthly else (
        COLUMNS, yearly_rows(projection, nominal))
    if not per_stream:
        return columns, rows
    names = tuple(STREAM_PREFIX + figures.name for figures in projection.streams)
    if monthly:
        per_month = projection.monthly.stream_income if nominal else projection.monthly.stream_income_real
        values = list(per_month.T)
    else:
        values = [figures.income if nominal else figures.income_real for figures in projection.streams]
        properties = [figures for figures in projection.streams if figures.kind in PROPERTY_KINDS]
        names += tuple(SALE_PREFIX + figures.name for figures in properties)
        level = projection.price_level if nominal else 1.0
        values += [figures.sales_real * level for figures in properties]
    for column, series in zip(names, values, strict=True):
        for row, value in zip(rows, series, strict=True):
            row[column] = _money(value)
    return columns + names, rows


def answer_summary(projection: Projection, searched: bool = True) -> dict[str, object]:
    """The answer (PRODUCT.md section 1) as the JSON summary: exactly these keys. ``stop_month`` is
    the month every path stops saving (null: not within the plan); ``fi_at_confidence`` the
    earliest month to stop with success at the confidence (null without a search)."""
    stop = projection.stop_month
    summary: dict[str, object] = {
        "plan_until_age": projection.plan_until_age,
        "stop_month": str(projection.calendar_month(stop)) if stop < projection.months else None,
        "success_probability": round(projection.success_probability, 4),
        "ruin_probability": round(projection.ruin_probability, 4),
        "fi_at_confidence": None,
    }
    confident = projection.confident
    if searched and confident is not None:
        month = confident.month
        summary["fi_at_confidence"] = {
            "month": None if month is None else str(projection.calendar_month(month)),
            "age": None if month is None else projection.age_at(month),
            "confidence": round(confident.confidence, 4),
            "success_probability": round(confident.success, 4),
            "sampling_error": round(confident.sampling_error, 4),  # binomial 95 % half-width, a share
            "paths_measured": confident.paths,
        }
    return summary


def projection_document(projection: Projection, nominal: bool = False, **about: object) -> dict[str, object]:
    """Everything the projection computed, as JSON-ready values. ``about`` adds identifying
    fields (plan name, scenario, currency, start month) at the top."""
    basis = "nominal" if nominal else "real"
    start = int(projection.year_labels[0]) if projection.years else None

    def month_text(month: int | None) -> str | None:
        return None if month is None else str(projection.calendar_month(month))

    median_month = projection.median_fi_month
    curve = projection.success_curve
    return {
        "format": "passive-income-planner-projection",
        "version": 2,
        **about,
        "mode": projection.mode,
        "return_model": projection.return_model,
        "paths": projection.paths_done,
        "seed": projection.seed,
        "years": projection.years,
        "first_year": start,
        "money": basis,
        "percentiles": list(PERCENTILES),
        "summary": answer_summary(projection, projection.confident is not None),
        "success_by_stop_year": None if curve is None else [
            {"stop_month": month_text(month), "age": projection.age_at(month), "success_probability":
             round(float(curve[month]), 4)} for month in range(0, projection.months, 12)],
        "fi_rule": {
            "median_fi_month": month_text(median_month),
            "median_fi_age": None if median_month is None else projection.age_at(median_month),
            "fi_month_p10": month_text(projection.fi_month_range[0]),
            "fi_month_p90": month_text(projection.fi_month_range[1]),
            "fi_probability_by_target_age": round(projection.fi_by_target, 4) if projection.target_in_horizon
            else None,
            "success_when_stopping_at_fi": None if projection.rule_success is None
            else round(projection.rule_success, 4),
        },
        "risk": {
            "passive_income_at_stop_real": None if projection.income_at_stop_real is None
            else _money(projection.income_at_stop_real),
            "max_drawdown": dict(zip((f"p{p}" for p in PERCENTILES),
                                     (round(float(v), 4) for v in projection.max_drawdown), strict=True)),
        },
        "yearly": yearly_rows(projection, nominal),
        "sleeves": [{"year": int(label), "safe": _money(values[0]), "core": _money(values[1]),
                     "speculative": _money(values[2])}
                    for label, values in zip(projection.year_labels, projection.sleeve_value, strict=True)],
        "streams": [{
            "name": figures.name,
            "kind": figures.kind,
            "income_by_year": [_money(v) for v in (figures.income if nominal else figures.income_real)],
            "total_income_real": _money(figures.total_income_real),
            "hours": round(figures.hours, 1),
            "income_per_hour_real": None if not np.isfinite(figures.passivity) else _money(figures.passivity),
            "share_of_worst_outcomes": round(figures.worst_share, 4),
            **({"sale_proceeds_real_by_year": [_money(v) for v in figures.sales_real],
                "sold_as_last_resort_share": round(figures.last_resort_share, 4)}
               if figures.kind in PROPERTY_KINDS else {}),
        } for figures in projection.streams],
        **({"history": {"table": projection.backtest.table, "starts": len(projection.backtest.starts),
                        "success_rate": round(projection.backtest.success_rate, 4)},
            "history_starts": projection.backtest.documents()} if projection.backtest is not None else {}),
    }
