"""A table of historical monthly market data that the user brings, for replay and bootstrap.

CSV format (docs/engine.md, "Returns table"): a header row, then one row per month, oldest first,
no gaps. Column ``month`` (YYYY-MM) is required, plus at least one of:

- ``equities``, ``real_estate``, ``crypto``: total return of that month in percent (dividends in);
- ``rate``: an interest rate level in percent per year (its monthly changes drive rate shocks);
- ``inflation``: that month's rise in consumer prices in percent;
- ``bonds``: total return of a bond index that month in percent (kept as it happened; the bond
  streams themselves reprice with the ``rate`` column and their own duration).

Two ways to use a table. *History's shape with my means* (historical replay, block bootstrap)
keeps the table's sequence, fat tails, crashes, autocorrelation and cross-correlation but not its
levels: each return column is turned into standardized log-return shocks, which each stream scales
by its own mean and volatility; inflation keeps the table's deviations from its average, re-centred
on the household's expected inflation. *As it happened* (the ``historical`` model) replays the
table's own returns, rates and inflation, one path per start month (``as_it_happened_rows``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np

from planner.engine.classes import CRYPTO, EQUITIES, INFLATION, RATES, REAL_ESTATE

RETURN_COLUMNS = {"rate": RATES, "equities": EQUITIES, "real_estate": REAL_ESTATE, "crypto": CRYPTO,
                  "inflation": INFLATION}
#: Columns kept only as they happened (no shock class of their own).
RAW_ONLY_COLUMNS = ("bonds",)
COLUMNS = (*RETURN_COLUMNS, *RAW_ONLY_COLUMNS)
MIN_ROWS = 24
MAX_ROWS = 100_000
DEFAULT_BLOCK_MONTHS = 12


class ReturnsTableError(ValueError):
    """The table cannot be used; the message names the row and column."""


@dataclass(frozen=True)
class ReturnsTable:
    """Standardized shocks per class (index as in classes.CLASSES), one value per table month, and
    the columns as they happened (``raw``: column name -> values in percent)."""

    first_month: str  # YYYY-MM
    columns: tuple[str, ...]
    standardized: dict[int, np.ndarray]
    inflation_deviations: np.ndarray | None
    raw: dict[str, np.ndarray] = field(default_factory=dict)
    name: str = "returns table"

    def month_text(self, row: int) -> str:
        """The table month of a row, YYYY-MM."""
        return _month_text(_month_index(self.first_month, 0) + row)

    def as_it_happened_starts(self, months: int) -> int:
        """How many start months have ``months`` of history after them (0: the table is too short)."""
        return max(self.rows - months + 1, 0)

    @property
    def rows(self) -> int:
        return len(next(iter(self.standardized.values()))) if self.standardized else len(self.inflation_deviations)

    def has(self, shock_class: int) -> bool:
        return shock_class in self.standardized or (shock_class == INFLATION and self.inflation_deviations is not None)

    def shocks(self, shock_class: int) -> np.ndarray:
        return self.standardized[shock_class]

    def inflation_deviation(self) -> np.ndarray:
        assert self.inflation_deviations is not None
        return self.inflation_deviations


def replay_rows(table_rows: int, months: int, first_path: int = 0, paths: int | None = None) -> np.ndarray:
    """Row of the table for each month of each path: path p starts at table month p and runs on,
    wrapping around to the table's start when the horizon is longer than what is left. A chunk asks
    for its own paths, first_path to first_path + paths."""
    count = table_rows - first_path if paths is None else paths
    return (np.arange(months)[:, None] + np.arange(first_path, first_path + count)[None, :]) % table_rows


def as_it_happened_rows(months: int, first_path: int, paths: int) -> np.ndarray:
    """Rows for history as it happened: path p starts at table month p and lives through the
    ``months`` that followed, never wrapping (only starts with a whole horizon after them run)."""
    return np.arange(months)[:, None] + np.arange(first_path, first_path + paths)[None, :]


def bootstrap_rows(table_rows: int, months: int, paths: int, rng: np.random.Generator,
                   block: int = DEFAULT_BLOCK_MONTHS) -> np.ndarray:
    """Circular block bootstrap: each path strings together blocks of ``block`` consecutive
    table months, each block starting at a random month."""
    blocks = -(-months // block)
    starts = rng.integers(0, table_rows, size=(blocks, paths))
    rows = starts[:, None, :] + np.arange(block)[None, :, None]
    return (rows.reshape(blocks * block, paths)[:months]) % table_rows


def parse_returns_table(text: str) -> ReturnsTable:
    """Read the CSV text; raises ReturnsTableError with a one-line reason."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ReturnsTableError("the returns table is empty") from None
    if "month" not in header:
        raise ReturnsTableError("the returns table needs a 'month' column (YYYY-MM)")
    unknown = [c for c in header if c != "month" and c not in COLUMNS]
    if unknown:
        raise ReturnsTableError(f"unknown column {unknown[0]!r}; use month, {', '.join(COLUMNS)}")
    if len(set(header)) != len(header):
        raise ReturnsTableError("a column appears twice in the returns table")
    data_columns = [c for c in header if c != "month"]
    if not any(c in RETURN_COLUMNS for c in data_columns):  # a table of bonds alone has nothing to replay
        raise ReturnsTableError("the returns table needs at least one of " + ", ".join(RETURN_COLUMNS))
    months: list[int] = []
    values: list[list[float]] = []
    for line_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ReturnsTableError(f"line {line_number}: expected {len(header)} cells, found {len(row)}")
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        month = _month_index(cells["month"], line_number)
        if months and month != months[-1] + 1:
            raise ReturnsTableError(f"line {line_number}: month {cells['month']} does not follow "
                                    f"{_month_text(months[-1])}; rows must be consecutive months, oldest first")
        months.append(month)
        values.append([_number(cells[c], line_number, c) for c in data_columns])
        if len(months) > MAX_ROWS:
            raise ReturnsTableError(f"the returns table has more than {MAX_ROWS} rows")
    if len(months) < MIN_ROWS:
        raise ReturnsTableError(f"the returns table needs at least {MIN_ROWS} months, found {len(months)}")
    array = np.asarray(values, dtype=np.float64)
    raw = {column: _frozen(array[:, position].copy()) for position, column in enumerate(data_columns)}
    standardized, inflation = _shocks(raw)
    return ReturnsTable(_month_text(months[0]), tuple(data_columns), standardized, inflation, raw)


def _shocks(raw: dict[str, np.ndarray]) -> tuple[dict[int, np.ndarray], np.ndarray | None]:
    """Standardized shocks per class and the inflation deviations, from the columns in percent."""
    standardized: dict[int, np.ndarray] = {}
    inflation = None
    for column, series in raw.items():
        if column != "rate" and np.any(series <= -100.0):
            line = int(np.argmax(series <= -100.0)) + 2
            raise ReturnsTableError(f"line {line}, {column}: a monthly change must be above -100 %")
        if column in RAW_ONLY_COLUMNS:
            continue
        if column == "inflation":
            log_inflation = np.log1p(series / 100.0)
            inflation = _frozen(log_inflation - log_inflation.mean())
            continue
        if column == "rate":
            changes = np.diff(series, prepend=series[0])
        else:
            changes = np.log1p(series / 100.0)
        spread = changes.std()
        if not spread > 0.0:
            raise ReturnsTableError(f"column {column!r} never changes, so it has no shocks to replay")
        standardized[RETURN_COLUMNS[column]] = _frozen((changes - changes.mean()) / spread)
    return standardized, inflation


def _month_index(text: str, line: int) -> int:
    """Months since year 0 of a YYYY-MM (or YYYY-MM-DD, as many data sets write) text."""
    parts = text.split("-")
    if len(parts) not in (2, 3) or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ReturnsTableError(f"line {line}, month: {text!r} is not a month like 1999-12")
    year, month = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12:
        raise ReturnsTableError(f"line {line}, month: {text!r} has no month {month}")
    return year * 12 + month - 1


def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _number(text: str, line: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ReturnsTableError(f"line {line}, {column}: {text!r} is not a number") from None
    if not np.isfinite(value) or abs(value) > 1e6:
        raise ReturnsTableError(f"line {line}, {column}: {text!r} is not a usable number")
    return value


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array
