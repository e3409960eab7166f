"""Allocation suggestion for the plan, and saving it as a scenario the user can compare and edit."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from planner.domain.enums import StrategyPreset
from planner.domain.field_refs import FieldRef
from planner.domain.plan import Override, Plan, Scenario
from planner.domain.scenarios import apply_scenario, override_text
from planner.engine.allocation import SLEEVE_NAMES, Candidate, RiskLimit, Suggestion, suggest
from planner.engine.inputs import SLEEVES
from planner.engine.projection import ProjectionError
from planner.engine.streams import FIXED_INCOME_KINDS
from planner.services.commands import AddScenario
from planner.services.errors import SimulationError
from planner.services.projection import find_scenario
from planner.services.whatif.setup import question

SUGGEST_PATHS = 1000  # the search runs every mix on a grid: 66 runs at a 10-point step


def check_new_scenario_name(plan: Plan, name: str) -> None:
    if any(s.name == name for s in plan.scenarios):
        raise SimulationError(f"the plan already has a scenario named {name!r}")


def suggest_allocation(plan: Plan, limit_age: int, floor: float, worst_percent: int = 10, step_percent: int = 10,
                       scenario: str | None = None, paths: int | None = None, seed: int | None = None,
                       progress: Callable[[int, int], None] | None = None) -> tuple[Suggestion, Plan]:
    """The suggestion, and the plan as the scenario sees it (the streams its weights are for)."""
    q = question(plan, scenario, paths, seed, default_paths=SUGGEST_PATHS)
    if floor < 0:
        raise SimulationError("the income floor cannot be negative")
    try:
        return (suggest(q.snap, RiskLimit(limit_age, floor, worst_percent), q.options, step_percent, progress),
                q.effective)
    except (ValueError, ProjectionError) as error:
        raise SimulationError(str(error)) from None


def weights_text(plan: Plan, candidate: Candidate) -> str:  # plan: as the suggestion's scenario sees it
    """"safe 40 % (Emergency fund, Bond fund), core 60 % (Index fund), speculative 0 %": each sleeve's
    share of new savings and the streams in it that take money."""
    parts = []
    for position, (name, weight) in enumerate(zip(SLEEVE_NAMES, candidate.sleeve_weights, strict=True)):
        takers = [s.name for s, w in zip(plan.streams, candidate.stream_weights, strict=True)
                  if w > 0 and s.sleeve is SLEEVES[position] and s.kind not in FIXED_INCOME_KINDS]
        shown = f" ({', '.join(takers)})" if weight > 0 and takers else ""
        parts.append(f"{name} {100 * weight:.0f} %{shown}")
    return ", ".join(parts)


def suggestion_text(plan: Plan, limit: RiskLimit, suggestion: Suggestion) -> str:
    currency = plan.currency
    rule = (f"in the worst {limit.worst_percent} % of outcomes, passive income at age {limit.limit_age} stays above "
            f"{limit.floor:,.0f} {currency} a year (today's money)")
    current = suggestion.current
    lines = [f"Risk limit: {rule}.",
             f"Current plan: {weights_text(plan, current)}: success stopping at age {plan.household.target_fi_age} "
             f"{current.success:.1%}, worst-{limit.worst_percent} % income {current.downside:,.0f} {currency}"
             + ("" if current.meets(limit) else " (breaks the limit)") + "."]
    best = suggestion.best
    if best is None:
        most = max((current, *suggestion.sleeve_mixes), key=lambda c: c.downside)
        lines.append(f"No mix tried keeps the limit: the safest reaches {most.downside:,.0f} {currency} "
                     f"({weights_text(plan, most)}).")
    else:
        lines.append(f"Suggested: {weights_text(plan, best)}: success stopping at age {plan.household.target_fi_age} "
                     f"{best.success:.1%} ({100 * (best.success - current.success):+.1f} pts), "
                     f"worst-{limit.worst_percent} % income {best.downside:,.0f} {currency}.")
    lines.append("Trade-off (mixes no other beats on both counts): worst-case income -> success")
    lines += [f"  {c.downside:>12,.0f} {currency}  {c.success:6.1%}  {c.label}" for c in suggestion.frontier]
    lines.append(f"{suggestion.runs} runs on the same paths and seed.")
    return "\n".join(lines)


def suggestion_scenario(plan: Plan, candidate: Candidate, name: str, based_on: str | None = None) -> AddScenario:
    """A command adding the suggestion as a scenario: custom sleeve weights and changed stream
    weights, on top of the overrides of the scenario it was made for (``based_on``)."""
    check_new_scenario_name(plan, name)
    source = find_scenario(plan, based_on)
    effective = apply_scenario(plan, source)
    percents = [Decimal(round(100 * w)) for w in candidate.sleeve_weights]
    overrides = [Override("strategy", "preset", override_text(StrategyPreset.CUSTOM))]
    overrides += [Override("strategy", f"{sleeve}_weight", override_text(p))
                  for sleeve, p in zip(SLEEVE_NAMES, percents, strict=True)]
    for stream, weight in zip(effective.streams, candidate.stream_weights, strict=True):
        value = Decimal(str(weight))
        if value != stream.weight:
            overrides.append(Override.at(FieldRef.stream(stream.uid, "weight"), override_text(value)))
    ours = {(o.target, o.field) for o in overrides}
    kept = [o for o in (source.overrides if source else ()) if (o.target, o.field) not in ours]
    basis = f" (from scenario {based_on})" if based_on else ""
    description = f"Suggested allocation{basis}: {candidate.label}."
    return AddScenario(Scenario(name, description, (*kept, *overrides)))
