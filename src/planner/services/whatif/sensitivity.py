"""Sensitivity of the plan, and its table for the terminal."""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.plan import Plan
from planner.engine.projection import ProjectionError
from planner.engine.sensitivity import Outcome, Sensitivity, sensitivity
from planner.services.errors import SimulationError
from planner.services.whatif.setup import question

SENSITIVITY_PATHS = 1000  # two runs per input: about 60 runs for a plan of 14 streams


def plan_sensitivity(plan: Plan, scenario: str | None = None, paths: int | None = None, seed: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    q = question(plan, scenario, paths, seed, default_paths=SENSITIVITY_PATHS)
    try:
        return sensitivity(q.snap, q.options, progress)
    except ProjectionError as error:
        raise SimulationError(str(error)) from None


def fi_change_text(outcome: Outcome, base: Outcome) -> str:
    """Months the median FI date moves: "+5", "−3"; "not reached" when fewer than half reach FI."""
    if outcome.fi_month is None or base.fi_month is None:
        return "not reached" if outcome.fi_month is None else "reached"
    return f"{outcome.fi_month - base.fi_month:+d}".replace("-", "−")


def income_change_text(outcome: Outcome, base: Outcome) -> str:
    return f"{outcome.income - base.income:+,.0f}".replace("-", "−")


def sensitivity_text(plan: Plan, result: Sensitivity) -> str:
    base = result.base
    age = result.target_age
    when = "not reached by half of the paths" if base.fi_month is None else str(plan.start.plus(base.fi_month))
    lines = [f"Base: median FI {when}; median passive income at age {age}: {base.income:,.0f} {plan.currency} a year.",
             f"{'Input (moved down / up)':<58} {'FI date, months':>16} {'Income at ' + str(age):>22}"]
    for swing in result.swings:
        months = f"{fi_change_text(swing.low, base)} / {fi_change_text(swing.high, base)}"
        income = f"{income_change_text(swing.low, base)} / {income_change_text(swing.high, base)}"
        lines.append(f"{swing.label + ' ' + swing.move:<58} {months:>16} {income:>22}")
    lines.append(f"{result.runs} runs on the same paths and seed; largest change of the FI date first.")
    return "\n".join(lines)
