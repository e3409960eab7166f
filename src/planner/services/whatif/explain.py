"""Explanations of a projection: which streams and markets drove the worst 10 % of paths, how
passive each stream is, and how many independent sources the income really has."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.domain.plan import Plan
from planner.engine.metrics import WORST_SHARE, MarketDriver, Projection
from planner.engine.projection import ProjectionError, project
from planner.services.errors import SimulationError
from planner.services.whatif.setup import question

#: One stream carrying more than this share of all passive income gets a warning.
CONCENTRATION_SHARE = 0.5


@dataclass(frozen=True)
class StreamPassivity:
    name: str
    hours_a_year: float
    income_a_year: float  # mean over the horizon, today's money
    income_per_hour: float  # inf: no work at all


@dataclass(frozen=True)
class Explanation:
    projection: Projection
    drivers: tuple[tuple[str, float], ...]  # stream, share of the gap to the worst paths, largest first
    markets: tuple[MarketDriver, ...]
    passivity: tuple[StreamPassivity, ...]  # least passive (lowest income per hour) first
    effective_sources: float  # in the last projected year
    warnings: tuple[str, ...]


def concentration_warnings(projection: Projection) -> list[str]:
    """A warning when one stream carries most of the income over the horizon."""
    totals = {s.name: max(s.total_income_real, 0.0) for s in projection.streams}
    income = sum(totals.values())
    if income <= 0:
        return []
    name, largest = max(totals.items(), key=lambda item: item[1])
    if largest / income <= CONCENTRATION_SHARE:
        return []
    return [f"{name} carries {largest / income:.0%} of all passive income: the plan depends on one source."]


def explain_projection(projection: Projection) -> Explanation:
    years = max(projection.years, 1)
    drivers = tuple(sorted(((s.name, s.worst_share) for s in projection.streams if s.worst_share > 0),
                           key=lambda item: -item[1]))
    work = [StreamPassivity(s.name, s.hours / years, s.total_income_real / years, s.passivity)
            for s in projection.streams]
    if projection.part_time_hours > 0 or projection.part_time_income_real > 0:  # work counts honestly
        hours, income = projection.part_time_hours, projection.part_time_income_real
        work.append(StreamPassivity("Part-time work", hours / years, income / years,
                                    income / hours if hours > 0 else float("inf")))
    passivity = tuple(sorted(work, key=lambda s: s.income_per_hour))
    sources = float(projection.effective_sources[-1]) if projection.effective_sources.size else 0.0
    return Explanation(projection, drivers, projection.worst_markets, passivity, sources,
                       tuple(projection.warnings) + tuple(concentration_warnings(projection)))


def explain(plan: Plan, scenario: str | None = None, paths: int | None = None, seed: int | None = None) -> Explanation:
    q = question(plan, scenario, paths, seed, default_paths=None)
    try:
        return explain_projection(project(q.snap, replace(q.options, search=False)))
    except ProjectionError as error:
        raise SimulationError(str(error)) from None


def market_sentence(driver: MarketDriver) -> str:
    """"stock markets: 2.9 points a year below the average path" (inflation: above/below its average)."""
    gap = 100 * (driver.worst - driver.overall)
    side = "above" if gap >= 0 else "below"
    what = "a year" if driver.label == "inflation" else "a year of return"
    return f"{driver.label}: {abs(gap):.1f} points {what} {side} the average path"


def explanation_text(explanation: Explanation, currency: str) -> str:
    share = f"{WORST_SHARE:.0%}"
    lines = [f"Worst {share} of paths (by final net worth in today's money):"]
    if explanation.drivers:
        lines += [f"  {name}: {part:.0%} of the gap to the average path" for name, part in explanation.drivers[:8]]
    else:
        lines.append("  no stream stands out")
    lines += [f"  {market_sentence(d)}" for d in explanation.markets]
    lines.append("Passivity (income per hour of upkeep, today's money; least passive first):")
    for s in explanation.passivity:
        rate = "no work" if s.income_per_hour == float("inf") else f"{s.income_per_hour:,.0f} {currency} an hour"
        lines.append(f"  {s.name}: {s.hours_a_year:,.0f} hours a year, {s.income_a_year:,.0f} {currency} a year, "
                     f"{rate}")
    lines.append(f"Diversification: {explanation.effective_sources:.1f} effective income sources in the last year "
                 "(1 / sum of squared income shares)")
    lines += [f"Warning: {w}" for w in explanation.warnings]
    return "\n".join(lines)
