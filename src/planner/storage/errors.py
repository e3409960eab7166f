"""Problems with a plan file that the user or the environment caused (shown as one line, no traceback)."""

from __future__ import annotations


class PlanFileError(Exception):
    """The file cannot be used as a plan; the message says why in one line and names the file."""


class NotAPlanError(PlanFileError):
    """The file exists but is not a Passive Income Planner plan (never modified)."""


class DamagedPlanError(PlanFileError):
    """The file is a plan but SQLite finds it damaged (never modified)."""


class NewerPlanError(PlanFileError):
    """The file was written by a newer version of the app (never modified)."""
