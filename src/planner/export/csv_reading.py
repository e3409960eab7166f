"""Reading a CSV file someone else made: its encoding, its delimiter and whether numbers use a
decimal comma are detected, not asked for, and every row keeps its line number for messages."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t", "|")
#: Lines looked at to choose the delimiter and the decimal mark.
SAMPLE_LINES = 50
MAX_BYTES = 100 * 1024 * 1024
MAX_FIELD = 10_000

_DECIMAL_COMMA = re.compile(r"^[-+]?[\d.\s\u00a0']*\d,\d+$")  # 1.234,56 or 4,5
_DECIMAL_POINT = re.compile(r"^[-+]?[\d,\s\u00a0']*\d\.\d+$")  # 1,234.56 or 4.5


class CsvFormatError(ValueError):
    """The file cannot be read as a table; one line for the user."""


@dataclass(frozen=True)
class CsvTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]  # the line number (1-based, in the file) where each row starts
    encoding: str
    delimiter: str
    decimal_comma: bool


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without a byte-order mark), UTF-16 (with a mark, or
    recognised by its zero bytes), else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _decoded(data[3:], "utf-8", "UTF-8 with BOM")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data, "utf-16", "UTF-16")
    sample = data[:2000]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:  # UTF-16 without a mark: every other byte 0
        even_zeros = sample[0::2].count(0)
        return _decoded(data, "utf-16-be" if even_zeros > sample[1::2].count(0) else "utf-16-le", "UTF-16")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return _decoded(data, "cp1252", "Windows-1252")


def _decoded(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as error:
        raise CsvFormatError(f"the file is not readable as {name} text (byte {error.start})") from None


def choose_delimiter(text: str) -> str:
    """The candidate found the same number of times (at least once) on most sample lines."""
    lines = [line for line in text.splitlines()[:SAMPLE_LINES] if line.strip()]
    if not lines:
        raise CsvFormatError("the file is empty")
    best, best_score = ",", -1
    for candidate in DELIMITERS:
        counts = [line.count(candidate) for line in lines]
        if counts[0] == 0:
            continue
        score = sum(count == counts[0] for count in counts)
        if score > best_score:
            best, best_score = candidate, score
    return best


def uses_decimal_comma(rows: list[list[str]], delimiter: str) -> bool:
    """Numbers like 4,5 or 1.234,56 in the sample (a comma cannot be decimal if it splits fields)."""
    if delimiter == ",":
        return False
    commas = points = 0
    for row in rows[:SAMPLE_LINES]:
        for cell in row:
            value = cell.strip()
            commas += bool(_DECIMAL_COMMA.match(value))
            points += bool(_DECIMAL_POINT.match(value))
    return commas > points


def read_table(data: bytes, progress: Callable[[int, int], None] | None = None) -> CsvTable:
    """The header row and data rows; blank lines are skipped. ``progress(done, total)`` is told
    every few thousand rows (in bytes) so a large file can show progress and be cancelled."""
    if len(data) > MAX_BYTES:
        raise CsvFormatError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    text, encoding = decode(data)
    delimiter = choose_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    previous_limit = csv.field_size_limit(MAX_FIELD)  # the limit is process-wide: put back after
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                lines.append(start)
            start = reader.line_num + 1
            if progress is not None and reader.line_num % 2000 == 0:
                progress(len(rows), 0)
    except csv.Error as error:
        raise CsvFormatError(f"line {reader.line_num}: {error}") from None
    finally:
        csv.field_size_limit(previous_limit)
    if not rows:
        raise CsvFormatError("the file is empty")
    headers = tuple(cell.strip().lstrip("\ufeff") for cell in rows[0])
    if len(set(h.casefold() for h in headers if h)) != len([h for h in headers if h]):
        raise CsvFormatError("line 1: two columns have the same name")
    body = rows[1:]
    return CsvTable(headers, tuple(tuple(r) for r in body), tuple(lines[1:]), encoding, delimiter,
                    uses_decimal_comma(body, delimiter))


def number_text(cell: str, decimal_comma: bool) -> str:
    """A cell as plain decimal text: grouping (spaces, apostrophes and the other mark) removed,
    a currency sign dropped, the decimal mark made a point."""
    value = cell.strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    value = value.lstrip("$€£¥").rstrip("$€£¥%").strip()
    if decimal_comma:
        return value.replace(".", "").replace(",", ".")
    return value.replace(",", "")
