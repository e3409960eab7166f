"""What a plan report shows, computed headless: the base plan's expected path and Monte Carlo run,
and a Monte Carlo run of every scenario for the comparison. Drawing it is the ui's job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.domain.plan import Plan
from planner.engine.metrics import Projection
from planner.services.projection import SimulationRequest, simulate


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    description: str
    projection: Projection


@dataclass(frozen=True)
class ReportData:
    """Everything the report draws; ``scenarios`` starts with the base plan (name "Base plan")."""

    plan: Plan
    made_on: date
    deterministic: Projection
    montecarlo: Projection
    scenarios: tuple[ScenarioResult, ...]


BASE_NAME = "Base plan"


def gather_report(plan: Plan, paths: int | None = None, seed: int | None = None, returns: Path | None = None,
                  progress: Callable[[int, int], None] | None = None, made_on: date | None = None) -> ReportData:
    """Run what the report needs. ``progress(done, total)`` is told after each run (SimulationError
    when a run cannot be made, for example a historical model without a returns table)."""
    total = 2 + len(plan.scenarios)
    done = 0

    def run(mode: str, scenario: str | None = None, answer: bool = True) -> Projection:
        nonlocal done
        result = simulate(plan, SimulationRequest(scenario, mode, paths, seed, returns=returns, answer=answer))
        done += 1
        if progress is not None:
            progress(done, total)
        return result

    deterministic = run("deterministic", answer=False)
    montecarlo = run("montecarlo")
    results = [ScenarioResult(BASE_NAME, "The plan as entered.", montecarlo)]
    # scenarios are compared by the success of stopping at their target age (no search each: `planner
    # compare` finds each one's confident month)
    results += [ScenarioResult(s.name, s.description, run("montecarlo", s.name, answer=False)) for s in plan.scenarios]
    return ReportData(plan, made_on or date.today(), deterministic, montecarlo, tuple(results))
