"""Validation results as values: a problem names the field it is about and says what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with user input.

    path: where the bad value is, e.g. ``streams[2].params.apy`` (JSON-like, stable for tests).
    message: a sentence for the user that says what is wrong and what is allowed.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class PlanProblems(ValueError):
    """Raised at a boundary (import, open) that must refuse input carrying problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid plan"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)
