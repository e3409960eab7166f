"""Stress tests for the plan: the list of presets, and a stressed run beside the unstressed one."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.domain.plan import Plan
from planner.engine.inputs import snapshot
from planner.engine.metrics import Projection
from planner.engine.stress import PRESETS, StressTest
from planner.services.projection import SimulationRequest, find_preset, find_scenario, simulate


@dataclass(frozen=True)
class StressResult:
    test: StressTest
    affected: tuple[str, ...]  # names of the streams hit directly (capital, income or rates)
    base: Projection
    stressed: Projection


def presets_text() -> str:
    """What ``planner stress --list`` prints: key, title, what it changes, where the figures come from."""
    blocks = [f"{p.key}\n  {p.title}: {p.claim}.\n  Source: {p.source}." for p in PRESETS]
    return "\n".join(blocks) + "\n\nApply one with: planner simulate PLAN --stress KEY [--stress-year YEAR]"


def stress_run(plan: Plan, request: SimulationRequest) -> StressResult:
    """The plan with and without ``request.stress``, on the same paths and seed."""
    test = find_preset(request.stress or "")
    stressed = simulate(plan, request)
    base = simulate(plan, replace(request, stress=None, stress_year=None))
    snap = snapshot(plan, find_scenario(plan, request.scenario))
    affected = tuple(snap.names[int(i)] for i in test.affected_streams(snap))
    return StressResult(test, affected, base, stressed)
