"""Holdings from a CSV table become streams: columns are mapped to stream fields (guessed from
the headers, changeable), each row is checked on its own, and every bad row is reported with its
line number and reason. Nothing here writes; the service adds the streams only if all rows are good."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from planner.domain.account_validation import wrappable
from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS
from planner.domain.defaults import new_stream
from planner.domain.enums import AccountType, IncomePolicy, Sleeve, TaxCategory
from planner.domain.money import NumberError, parse_decimal
from planner.domain.plan import Plan, Stream
from planner.domain.validation import validate_streams
from planner.export.csv_reading import CsvTable, number_text

#: Stream fields a column can fill, with the header names recognised for each (compared without
#: case, spaces, dashes or underscores). A column named after a parameter of the row's kind (for
#: example ``apy`` or ``dividend_yield``, see `planner catalogue`) fills that parameter.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "holding", "stream", "description"),
    "kind": ("kind", "type", "product", "streamkind"),
    "starting_amount": ("startingamount", "amount", "value", "balance", "marketvalue"),
    "monthly_contribution": ("monthlycontribution", "contribution"),
    "start": ("start", "startmonth", "since"),
    "end": ("end", "endmonth", "until"),
    "sleeve": ("sleeve",),
    "income_policy": ("incomepolicy", "policy"),
    "tax_category": ("taxcategory", "tax"),
    "weight": ("weight",),
    "upkeep_hours": ("upkeephours", "upkeep", "hours"),
    "notes": ("notes", "note", "comment"),
    "account": ("account", "accountname", "wrapper"),
}
REQUIRED = ("name", "kind", "starting_amount")
CHOICES: dict[str, type[StrEnum]] = {"sleeve": Sleeve, "income_policy": IncomePolicy, "tax_category": TaxCategory}
NUMBERS = ("starting_amount", "monthly_contribution", "weight", "upkeep_hours")
#: Streams one import may add: a household's holdings, not a brokerage's book.
MAX_STREAMS = 500
#: Rows checked between progress reports (each is a chance for the window to run).
PROGRESS_ROWS = 200


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class HoldingsResult:
    streams: tuple[Stream, ...]
    problems: tuple[RowProblem, ...]


def _simple(header: str) -> str:
    return "".join(ch for ch in header.casefold() if ch.isalnum())


def suggest_mapping(headers: tuple[str, ...]) -> dict[str, str]:
    """field -> header for every field whose column can be recognised by its name."""
    mapping = {}
    for field, names in FIELDS.items():
        for header in headers:
            if _simple(header) in names and header not in mapping.values():
                mapping[field] = header
                break
    return mapping


def mapping_problems(mapping: Mapping[str, str], headers: tuple[str, ...]) -> list[str]:
    missing = [f for f in REQUIRED if not mapping.get(f)]
    unknown = [h for h in mapping.values() if h and h not in headers]
    return ([f"no column is chosen for {', '.join(missing)}"] if missing else []) + [
        f"there is no column {h!r}" for h in unknown]


def kind_key(text: str) -> str | None:
    """A kind's key from its key or its name, in any case."""
    wanted = text.strip().casefold()
    for key, kind in KINDS.items():
        if wanted in (key.casefold(), kind.name.casefold()):
            return key
    return None


def _choice(enum: type[StrEnum], text: str) -> StrEnum | None:
    wanted = _simple(text)
    for member in enum:
        if wanted == _simple(member.value):
            return member
    return None


def read_holdings(table: CsvTable, mapping: Mapping[str, str], plan: Plan,
                  progress: Callable[[int, int], None] | None = None) -> HoldingsResult:
    """Streams for every row, or the problems of every bad row (and then no streams)."""
    problems = [RowProblem(1, text) for text in mapping_problems(mapping, table.headers)]
    if problems:
        return HoldingsResult((), tuple(problems))
    index = {header: position for position, header in enumerate(table.headers)}
    param_columns = {_simple(header): position for position, header in enumerate(table.headers)}
    columns = {field: index[header] for field, header in mapping.items() if header}
    taken = {s.name.strip().casefold(): "the plan" for s in plan.streams}
    streams = []
    for number, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        if progress is not None and number % PROGRESS_ROWS == 0:
            progress(number, len(table.rows))
        stream, row_problems = _row_stream(row, columns, param_columns, table, plan)
        if stream is not None:
            key = stream.name.strip().casefold()
            if key in taken:
                row_problems.append(f"the name {stream.name!r} is already used by {taken[key]}")
            taken.setdefault(key, f"line {line}")
        problems += [RowProblem(line, text) for text in row_problems]
        if not row_problems and stream is not None:
            streams.append(stream)
    if not problems and len(streams) > MAX_STREAMS:
        problems.append(RowProblem(table.lines[MAX_STREAMS], f"an import adds at most {MAX_STREAMS} streams; "
                                   f"the file has {len(streams):,}"))
    if not problems and not streams:
        problems.append(RowProblem(1, "the file has a header but no rows"))
    return HoldingsResult(() if problems else tuple(streams), tuple(problems))


def _row_stream(row: tuple[str, ...], columns: dict[str, int], param_columns: dict[str, int], table: CsvTable,
                plan: Plan) -> tuple[Stream | None, list[str]]:
    if len(row) != len(table.headers):
        return None, [f"has {len(row)} fields where the header has {len(table.headers)}"]
    cells = {field: row[position].strip() for field, position in columns.items()}
    kind = kind_key(cells["kind"])
    if kind is None:
        return None, [f"{cells['kind'] or 'an empty kind'!r} is not a stream kind (see planner catalogue)"]
    problems: list[str] = []
    changes: dict[str, object] = {}
    for field in NUMBERS:
        if cells.get(field):
            try:
                changes[field] = parse_decimal(number_text(cells[field], table.decimal_comma))
            except NumberError as error:
                problems.append(f"{field.replace('_', ' ')}: {error}")
    for field, enum in CHOICES.items():
        if cells.get(field):
            member = _choice(enum, cells[field])
            if member is None:
                allowed = ", ".join(m.value for m in enum)
                problems.append(f"{field.replace('_', ' ')} {cells[field]!r} is not one of {allowed}")
            changes[field] = member
    for field in ("start", "end"):
        if cells.get(field):
            try:
                changes[field] = YearMonth.parse(cells[field])
            except ValueError:
                problems.append(f"{field} {cells[field]!r} is not a month like 2027-03")
    params = _params(kind, row, param_columns, table.decimal_comma, problems)
    if cells.get("account"):
        changes["account"] = _account_uid(cells["account"], kind, plan, problems)
    if problems:
        return None, problems
    stream = new_stream(kind, cells["name"], plan.start)
    stream = replace(stream, **changes, notes=cells.get("notes", ""),
                     params=tuple((key, params.get(key, value)) for key, value in stream.params))
    return stream, [problem.message for problem in validate_streams((stream,))]


def _account_uid(name: str, kind: str, plan: Plan, problems: list[str]) -> str:
    """The uid of the plan's account of that name (in any case), or "" with the problem said."""
    wanted = name.strip().casefold()
    account = next((a for a in plan.accounts if a.name.strip().casefold() == wanted), None)
    if account is None:
        known = ", ".join(repr(a.name) for a in plan.accounts)
        problems.append(f"account {name!r} is not an account of the plan "
                        + (f"(its accounts: {known})" if known else "(the plan has no accounts yet; add it first)"))
        return ""
    if account.account_type is not AccountType.TAXABLE and not wrappable(kind):
        problems.append(f"a {KINDS[kind].name.lower()} cannot sit in {account.name!r}: only investments (not "
                        "property, businesses or pensions) go in a tax-deferred or tax-free account")
    return account.uid


def _params(kind: str, row: tuple[str, ...], param_columns: dict[str, int], decimal_comma: bool,
            problems: list[str]) -> dict[str, Decimal]:
    """The kind's parameters that have a column of their own (by key, in any case)."""
    values = {}
    for spec in KINDS[kind].params:
        position = param_columns.get(_simple(spec.key))
        if position is None or not row[position].strip():
            continue
        try:
            values[spec.key] = parse_decimal(number_text(row[position], decimal_comma))
        except NumberError as error:
            problems.append(f"{spec.label}: {error}")
    return values
