"""Creating, importing and exporting plan files as whole documents."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.domain.defaults import new_plan
from planner.domain.demo import demo_plan
from planner.domain.plan import Plan
from planner.domain.problems import PlanProblems, Problem
from planner.export.files import ExportFileError, atomic_write_text, read_text_file
from planner.export.plan_json import ROOT, plan_from_json, plan_to_json
from planner.services.plan_session import PlanSession
from planner.services.returns_tables import table_problems
from planner.storage.backup import backup_beside
from planner.storage.connection import writable as writable  # re-exported: the ui opens such files read-only


def create_plan(path: Path, demo: bool = False, name: str | None = None) -> PlanSession:
    """A new plan file, empty or holding the demo plan; refuses to overwrite a file."""
    plan = demo_plan() if demo else new_plan(Path(path).stem)
    return PlanSession.create(Path(path), replace(plan, name=name) if name else plan)


def read_plan(path: Path) -> Plan:
    """The plan a file holds, read through a session of its own that is closed again."""
    session = PlanSession.open(Path(path))
    try:
        return session.plan
    finally:
        session.close()


def open_or_create_default(path: Path) -> PlanSession:
    """Open the default plan, creating the demo plan there on the very first start."""
    if not Path(path).exists():
        return create_plan(path, demo=True)
    return PlanSession.open(path)


def export_json(plan_path: Path, target: Path | None) -> str:
    """The plan as JSON text, also written atomically to target when given."""
    if target is not None and Path(target).exists() and Path(target).resolve() == Path(plan_path).resolve():
        raise ExportFileError(f"{target}: is the plan itself; choose another file for the JSON")
    text = plan_to_json(read_plan(plan_path))
    if target is not None:
        atomic_write_text(Path(target), text)
    return text


def checked_plan_from_json(text: str) -> Plan:
    """The document's plan, refused (PlanProblems naming each field) when a returns table's text
    does not parse: the reader checks the format, the engine's parser each table."""
    plan = plan_from_json(text)
    problems = table_problems(plan)
    if problems:
        raise PlanProblems([Problem(f"{ROOT}.{problem.path}", problem.message) for problem in problems])
    return plan


def import_json(plan_path: Path, source: Path) -> tuple[int, Path | None]:
    """Load a JSON plan into plan_path (created, or replaced after a backup).

    Everything is checked before any file is touched: on a bad document nothing is written,
    not even an empty plan file. Returns the number of streams and the backup made, if any.
    """
    plan = checked_plan_from_json(read_text_file(Path(source)))
    plan_path = Path(plan_path)
    if not plan_path.exists():
        PlanSession.create(plan_path, plan).close()
        return len(plan.streams), None
    session = PlanSession.open(plan_path)
    try:
        backup = backup_beside(plan_path, "before-import")
        session.replace_plan(plan)
    finally:
        session.close()
    return len(plan.streams), backup
