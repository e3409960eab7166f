"""The engine's one user-facing error, and the signal that a run was asked to stop."""

from __future__ import annotations


class ProjectionError(ValueError):
    """The run cannot be made as asked; the message says why in one line."""


#: The message for numbers that outgrow float64, wherever in the engine they are caught.
OVERFLOW_MESSAGE = ("the projection overflows: with these yields and returns money grows past 10^300 within the "
                    "horizon; check the rates (they are yearly percentages) or shorten the horizon")


class RunCancelled(Exception):
    """Raised inside a chunk when its run was asked to stop; ``run`` turns it into a quiet end."""
