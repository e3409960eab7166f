"""Validation returns every problem with the path of the field, and never raises for bad input."""

from dataclasses import replace
from decimal import Decimal

import pytest

from planner.domain.calendar import YearMonth
from planner.domain.defaults import new_plan, new_stream
from planner.domain.plan import Override, Scenario
from planner.domain.validation import validate_plan
from tests.helpers import START, demo


def paths(plan):
    return [problem.path for problem in validate_plan(plan)]


def test_demo_and_empty_plans_are_valid():
    assert validate_plan(demo()) == []
    assert validate_plan(new_plan("Empty", START)) == []


def test_demo_plan_has_what_the_issue_asks_for():
    plan = demo()
    assert len(plan.streams) >= 12
    assert {s.sleeve.value for s in plan.streams} == {"safe", "core", "speculative"}
    from planner.domain.catalogue import KINDS
    assert {KINDS[s.kind].basis.value for s in plan.streams} == {"capital", "effort", "entitlement"}
    # income and spending over a life: a couple with a state pension each, a salary until the stop,
    # a spending phase and a one-off event
    household = plan.household
    assert household.partner and household.saving_from_income and household.monthly_salary > 0
    assert {s.param("adult") for s in plan.streams if s.kind == "state_pension"} == {1, 2}
    assert plan.phases and plan.events and validate_plan(plan) == []
    assert {s.name for s in plan.scenarios} >= {"Barbell", "Dividend snowball"}


@pytest.mark.parametrize("value", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity"), Decimal("100000000.01"),
                                   Decimal("12.345")])
def test_bad_household_money_is_named(value):
    plan = demo()
    plan = replace(plan, household=replace(plan.household, monthly_expenses=value))
    problems = validate_plan(plan)
    assert [p.path for p in problems] == ["household.monthly_expenses"]
    assert "Monthly expenses" in problems[0].message


def test_weights_must_sum_to_100():
    plan = demo()
    plan = replace(plan, strategy=replace(plan.strategy, safe_weight=Decimal(50)))
    assert "strategy" in paths(plan)


def test_stream_problems_name_the_stream_and_field():
    plan = demo()
    broken = plan.streams[0].with_param("apy", Decimal("-3"))
    plan = replace(plan, streams=(broken, *plan.streams[1:]))
    assert paths(plan) == ["streams[0].params.apy"]


def test_empty_and_duplicate_names_and_ids():
    plan = demo()
    first, second = plan.streams[0], plan.streams[1]
    plan = replace(plan, scenarios=(), streams=(first, replace(second, name=first.name.upper(), uid=first.uid),
                                  replace(plan.streams[2], name="  ")))
    assert set(paths(plan)) == {"streams[1].uid", "streams[1].name", "streams[2].name"}


def test_end_before_start_and_unknown_kind():
    stream = new_stream("index_fund", "Fund", START)
    plan = new_plan("P", START)
    plan = replace(plan, streams=(replace(stream, end=YearMonth(2026, 1)), replace(stream, uid="x", name="B",
                                                                                    kind="lottery")))
    assert paths(plan) == ["streams[0].end", "streams[1].kind"]


def test_missing_parameter_is_reported():
    stream = new_stream("index_fund", "Fund", START)
    plan = replace(new_plan("P", START), streams=(replace(stream, params=stream.params[1:]),))
    problems = validate_plan(plan)
    assert problems[0].path == "streams[0].params" and "missing total_return" in problems[0].message


def test_scenario_overrides_are_checked():
    plan = demo()
    bad = Scenario("Bad", "", (
        Override("stream:nope", "weight", "2"),
        Override("household", "monthly_savings", "-5"),
        Override("strategy", "colour", "red"),
        Override("stream:emergency", "params.apy", "NaN"),
    ))
    plan = replace(plan, scenarios=(*plan.scenarios, bad))
    assert paths(plan) == [f"scenarios[{len(plan.scenarios) - 1}].overrides[{i}]" for i in range(4)]


def test_scenario_whose_weights_do_not_sum_is_refused():
    plan = demo()
    lopsided = Scenario("Lopsided", "", (Override("strategy", "safe_weight", "90"),))
    plan = replace(plan, scenarios=(lopsided,))
    assert paths(plan) == ["scenarios[0]"]


def test_the_stop_age_must_come_before_the_plan_until_age_and_the_plan_must_fit():
    single = tuple(s for s in demo().streams if s.uid != "pension2")  # one adult: their ages decide
    yours = tuple(replace(a, owner=1) for a in demo().accounts)
    plan = replace(demo(), household=replace(demo().household, partner=False), streams=single, accounts=yours)
    late = replace(plan, household=replace(plan.household, target_fi_age=95))
    assert paths(late) == ["household.target_fi_age"]
    past = replace(plan, household=replace(plan.household, birth_year=plan.start.year - 100, target_fi_age=60))
    assert paths(past) == ["household.plan_until_age"]  # 100 years old, planning to 95
    long = replace(plan, household=replace(plan.household, birth_year=plan.start.year, target_fi_age=30,
                                           plan_until_age=110))
    assert "covers 111 years" in " ".join(p.message for p in validate_plan(long))
    in_scenario = replace(plan, scenarios=(Scenario("Late", "", (Override("household", "target_fi_age", "96"),)),))
    assert paths(in_scenario) == ["scenarios[0]"]


def test_imported_returns_tables_need_unique_names_and_the_chosen_history_must_exist():
    from planner.domain.plan import ReturnsTableText
    from tests.helpers import history_plan, returns_csv

    assert validate_plan(history_plan()) == []
    plan = history_plan()
    twice = replace(plan, returns_tables=(*plan.returns_tables, ReturnsTableText(" nineties", returns_csv())))
    assert paths(twice) == ["returns_tables[2].name"]
    unnamed = replace(plan, returns_tables=(ReturnsTableText("", returns_csv()), *plan.returns_tables))
    assert paths(unnamed) == ["returns_tables[0].name"]
    clash = replace(plan, returns_tables=(ReturnsTableText("Built-in", returns_csv()), *plan.returns_tables))
    assert paths(clash) == ["returns_tables[0].name"]
    empty = replace(plan, returns_tables=(ReturnsTableText("Empty", " \n"), *plan.returns_tables))
    assert paths(empty) == ["returns_tables[0].text"]
    missing = replace(plan, assumptions=replace(plan.assumptions, history_table="Gone"))
    assert paths(missing) == ["assumptions.history_table"]
    assert "'Gone'" in validate_plan(missing)[0].message
