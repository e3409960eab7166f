"""Where the money is held and what it pays in tax: above, the median capital in taxable,
tax-deferred and tax-free accounts at each year's end; below, the median tax paid each year with
its 10-90 % band and the mean early-withdrawal penalties (part of the tax). Each account's
penalty-free month and the stop month are marked. Always in today's money: the engine keeps these
figures only so (docs/engine.md, "Accounts and tax")."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.fi_odds import Marker, month_position
from planner.services.chart_data.formats import Formats, year_axis, year_heading

#: The engine's account types, in the order drawn, with their names on the chart.
ACCOUNT_TYPES = (("taxable", "Taxable"), ("deferred", "Tax-deferred"), ("free", "Tax-free"))
#: The tax band's edges (percentiles).
TAX_BAND = (10, 90)


def account_medians(projection: Projection) -> np.ndarray:
    """(3, years) median capital in each account type (zeros where the run kept none: all taxable)."""
    rows = []
    for key, _ in ACCOUNT_TYPES:
        bands = projection.accounts_real.get(key)
        rows.append(np.zeros(projection.years) if bands is None or bands.size == 0
                    else projection.percentile(bands, 50))
    return np.array(rows, dtype=np.float64)


def _tax(projection: Projection, p: int) -> np.ndarray:
    bands = projection.tax_paid_real
    return np.zeros(projection.years) if bands.size == 0 else projection.percentile(bands, p)


def _penalties(projection: Projection) -> np.ndarray:
    values = projection.penalty_mean_real
    return np.zeros(projection.years) if values.size == 0 else values


def access_markers(projection: Projection) -> tuple[Marker, ...]:
    """A marker at each account's first penalty-free month within the plan, named after it."""
    return tuple(Marker(month_position(projection, month), f"{name} penalty-free")
                 for name, month, _ in projection.locked_accounts if 0 < month < projection.months)


def stop_marker(projection: Projection) -> Marker | None:
    """The month saving stops (None: never within the plan)."""
    p = projection
    if p.stop_month >= p.months:
        return None
    return Marker(month_position(p, p.stop_month), f"stop saving at {p.age_at(p.stop_month)}")


@dataclass(frozen=True)
class AccountsSeries:
    years: np.ndarray
    names: tuple[str, ...]  # each account type's name, in ACCOUNT_TYPES order
    capital: np.ndarray  # (3, years) median capital by type
    shown: tuple[bool, ...]  # which types to draw: taxable always, the others where the plan holds any
    tax: np.ndarray  # (years,) median tax paid
    tax_low: np.ndarray | None  # 10th and 90th percentiles; None on the expected path alone
    tax_high: np.ndarray | None
    penalties: np.ndarray  # (years,) mean early-withdrawal penalties
    access: tuple[Marker, ...]
    stop: Marker | None
    capital_title: str
    tax_title: str


def accounts_series(projection: Projection, montecarlo: bool, formats: Formats) -> AccountsSeries:
    """``montecarlo``: the projection is of many paths (medians and bands), not the expected path."""
    p = projection
    capital = account_medians(p)
    has_any = [bool(np.any(p.accounts_real.get(key, np.zeros(1)) > 0.5)) for key, _ in ACCOUNT_TYPES]
    shown = (True, *has_any[1:])
    band = montecarlo and p.paths_done > 1
    which = f"median of {formats.count(p.paths_done)} paths" if band else "expected path"
    return AccountsSeries(year_axis(p), tuple(name for _, name in ACCOUNT_TYPES), capital, shown, _tax(p, 50),
                          _tax(p, TAX_BAND[0]) if band else None, _tax(p, TAX_BAND[1]) if band else None,
                          _penalties(p), access_markers(p), stop_marker(p),
                          f"Capital by account type (today's money, {which})",
                          f"Tax paid each year (today's money, {which})")


def accounts_hover(projection: Projection, index: int, formats: Formats) -> str:
    """The read-out of one year: the capital in each account type, the tax paid and its band, the
    penalties, and an account that opens without its penalty that year."""
    p = projection
    lines = [year_heading(p, index)]
    capital = account_medians(p)[:, index]
    for (key, name), value in zip(ACCOUNT_TYPES, capital, strict=True):
        if key == "taxable" or np.any(p.accounts_real.get(key, np.zeros(1)) > 0.5):
            lines.append(f"{name}: {formats.money(float(value))}")
    lines.append(f"Tax paid: {formats.money(float(_tax(p, 50)[index]))}")
    if p.paths_done > 1:
        lines.append(f"Tax paid, 10–90 %: {formats.money(float(_tax(p, 10)[index]))} – "
                     f"{formats.money(float(_tax(p, 90)[index]))}")
    penalty = float(_penalties(p)[index])
    if penalty > 0.5:
        lines.append(f"Early-withdrawal penalties (mean, in the tax): {formats.money(penalty)}")
    lines += [f"{escape(name)} penalty-free from {p.calendar_month(month)}" for name, month, _ in p.locked_accounts
              if month // 12 == index]
    return "<br>".join(lines)
