"""Goal seek for the plan: the saving or expenses that let the household stop saving at an age with
success at a confidence, or the earliest month it can stop with that confidence (the headline);
answers as plain sentences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import sqrt

from planner.domain.plan import Plan
from planner.engine.goal_seek import SeekAnswer, solve_expenses, solve_fi_month, solve_saving
from planner.engine.projection import ProjectionError
from planner.services.errors import SimulationError
from planner.services.whatif.setup import Question, age_month, check_probability, question

GOALS = ("saving", "expenses", "fi-age")


@dataclass(frozen=True)
class GoalResult:
    goal: str
    probability: float
    fi_age: int | None
    answer: SeekAnswer
    text: str


def solve(plan: Plan, goal: str, probability: float | None = None, fi_age: int | None = None,
          scenario: str | None = None, paths: int | None = None, seed: int | None = None,
          progress: Callable[[int], None] | None = None) -> GoalResult:
    """Answer one goal; ``probability`` defaults to the plan's confidence and ``fi_age`` (the stop
    age of the saving and expenses goals) to its target age."""
    if goal not in GOALS:
        raise SimulationError(f"unknown goal {goal!r}; use one of {', '.join(GOALS)}")
    q = question(plan, scenario, paths, seed)
    probability = check_probability(q.snap.confidence if probability is None else probability)
    try:
        if goal == "fi-age":
            if fi_age is not None:
                raise SimulationError("the fi-age goal finds the age; give --probability, not --fi-age")
            answer = solve_fi_month(q.snap, probability, q.options)
            return GoalResult(goal, probability, None, answer, fi_age_text(q, probability, answer))
        if goal == "saving" and q.effective.household.saving_from_income:
            raise SimulationError("in this plan the saving follows from income (salaries less spending), so "
                                  "there is no monthly saving to solve for; solve for expenses, or untick "
                                  "'Saving follows from income'")
        age = q.effective.household.target_fi_age if fi_age is None else fi_age
        snap = q.snap.with_stop(age_month(q, age))
        solver = solve_saving if goal == "saving" else solve_expenses
        answer = solver(snap, probability, q.options, progress)
    except ProjectionError as error:
        raise SimulationError(str(error)) from None
    text = (saving_text if goal == "saving" else expenses_text)(q, age, probability, answer)
    return GoalResult(goal, probability, age, answer, text)


def _error(q: Question, probability: float) -> str:
    """The Monte Carlo error of a probability near the goal, as one standard error."""
    paths = q.options.paths or q.snap.paths
    return f"±{100 * sqrt(probability * (1 - probability) / paths):.1f} points of Monte Carlo error at {paths:,} paths"


def _percent(value: float) -> str:
    """Two decimals at most, so an answer and the step beyond it read apart: 80.05 % and 79.95 %."""
    return f"{100 * value:.2f}".rstrip("0").rstrip(".") + " %"


def _goal(age: int, probability: float) -> str:
    return f"stopping saving at age {age} with {_percent(probability)} success"


def saving_text(q: Question, age: int, probability: float, answer: SeekAnswer) -> str:
    goal = _goal(age, probability)
    if answer.value is None:
        return (f"Out of reach: no monthly saving up to {q.money(answer.searched_to)} gives {goal}; "
                f"the most found was {_percent(answer.achieved)}.")
    if answer.value == 0:
        return (f"No saving is needed: the plan reaches {goal} already ({_percent(answer.achieved)}; "
                f"{_error(q, probability)}).")
    return (f"Save {q.money(answer.value)} a month (today's money) for {goal}: it gives {_percent(answer.achieved)}, "
            f"{q.money(answer.value - 1)} gives {_percent(answer.step_beyond or 0.0)} "
            f"({_error(q, probability)}). The plan saves {q.money(q.snap.monthly_savings)} now.")


def expenses_text(q: Question, age: int, probability: float, answer: SeekAnswer) -> str:
    goal = _goal(age, probability)
    if answer.value is None or answer.value <= 0:
        return f"Out of reach: no expenses above zero give {goal}."
    return (f"Spend at most {q.money(answer.value)} a month (today's money) for {goal}: it gives "
            f"{_percent(answer.achieved)}, {q.money(answer.value + 1)} gives {_percent(answer.step_beyond or 0.0)} "
            f"({_error(q, probability)}). The plan spends {q.money(q.snap.monthly_expenses)} now.")


def fi_age_text(q: Question, probability: float, answer: SeekAnswer) -> str:
    if answer.value is None:
        return (f"Not reachable before age {q.snap.plan_until_age}: stopping even in the plan's last month "
                f"succeeds on only {_percent(answer.achieved)} of paths, less than the {_percent(probability)} asked.")
    earlier = ("" if answer.step_beyond is None
               else f"; a month earlier, {_percent(answer.step_beyond)}")
    return (f"With the plan as it is, the household can stop saving in {q.month_text(answer.value)} with "
            f"{_percent(answer.achieved)} success{earlier} ({_error(q, probability)}).")
