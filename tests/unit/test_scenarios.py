from decimal import Decimal

from planner.domain.scenarios import apply_scenario
from tests.helpers import demo


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
