"""Errors of the use cases that the command line reports, kept free of heavy imports so that
starting the app does not load the engine.

The plan file errors are storage's, re-exported here: the ui catches them but never imports
storage (an import-linter contract in pyproject.toml)."""

from __future__ import annotations

from planner.storage.errors import NewerPlanError, PlanFileError

__all__ = ["ImportProblems", "NewerPlanError", "PlanFileError", "SimulationError"]


class SimulationError(ValueError):
    """The simulation cannot run as asked; one line for the user."""


class ImportProblems(ValueError):
    """An import was refused and nothing was written; ``problems`` are lines for the user."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:20]
        more = f"; and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(f"{len(problems)} problem(s), nothing was imported: " + "; ".join(shown) + more)
