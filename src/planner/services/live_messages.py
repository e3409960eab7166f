"""What a live projection run says, and what the window shows of it: one shape from the engine's
process to the charts.

A run sends ``ExpectedPath`` first, then ``MonteCarloSoFar`` results, then ``RunEnded``; a run that
cannot be made sends ``RunFailed`` before ``RunEnded``. The messages cross the process boundary
(pickled) and the worker thread (as one signal) unchanged; ``ProjectionState.after`` folds them into
what the charts draw, so the rule "only the newest run counts" is tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.domain.plan import Plan
from planner.engine.metrics import Projection


@dataclass(frozen=True)
class ExpectedPath:
    """The single expected path (no randomness), sent first so the charts follow typing."""

    run_id: int
    projection: Projection


@dataclass(frozen=True)
class MonteCarloSoFar:
    """The Monte Carlo paths finished so far; the last of a completed run has them all."""

    run_id: int
    projection: Projection


@dataclass(frozen=True)
class RunFailed:
    """The run could not be made: ``message`` says why in one line. ``details`` is the traceback of
    a bug, for the window to log, and empty for what the user can fix."""

    run_id: int
    message: str
    details: str = ""


@dataclass(frozen=True)
class RunEnded:
    """The run ended (completed, failed or cancelled); the worker is free for the next one."""

    run_id: int


LiveMessage = ExpectedPath | MonteCarloSoFar | RunFailed | RunEnded


@dataclass(frozen=True)
class ProjectionState:
    """What the charts show: one run's results, never a mix of two runs."""

    run_id: int = 0
    deterministic: Projection | None = None
    montecarlo: Projection | None = None  # the paths finished so far
    error: str | None = None
    running: bool = False
    scenario: str | None = None
    plan: Plan | None = None  # the plan projected, with the scenario's changes applied

    @property
    def best(self) -> Projection | None:
        """The Monte Carlo result once it has paths, else the single expected path."""
        return self.montecarlo if self.montecarlo is not None else self.deterministic

    @property
    def complete(self) -> bool:
        return self.montecarlo is not None and self.montecarlo.paths_done >= self.montecarlo.paths_total

    def after(self, message: LiveMessage) -> ProjectionState:
        """The state once this message is taken in; this very state when the message does not count:
        results count only for the newest run and only while it runs, a failure for the newest run."""
        newest = message.run_id == self.run_id
        if isinstance(message, RunFailed):
            return replace(self, error=message.message, running=False) if newest else self
        if not (newest and self.running):
            return self
        if isinstance(message, ExpectedPath):
            return replace(self, deterministic=message.projection)
        if isinstance(message, MonteCarloSoFar):
            return replace(self, montecarlo=message.projection)
        return replace(self, running=False)
