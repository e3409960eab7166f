"""Sensitivity of the plan, and its table for the terminal."""

from __future__ import annotations

from collections.abc import Callable

from planner.domain.plan import Plan
from planner.engine.projection import ProjectionError
from planner.engine.sensitivity import Outcome, Sensitivity, sensitivity
from planner.services.errors import SimulationError
from planner.services.whatif.setup import month_text, question

SENSITIVITY_PATHS = 1000  # two runs per input: about 60 runs for a plan of 14 streams


def plan_sensitivity(plan: Plan, scenario: str | None = None, paths: int | None = None, seed: int | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    q = question(plan, scenario, paths, seed, default_paths=SENSITIVITY_PATHS)
    try:
        return sensitivity(q.snap, q.options, progress)
    except ProjectionError as error:
        raise SimulationError(str(error)) from None


def month_change_text(outcome: Outcome, base: Outcome) -> str:
    """Months the confident stop month moves: "+5", "−3"; "not reachable" when no month reaches it."""
    if outcome.confident_month is None or base.confident_month is None:
        return "not reachable" if outcome.confident_month is None else "reachable"
    return f"{outcome.confident_month - base.confident_month:+d}".replace("-", "−")


def success_change_text(outcome: Outcome, base: Outcome) -> str:
    """Points of success the move adds or takes: "+4.2", "−1.0"."""
    return f"{100 * (outcome.success - base.success):+.1f}".replace("-", "−")


def sensitivity_text(plan: Plan, result: Sensitivity) -> str:
    base = result.base
    age = result.target_age
    when = (f"not reachable before age {plan.household.plan_until_age}" if base.confident_month is None
            else month_text(plan, base.confident_month))
    confidence = f"{plan.fi_rule.confidence.normalize():f} %"
    width = max([58, *(len(swing.label + ' ' + swing.move) for swing in result.swings)])  # the longest name fits
    lines = [f"Base: can stop saving in {when} with {confidence} confidence; stopping at age {age}: "
             f"{100 * base.success:.1f} % success.",
             f"{'Input (moved down / up)':<{width}} {'Stop month, months':>19} "
             f"{'Success at ' + str(age) + ', pts':>20}"]
    for swing in result.swings:
        months = f"{month_change_text(swing.low, base)} / {month_change_text(swing.high, base)}"
        success = f"{success_change_text(swing.low, base)} / {success_change_text(swing.high, base)}"
        lines.append(f"{swing.label + ' ' + swing.move:<{width}} {months:>19} {success:>20}")
    lines.append(f"{result.runs} runs on the same paths and seed; largest change of the confident stop month first.")
    return "\n".join(lines)
