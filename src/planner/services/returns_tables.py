"""Returns tables a plan carries: checking one, reading one from a CSV file, adding and removing
one as undoable commands.

A table is kept in the plan as the CSV text the user brought (``ReturnsTableText``), so a plan
file replays the same history on any machine. Whether the text parses is the engine's to say
(``engine.history.parse_returns_table``); the ui and the JSON import ask here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from planner.domain.plan import BUILT_IN_HISTORY, Plan, ReturnsTableText
from planner.domain.problems import Problem
from planner.domain.validation import MAX_TABLE_TEXT
from planner.engine.history import ReturnsTableError, parse_returns_table
from planner.export.files import ExportFileError, read_bytes_file
from planner.services.commands import Change


class ReturnsTableRefused(ValueError):
    """A returns table file that cannot be used; one line naming the file and, when it is the
    table's content, the line and column."""


def table_problem(text: str) -> str | None:
    """Why the CSV text is not a usable returns table (one line), or None when it is."""
    try:
        parse_returns_table(text)
    except ReturnsTableError as error:
        return str(error)
    return None


def table_problems(plan: Plan) -> list[Problem]:
    """A problem for each of the plan's tables whose text does not parse (path as validation's)."""
    return [Problem(f"returns_tables[{index}].text", f"{table.name!r}: {reason}")
            for index, table in enumerate(plan.returns_tables)
            if (reason := table_problem(table.text)) is not None]


def read_returns_table(path: Path) -> str:
    """The checked CSV text of a returns table file; raises ReturnsTableRefused otherwise."""
    try:
        data = read_bytes_file(Path(path), MAX_TABLE_TEXT, "a returns table")
        text = data.decode("utf-8-sig")
    except ExportFileError as error:
        raise ReturnsTableRefused(str(error)) from None
    except UnicodeDecodeError as error:
        raise ReturnsTableRefused(f"{path}: is not UTF-8 text (byte {error.start})") from None
    reason = table_problem(text)
    if reason is not None:
        raise ReturnsTableRefused(f"{Path(path).name}: {reason}")
    return text


def name_problem(plan: Plan, name: str) -> str | None:
    """Why a new table cannot take this name, or None."""
    wanted = name.strip()
    if not wanted:
        return "a returns table needs a name"
    if wanted.casefold() == BUILT_IN_HISTORY:
        return f"{BUILT_IN_HISTORY!r} names the history that ships with the app; choose another name"
    if any(table.name.strip().casefold() == wanted.casefold() for table in plan.returns_tables):
        return f"another returns table is already named {wanted!r}"
    return None


def free_table_name(plan: Plan, wanted: str) -> str:
    """``wanted`` (a file's stem, say), or with " 2", " 3"... when a table already has it."""
    base = wanted.strip() or "Returns table"
    name, number = base, 2
    while name_problem(plan, name) is not None:
        name, number = f"{base} {number}", number + 1
    return name


@dataclass
class AddReturnsTable:
    """Add an imported table and replay it (undo removes it and restores the history chosen)."""

    table: ReturnsTableText
    _old_choice: str = field(default=BUILT_IN_HISTORY, init=False)

    @property
    def text(self) -> str:
        return f"Import returns table {self.table.name!r}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._old_choice = plan.assumptions.history_table
        return replace(plan, returns_tables=(*plan.returns_tables, self.table),
                       assumptions=replace(plan.assumptions, history_table=self.table.name)), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        tables = tuple(t for t in plan.returns_tables if t.name != self.table.name)
        return replace(plan, returns_tables=tables,
                       assumptions=replace(plan.assumptions, history_table=self._old_choice)), Change()


@dataclass
class RemoveReturnsTable:
    """Remove an imported table; a plan replaying it goes back to the built-in history."""

    name: str
    _removed: tuple[int, ReturnsTableText] | None = field(default=None, init=False)
    _old_choice: str = field(default=BUILT_IN_HISTORY, init=False)

    @property
    def text(self) -> str:
        return f"Remove returns table {self.name!r}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        index = next(i for i, t in enumerate(plan.returns_tables) if t.name == self.name)
        self._removed = (index, plan.returns_tables[index])
        self._old_choice = plan.assumptions.history_table
        choice = BUILT_IN_HISTORY if self._old_choice == self.name else self._old_choice
        tables = plan.returns_tables[:index] + plan.returns_tables[index + 1:]
        return replace(plan, returns_tables=tables,
                       assumptions=replace(plan.assumptions, history_table=choice)), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        assert self._removed is not None, "revert before apply"
        index, table = self._removed
        tables = (*plan.returns_tables[:index], table, *plan.returns_tables[index:])
        return replace(plan, returns_tables=tables,
                       assumptions=replace(plan.assumptions, history_table=self._old_choice)), Change()
