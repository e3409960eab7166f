"""Import holdings from CSV into a plan: all rows or none, after a backup, as one undoable edit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from planner.domain.plan import Plan, Stream
from planner.export.csv_reading import MAX_BYTES, CsvFormatError, CsvTable, read_table
from planner.export.files import read_bytes_file
from planner.export.holdings import HoldingsResult, read_holdings, suggest_mapping
from planner.services.commands import AddStream, Batch
from planner.services.errors import ImportProblems
from planner.services.plan_session import PlanSession
from planner.storage.backup import backup_beside

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class HoldingsPreview:
    """What the file holds and what importing it would do (nothing is written yet)."""

    table: CsvTable
    mapping: dict[str, str]
    result: HoldingsResult


def sample_file() -> Path:
    """The documented sample that ships with the app (docs/data-exchange.md)."""
    return Path(str(resources.files("planner.resources") / "sample-holdings.csv"))


def read_file(path: Path) -> bytes:
    return read_bytes_file(path, MAX_BYTES, "a holdings file")


def preview(source: bytes | CsvTable, plan: Plan, mapping: Mapping[str, str] | None = None,
            progress: Progress | None = None) -> HoldingsPreview:
    """Parse and check every row; ImportProblems when the file is not a readable table.
    ``source``: the file's bytes, or the table read from them before (another column choice needs
    no second reading). ``mapping`` (field -> column, "" for none) changes the columns recognised."""
    try:
        table = source if isinstance(source, CsvTable) else read_table(source, progress)
    except CsvFormatError as error:
        raise ImportProblems([str(error)]) from None
    chosen = {**suggest_mapping(table.headers), **(mapping or {})}
    chosen = {field: column for field, column in chosen.items() if column}
    return HoldingsPreview(table, chosen, read_holdings(table, chosen, plan, progress))


def add_command(streams: tuple[Stream, ...]) -> Batch:
    """One undo step that adds every imported stream at the end."""
    return Batch(f"Import {len(streams)} holdings", tuple(AddStream(stream) for stream in streams))


def backup_before_import(session: PlanSession) -> Path:
    """A copy of the plan as it is now, beside it, to go back to if the import was a mistake."""
    session.save()
    return backup_beside(Path(session.path), "before-import")


def import_holdings(plan_path: Path, csv_path: Path, mapping: Mapping[str, str] | None = None) -> tuple[int, Path]:
    """The command line's import: every row valid, or ImportProblems and nothing written."""
    data = read_file(csv_path)
    session = PlanSession.open(Path(plan_path))
    try:
        checked = preview(data, session.plan, mapping)
        if checked.result.problems:
            raise ImportProblems([str(problem) for problem in checked.result.problems])
        backup = backup_before_import(session)
        session.execute(add_command(checked.result.streams))
        return len(checked.result.streams), backup
    finally:
        session.close()
