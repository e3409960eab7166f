"""Errors of the use cases that the command line reports, kept free of heavy imports so that
starting the app does not load the engine."""

from __future__ import annotations


class SimulationError(ValueError):
    """The simulation cannot run as asked; one line for the user."""
