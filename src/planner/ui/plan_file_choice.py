"""What the plan file choosers offer, and a new plan made where the user chose.

Shared by the File menu and the rescue dialog; kept apart from both so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from planner.services.errors import PlanFileError
from planner.services.plan_files import create_plan

PLAN_FILTER = "Plans (*.plan);;All files (*)"


def with_plan_suffix(chosen: str) -> Path:
    """A name typed without an extension gets ``.plan``."""
    return Path(chosen) if Path(chosen).suffix else Path(chosen + ".plan")


def create_plan_file(chosen: str) -> Path:
    """Create an empty plan where the user chose; never over an existing file."""
    path = with_plan_suffix(chosen)
    if path.exists():
        raise PlanFileError(f"{path.name} already exists; open it, or choose another name for the new plan")
    create_plan(path).close()
    return path
