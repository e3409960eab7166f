"""What every what-if question starts from: the plan (or one scenario) as a snapshot, and run
options shared by all its runs so they use the same random numbers."""

from __future__ import annotations

from dataclasses import dataclass

from planner.domain.calendar import YearMonth
from planner.domain.plan import Plan
from planner.domain.scenarios import apply_scenario
from planner.engine.inputs import Snapshot, snapshot
from planner.engine.projection import MAX_PATHS, RunOptions
from planner.services.errors import SimulationError
from planner.services.history import history_for
from planner.services.projection import find_scenario

#: Paths per run of a search (goal seek, suggestion, sensitivity) unless asked otherwise: the
#: standard error of an 80 % probability is then under 1 point, and a search of 10-70 runs
#: takes seconds, not minutes. Single runs (comparison, stress tests) use the plan's own paths.
SEARCH_PATHS = 2000
MONEY_FORMAT = "{:,.0f}"


@dataclass(frozen=True)
class Question:
    """A plan variant ready to run: its snapshot, the shared options, and facts for messages."""

    plan: Plan
    scenario: str | None
    snap: Snapshot
    options: RunOptions
    effective: Plan  # the plan as the scenario sees it (its household, streams and strategy)

    def money(self, value: float) -> str:
        return f"{MONEY_FORMAT.format(value)} {self.plan.currency}"

    def month_text(self, month: int) -> str:
        return month_text(self.effective, month)


def month_text(plan: Plan, month: int) -> str:
    """A month from the plan start as "2041-03 (age 52)" or "2041-03 (you 52 / partner 50)", the
    ages reached that calendar year."""
    when: YearMonth = plan.start.plus(month)
    return f"{when} ({plan.household.ages_text(when)})"


def question(plan: Plan, scenario: str | None = None, paths: int | None = None, seed: int | None = None,
             default_paths: int | None = SEARCH_PATHS) -> Question:
    """The plan as the scenario sees it; ``paths`` None: ``default_paths`` (None: the plan's own)."""
    chosen_scenario = find_scenario(plan, scenario)
    snap = snapshot(plan, chosen_scenario)
    chosen = paths if paths is not None else default_paths if default_paths is not None else snap.paths
    chosen = min(chosen, snap.paths) if paths is None else chosen
    if not 1 <= chosen <= MAX_PATHS:
        raise SimulationError(f"paths must be 1 to {MAX_PATHS:,}, not {chosen:,}")
    options = RunOptions(paths=chosen, seed=seed, history=history_for(plan, snap.return_model))
    return Question(plan, scenario, snap, options, apply_scenario(plan, chosen_scenario))


def check_probability(probability: float) -> float:
    if not 0.0 < probability < 1.0:
        raise SimulationError(f"the probability must be between 0 and 1 (for example 0.8), not {probability}")
    return probability


def age_month(q: Question, age: int) -> int:
    """Months from the plan start to January of the year the household turns ``age``, as the
    target stop age counts; refused when that is not a month of the plan."""
    month = q.snap.stop_month_of_age(age)
    if month is None:
        first, last = q.snap.age_at(0), q.snap.age_at(q.snap.months - 1)
        raise SimulationError(f"age {age} is not within the plan (ages {first} to {last})")
    return month
