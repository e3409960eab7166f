"""A first plan from a few answers (the guided start): who, what life costs, what is saved, what is
already held and which strategy; everything else keeps the same defaults as any new plan."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from planner.domain.defaults import new_plan, new_stream, preset_strategy
from planner.domain.enums import StrategyPreset
from planner.domain.plan import Plan, Stream
from planner.domain.problems import PlanProblems
from planner.domain.validation import validate_plan
from planner.services.plan_session import PlanSession


@dataclass(frozen=True)
class GuidedAnswers:
    name: str
    birth_year: int
    target_fi_age: int
    plan_until_age: int
    monthly_expenses: Decimal
    monthly_savings: Decimal
    holdings: tuple[Stream, ...] = ()
    preset: StrategyPreset = StrategyPreset.BALANCED


def holding(plan: Plan, kind_key: str, name: str, amount: Decimal) -> Stream:
    """Something already held: a stream of the kind with the catalogue's defaults and this amount."""
    return replace(new_stream(kind_key, name, plan.start), starting_amount=amount)


def household_problems(answers: GuidedAnswers) -> list[str]:
    """What is wrong with the household answers on their own (ages, amounts), in the user's words."""
    plan = build_plan(answers, check=False)
    wanted = ("household", "plan.name", "name")
    return [problem.message for problem in validate_plan(plan) if problem.path.startswith(wanted)]


def build_plan(answers: GuidedAnswers, check: bool = True) -> Plan:
    """The plan the answers describe; PlanProblems when it is not a valid plan."""
    plan = new_plan(answers.name.strip())
    household = replace(plan.household, birth_year=answers.birth_year, target_fi_age=answers.target_fi_age,
                        plan_until_age=answers.plan_until_age, monthly_expenses=answers.monthly_expenses,
                        monthly_savings=answers.monthly_savings)
    plan = replace(plan, household=household, streams=answers.holdings,
                   strategy=preset_strategy(answers.preset, plan.strategy))
    if check:
        problems = validate_plan(plan)
        if problems:
            raise PlanProblems(problems)
    return plan


def create_guided_plan(path: Path, answers: GuidedAnswers) -> Path:
    """Write the plan to a new file (never over an existing one)."""
    plan = build_plan(answers)
    path = Path(path)
    if path.exists():
        from planner.storage.errors import PlanFileError

        raise PlanFileError(f"{path.name} already exists; choose another name for the new plan")
    PlanSession.create(path, plan).close()
    return path
