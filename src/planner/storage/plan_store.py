"""One open plan file: create, open (check, back up, migrate), load and save domain plans."""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planner.domain.plan import Plan
from planner.domain.validation import validate_plan
from planner.storage import mapping
from planner.storage.backup import backup_beside, backup_to
from planner.storage.connection import plan_engine
from planner.storage.errors import DamagedPlanError, PlanFileError
from planner.storage.file_check import inspect_plan_file
from planner.storage.migrate import upgrade
from planner.storage.models import (
    AccountRow,
    CategoryTableRow,
    EventRow,
    OverrideRow,
    PhaseRow,
    PlanRow,
    ReturnsTableRow,
    ScenarioRow,
    StreamParamRow,
    StreamRow,
    TaxBracketRow,
    TaxRateRow,
    TaxTableRow,
)


class PlanStore:
    """A plan file opened for reading and writing. Use create() or open(), then close()."""

    def __init__(self, path: Path, engine: Engine, read_only: bool = False):
        self.path = path
        self._engine = engine
        self.read_only = read_only  # connections that can never change the file
        self.migration_backup: Path | None = None

    @classmethod
    def create(cls, path: Path, plan: Plan) -> PlanStore:
        """Write plan into a new file at path; the file appears complete or not at all."""
        path = Path(path)
        if path.exists():
            raise PlanFileError(f"{path}: already exists; choose another name")
        if not path.parent.is_dir():
            raise PlanFileError(f"{path}: the folder {path.parent} does not exist")
        temporary = path.with_name(f".{path.name}.creating-{os.getpid()}")
        try:
            engine = plan_engine(temporary)
            try:
                with engine.begin() as connection:
                    upgrade(connection)
                cls(temporary, engine).save(plan)
            finally:
                engine.dispose()
            os.replace(temporary, path)
        except (OSError, DBAPIError, PlanFileError) as error:
            _remove_quietly(temporary)
            raise PlanFileError(f"{path}: cannot be written ({_describe(error)})") from None
        except BaseException:
            _remove_quietly(temporary)
            raise
        _fsync_folder(path.parent)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> PlanStore:
        """Open an existing plan; older schemas are backed up, then migrated to this version's.
        ``read_only``: never write the file (and refuse one that would need migrating)."""
        path = Path(path)
        state = inspect_plan_file(path)
        if read_only and state.needs_migration:
            raise PlanFileError(f"{path}: was made by an older version and must be updated, but it can only be "
                                "opened read-only here; copy it to a folder you can write to")
        store = cls(path, plan_engine(path, read_only), read_only)
        if state.needs_migration:
            store.migration_backup = backup_beside(path, f"before-migration-from-{state.revision}")
            try:
                with store._engine.begin() as connection:
                    upgrade(connection)
            except DBAPIError as error:
                store.close()
                raise PlanFileError(f"{path}: cannot be updated to this version ({_reason(error)}); "
                                    f"the original is kept in {store.migration_backup.name}") from None
        return store

    def load(self) -> Plan:
        """The stored plan; a file whose contents are unreadable or invalid is refused as damaged."""
        try:
            plan = self._load()
        except DBAPIError as error:
            raise PlanFileError(f"{self.path}: cannot be read ({_reason(error)})") from None
        except (ValueError, ArithmeticError, KeyError, TypeError) as error:
            raise DamagedPlanError(f"{self.path}: the plan file holds unreadable values ({error}); "
                                   "restore a backup") from None
        problems = validate_plan(plan)
        if problems:
            raise DamagedPlanError(f"{self.path}: the plan file holds invalid values ({problems[0]}); "
                                   "restore a backup")
        return plan

    def _load(self) -> Plan:
        with Session(self._engine) as session:
            row = session.get(PlanRow, 1)
            if row is None:
                raise PlanFileError(f"{self.path}: the plan file holds no plan; restore a backup")
            params: dict[int, list[StreamParamRow]] = defaultdict(list)
            for param in session.scalars(select(StreamParamRow).order_by(StreamParamRow.position)):
                params[param.stream_id].append(param)
            overrides: dict[int, list[OverrideRow]] = defaultdict(list)
            for override in session.scalars(select(OverrideRow).order_by(OverrideRow.position)):
                overrides[override.scenario_id].append(override)
            return mapping.plan_from_rows(
                row,
                list(session.scalars(select(TaxRateRow))),
                list(session.scalars(select(StreamRow).order_by(StreamRow.position))),
                params,
                list(session.scalars(select(ScenarioRow).order_by(ScenarioRow.position))),
                overrides,
                list(session.scalars(select(PhaseRow).order_by(PhaseRow.position))),
                list(session.scalars(select(EventRow).order_by(EventRow.position))),
                list(session.scalars(select(ReturnsTableRow).order_by(ReturnsTableRow.position))),
                _tax_rows(session),
            )

    def save(self, plan: Plan) -> None:
        """Replace the stored plan with this one in a single transaction (all or nothing)."""
        try:
            with Session(self._engine) as session, session.begin():
                for model in (OverrideRow, ScenarioRow, StreamParamRow, StreamRow, TaxRateRow, PhaseRow, EventRow,
                              ReturnsTableRow, AccountRow, TaxBracketRow, TaxTableRow, CategoryTableRow, PlanRow):
                    session.execute(delete(model))
                session.execute(insert(PlanRow), [mapping.plan_row_values(plan)])
                session.execute(insert(TaxRateRow), mapping.tax_rate_values(plan))
                for position, stream in enumerate(plan.streams):
                    stream_id = session.execute(
                        insert(StreamRow).returning(StreamRow.id), [mapping.stream_values(stream, position)]
                    ).scalar_one()
                    if stream.params:
                        session.execute(insert(StreamParamRow), mapping.param_values(stream, stream_id))
                for position, scenario in enumerate(plan.scenarios):
                    scenario_id = session.execute(
                        insert(ScenarioRow).returning(ScenarioRow.id),
                        [{"position": position, "name": scenario.name, "description": scenario.description}],
                    ).scalar_one()
                    if scenario.overrides:
                        session.execute(insert(OverrideRow), [
                            {"scenario_id": scenario_id, "position": index, "target": o.target,
                             "field": o.field, "value": o.value}
                            for index, o in enumerate(scenario.overrides)
                        ])
                if plan.phases:
                    session.execute(insert(PhaseRow), [mapping.phase_values(p, i) for i, p in enumerate(plan.phases)])
                if plan.events:
                    session.execute(insert(EventRow), [mapping.event_values(e, i) for i, e in enumerate(plan.events)])
                if plan.returns_tables:
                    session.execute(insert(ReturnsTableRow), mapping.returns_table_values(plan))
                _save_accounts_and_tax(session, plan)
        except DBAPIError as error:
            raise PlanFileError(f"{self.path}: could not save ({_reason(error)}); your change is kept, "
                                "try again") from None

    def save_copy(self, target: Path) -> Path:
        """A consistent copy of the plan in a new file (File > Save a Copy)."""
        return backup_to(self.path, Path(target))

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _tax_rows(session: Session) -> mapping.TaxRows:
    brackets: dict[int, list[TaxBracketRow]] = defaultdict(list)
    for bracket in session.scalars(select(TaxBracketRow).order_by(TaxBracketRow.position)):
        brackets[bracket.table_id].append(bracket)
    tables = [mapping.tax_table_from_rows(row, brackets.get(row.id, []))
              for row in session.scalars(select(TaxTableRow).order_by(TaxTableRow.position))]
    return mapping.TaxRows(list(session.scalars(select(AccountRow).order_by(AccountRow.position))), tables,
                           list(session.scalars(select(CategoryTableRow).order_by(CategoryTableRow.position))))


def _save_accounts_and_tax(session: Session, plan: Plan) -> None:
    """The accounts, the tax tables with their brackets and the categories they tax."""
    if plan.accounts:
        session.execute(insert(AccountRow), [mapping.account_values(a, i) for i, a in enumerate(plan.accounts)])
    for position, table in enumerate(plan.assumptions.tax_tables):
        table_id = session.execute(insert(TaxTableRow).returning(TaxTableRow.id),
                                   [mapping.tax_table_values(table, position)]).scalar_one()
        if table.brackets:
            session.execute(insert(TaxBracketRow), mapping.bracket_values(table, table_id))
    if plan.assumptions.category_tables:
        session.execute(insert(CategoryTableRow), mapping.category_table_values(plan))


def _reason(error: DBAPIError) -> str:
    original = error.orig
    if isinstance(original, sqlite3.Error):
        return str(original)
    return type(original).__name__


def _describe(error: Exception) -> str:
    if isinstance(error, DBAPIError):
        return _reason(error)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error).split(": ", 1)[-1]


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only folder never got the file in the first place


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the directory entry (POSIX only)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
