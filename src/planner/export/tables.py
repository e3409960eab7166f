"""Writers for tables of plain values: CSV that spreadsheets open safely, and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

#: Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_text(columns: Sequence[str], rows: Sequence[Mapping[str, object]]) -> str:
    """Comma-separated, one header row, CRLF line ends as RFC 4180 says; text that could be read
    as a formula is prefixed with an apostrophe, numbers are written as numbers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(column) for column in columns])  # headers carry stream names
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return buffer.getvalue()


def json_text(document: object) -> str:
    """Indented JSON; refuses NaN and infinity, which JSON cannot carry."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
