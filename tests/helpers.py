"""Small builders shared by tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.domain.calendar import YearMonth
from planner.domain.demo import demo_plan
from planner.domain.plan import Plan, plan_years

START = YearMonth(2027, 1)


def demo(start: YearMonth = START) -> Plan:
    return demo_plan(start)


def over_years(plan: Plan, years: int, stop_age: int | None = None) -> Plan:
    """The plan projected over ``years`` whole years (its plan-until age set to match) that stops
    saving at ``stop_age`` (None: never - the target age lies beyond the plan)."""
    household = plan.household
    until = plan.start.year - household.birth_year + years - 1
    while plan_years(replace(plan, household=replace(household, plan_until_age=until))) < years:
        until += 1
    household = replace(household, plan_until_age=until, target_fi_age=until + 1 if stop_age is None else stop_age)
    return replace(plan, household=household)


def file_bytes(path: Path) -> bytes:
    return Path(path).read_bytes()


def stored_plan(path: Path) -> Plan:
    """The plan as the file on disk holds it (a second connection, as a reopening app would)."""
    from planner.services.plan_files import read_plan

    return read_plan(path)


def saved_plan(window) -> Plan:  # type: ignore[no-untyped-def]
    """What the window's plan file holds once pending autosaves are written."""
    assert window.editor.flush()
    return stored_plan(window.session.path)


__all__ = ["START", "demo", "file_bytes", "over_years", "replace", "saved_plan", "stored_plan"]


def run_cli(capsys, *args) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """`planner ARGS` in this process: (exit status, stdout, stderr)."""
    from planner.app.main import main

    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err
