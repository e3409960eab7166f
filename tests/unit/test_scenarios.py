from dataclasses import replace
from decimal import Decimal

import pytest

from planner.domain.plan import Override, Scenario
from planner.domain.scenarios import apply_scenario
from tests.helpers import START, demo


def test_barbell_scenario_changes_only_the_strategy():
    plan = demo()
    barbell = apply_scenario(plan, plan.scenario("Barbell"))
    assert (barbell.strategy.safe_weight, barbell.strategy.core_weight, barbell.strategy.speculative_weight) == (
        Decimal(85), Decimal(0), Decimal(15))
    assert barbell.streams == plan.streams and barbell.household == plan.household


def test_dividend_snowball_excludes_the_rental_and_reweights():
    plan = demo()
    snowball = apply_scenario(plan, plan.scenario("Dividend snowball"))
    assert "flatb" not in {s.uid for s in snowball.streams}
    assert snowball.stream("divetf").weight == Decimal(3)
    assert snowball.stream("reits").income_policy.value == "reinvest"
    assert len(snowball.streams) == len(plan.streams) - 1


def test_no_scenario_is_the_base_plan():
    plan = demo()
    assert apply_scenario(plan, None) is plan


def test_a_scenario_changes_moves_and_switches_phases_and_events():
    from planner.domain.calendar import YearMonth
    from planner.domain.scenarios import counted_items
    from tests.helpers import life_plan

    plan = life_plan(START)
    seen = apply_scenario(plan, plan.scenario("Bigger life"))
    kids = seen.phase("kids")
    assert kids.monthly_amount == Decimal(1800) and kids.end == YearMonth(START.year + 18, 6)
    assert not seen.event("gift").included and seen.phase("boat").included
    assert seen.household.partner_monthly_salary == 0 and plan.household.partner_monthly_salary > 0
    assert [p.uid for p in counted_items(seen).phases] == ["kids", "late", "boat"]
    assert [e.uid for e in counted_items(seen).events] == ["car", "roof"]
    base = apply_scenario(plan, None)
    assert base is plan and [p.uid for p in counted_items(base).phases] == ["kids", "late"]  # the boat is left out


@pytest.mark.parametrize(("target", "field", "value", "message"), [
    ("phase:none", "monthly_amount", "1", "spending phase that is not in the plan"),
    ("event:car", "probability", "101", "New car"),
    ("event:car", "windfall", "yes", "true or false"),
    ("phase:kids", "start", "2030-13", "Children at home: month must be 1 to 12"),
    ("phase:kids", "colour", "red", "no field 'colour'"),
])
def test_bad_overrides_of_phases_and_events_say_what_is_wrong(target, field, value, message):
    from planner.domain.scenarios import OverrideError, parse_override
    from tests.helpers import life_plan

    with pytest.raises(OverrideError, match=message):
        parse_override(life_plan(START), Override(target, field, value))


def test_a_scenario_that_ends_a_phase_before_it_starts_is_refused():
    from planner.domain.validation import validate_plan
    from tests.helpers import life_plan

    plan = life_plan(START)
    bad = Scenario("Early end", "", (Override("phase:kids", "end", f"{START.year - 1}-01"),))
    problems = validate_plan(replace(plan, scenarios=(*plan.scenarios, bad)))
    assert any("ends" in p.message and "Children at home" in p.message for p in problems)


def test_a_phase_ending_before_it_starts_in_the_base_is_said_once_not_once_per_scenario():
    from planner.domain.calendar import YearMonth
    from planner.domain.validation import validate_plan
    from tests.helpers import life_plan

    plan = life_plan(START)
    kids = replace(plan.phases[0], end=YearMonth(START.year - 1, 1))
    problems = validate_plan(replace(plan, phases=(kids, *plan.phases[1:])))
    assert [p.path for p in problems] == ["phases[0].end"]
