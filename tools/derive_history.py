"""Derive the app's built-in monthly history from Robert Shiller's public-domain data set.

    python tools/derive_history.py ../shared/data/us_stocks_shiller_monthly.csv \
        src/planner/resources/us-history.csv

Input: Shiller's monthly table (Date, SP500, Dividend, ..., Consumer Price Index, Long Interest
Rate, ...), as packaged by the datasets/s-and-p-500 project (ODC-PDDL-1.0). Output: a returns
table in the app's format (docs/engine.md, "Returns table"), one row per month t:

- equities: S&P composite total return, (P[t+1] + D[t] / 12) / P[t] - 1, in percent;
- bonds: total return of a 10-year bond bought at par at the long rate of month t and sold a
  month later, with 119 months left, at the long rate of month t + 1, in percent;
- rate: the long rate of month t, percent a year;
- inflation: CPI[t+1] / CPI[t] - 1, in percent.

The last month of the input has no month after it, so the table ends one month earlier.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADER = "month,equities,bonds,rate,inflation"
BOND_MONTHS = 120


def bond_return(yield_now: float, yield_next: float) -> float:
    """Monthly total return of a par 10-year bond (monthly coupons) repriced a month later."""
    coupon = yield_now / 12.0
    rate = yield_next / 12.0
    left = BOND_MONTHS - 1
    discount = (1.0 + rate) ** -left
    price = coupon * (1.0 - discount) / rate + discount if rate > 0 else coupon * left + 1.0
    return price + coupon - 1.0


def derive(rows: list[dict[str, str]]) -> list[str]:
    lines = [HEADER]
    for now, after in zip(rows, rows[1:], strict=False):
        price, dividend, price_next = float(now["SP500"]), float(now["Dividend"]), float(after["SP500"])
        cpi, cpi_next = float(now["Consumer Price Index"]), float(after["Consumer Price Index"])
        long_rate, long_next = float(now["Long Interest Rate"]) / 100.0, float(after["Long Interest Rate"]) / 100.0
        equities = (price_next + dividend / 12.0) / price - 1.0
        inflation = cpi_next / cpi - 1.0
        lines.append(f"{now['Date'][:7]},{equities * 100:.4f},{bond_return(long_rate, long_next) * 100:.4f},"
                     f"{long_rate * 100:.2f},{inflation * 100:.4f}")
    return lines


def main(source: Path, target: Path) -> None:
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    target.write_text("\n".join(derive(rows)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
