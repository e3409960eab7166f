"""Scenarios side by side: one Monte Carlo run each on the same paths and seed, every one stopping
saving at the base plan's target age, and the key metrics - the answer first - with their
differences from the first column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from planner.domain.plan import Plan
from planner.engine.metrics import Projection
from planner.engine.projection import ProjectionError, RunOptions, project
from planner.services.errors import SimulationError
from planner.services.whatif.setup import month_text, question

BASE_NAME = "Base plan"
MONTH, SHARE, MONEY, NUMBER = "month", "share", "money", "number"


@dataclass(frozen=True)
class Metric:
    label: str
    kind: str  # MONTH (from the plan start), SHARE (0-1), MONEY (today's money a year) or NUMBER
    values: tuple[float | None, ...]  # one per column; None: not reached or not defined
    better: int  # +1: higher is better, -1: lower is better

    def difference(self, column: int) -> float | None:
        value, base = self.values[column], self.values[0]
        return None if value is None or base is None else value - base


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    projections: tuple[Projection, ...]
    metrics: tuple[Metric, ...]


def _at_age(p: Projection, age: int, percentile: int) -> float | None:
    year = p.year_of_age(age)
    return None if year is None else float(p.percentile(p.passive_income["real"], percentile)[year])


def key_metrics(plan: Plan, projections: list[Projection]) -> tuple[Metric, ...]:
    """Metrics at the base plan's ages for every column (each run stops saving at the base plan's
    target age), so a scenario that moves the target age is still measured against the same age."""
    age = plan.household.target_fi_age
    confidence = f"{plan.fi_rule.confidence.normalize():f} %"
    last = int(projections[0].year_labels[-1])
    rows: list[tuple[str, str, Callable[[Projection], float | None], int]] = [
        (f"Can stop saving with {confidence} confidence", MONTH,
         lambda p: p.confident.month if p.confident is not None else None, -1),
        (f"Success stopping at age {age}", SHARE, lambda p: p.success_probability, 1),
        (f"Running out after stopping at age {age}", SHARE, lambda p: p.ruin_probability, -1),
        ("FI date by the FI rule (median)", MONTH, lambda p: p.median_fi_month, -1),
        ("Success of stopping at the rule's FI date", SHARE, lambda p: p.rule_success, 1),
        (f"Passive income at age {age} (median)", MONEY, lambda p: _at_age(p, age, 50), 1),
        (f"Passive income at age {age} (worst 10 %)", MONEY, lambda p: _at_age(p, age, 10), 1),
        (f"Net worth {last} (median)", MONEY, lambda p: float(p.percentile(p.net_worth["real"], 50)[-1]), 1),
        (f"Net worth {last} (worst 10 %)", MONEY, lambda p: float(p.percentile(p.net_worth["real"], 10)[-1]), 1),
        ("Effective income sources (last year)", NUMBER, lambda p: float(p.effective_sources[-1]), 1),
    ]
    return tuple(Metric(label, kind, tuple(get(p) for p in projections), better) for label, kind, get, better in rows)


def compare(plan: Plan, scenarios: list[str | None] | None = None, paths: int | None = None, seed: int | None = None,
            progress: Callable[[int, int], None] | None = None,
            options: Callable[[RunOptions], RunOptions] | None = None) -> Comparison:
    """Run each scenario (None: the base plan; default: the base and every scenario)."""
    names = [None, *(s.name for s in plan.scenarios)] if scenarios is None else scenarios
    if len(names) < 1:
        raise SimulationError("name at least one scenario to compare")
    projections = []
    base = question(plan, None, paths, seed, default_paths=None).snap
    for index, name in enumerate(names):
        q = question(plan, name, paths, seed, default_paths=None)
        run = replace(q.options, stop_month=min(base.target_stop_month, q.snap.months), search=True)
        try:
            projections.append(project(q.snap, options(run) if options else run))
        except ProjectionError as error:
            raise SimulationError(str(error)) from None
        if progress is not None:
            progress(index + 1, len(names))
    labels = tuple(BASE_NAME if name is None else name for name in names)
    return Comparison(labels, tuple(projections), key_metrics(plan, projections))


def value_text(metric: Metric, value: float | None, start_text: Callable[[int], str],
               money_text: Callable[[float], str]) -> str:
    if value is None:
        return "not reachable" if metric.kind == MONTH else "–"
    if metric.kind == MONTH:
        return start_text(int(value))
    if metric.kind == SHARE:
        return f"{100 * value:.1f} %"
    if metric.kind == MONEY:
        return money_text(value)
    return f"{value:.1f}"


def difference_text(metric: Metric, difference: float | None) -> str:
    """"+5 months", "−3.1 pts", "+1,234"; empty when either value is missing."""
    if difference is None:
        return ""
    if metric.kind == MONTH:
        text = f"{difference:+.0f} months"
    elif metric.kind == SHARE:
        text = f"{100 * difference:+.1f} pts"
    elif metric.kind == MONEY:
        text = f"{difference:+,.0f}"
    else:
        text = f"{difference:+.1f}"
    return text.replace("-", "−")


def comparison_text(plan: Plan, comparison: Comparison) -> str:
    """The table for the terminal: one row per metric, each scenario with its difference from the first."""
    header = ["Metric", *comparison.names]
    rows = [header]
    for metric in comparison.metrics:
        cells = [metric.label]
        for column, value in enumerate(metric.values):
            text = value_text(metric, value, lambda month: month_text(plan, month),
                              lambda money: f"{money:,.0f} {plan.currency}")
            change = difference_text(metric, metric.difference(column)) if column else ""
            cells.append(f"{text} ({change})" if change else text)
        rows.append(cells)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
             for row in rows]
    note = (f"Differences from {comparison.names[0]} in brackets; money in today's {plan.currency} a year; "
            "every column runs on the same paths and seed.")
    return "\n".join([*lines, note])
