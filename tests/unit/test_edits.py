"""Routing one field edit to the base plan or to a scenario, and batches checked as a whole."""

from decimal import Decimal

import pytest

from planner.domain.enums import IncomePolicy, StrategyPreset
from planner.domain.validation import validate_plan
from planner.services.commands import Batch, SetRecordField, SetStreamField, UpdateScenario
from planner.services.edits import (
    describe_override,
    edit_command,
    effective_streams,
    overridden_fields,
    scenario_can_change,
)
from tests.helpers import demo


def test_base_plan_edits_change_the_plan_itself():
    plan = demo()
    command = edit_command(plan, None, "stream:flatb", "params.monthly_rent", Decimal("1900"), "monthly rent")
    assert isinstance(command, SetStreamField)
    changed, _ = command.apply(plan)
    assert changed.stream("flatb").param("monthly_rent") == Decimal("1900")
    assert command.text == "Change monthly rent of Flat B"


def test_scenario_edits_become_overrides_and_the_base_value_clears_them():
    plan = demo()
    command = edit_command(plan, "Barbell", "household", "monthly_savings", Decimal("2500.00"), "monthly savings")
    assert isinstance(command, UpdateScenario)
    changed, _ = command.apply(plan)
    assert changed.household.monthly_savings == plan.household.monthly_savings  # base untouched
    assert ("household", "monthly_savings") in overridden_fields(changed, "Barbell")
    assert command.text == "Change monthly savings in scenario Barbell"
    back = edit_command(changed, "Barbell", "household", "monthly_savings", plan.household.monthly_savings)
    cleared, _ = back.apply(changed)
    assert ("household", "monthly_savings") not in overridden_fields(cleared, "Barbell")


def test_a_scenario_cannot_rename_a_stream_or_change_tax_rates():
    plan = demo()
    assert not scenario_can_change(plan, "stream:flatb", "name")
    assert not scenario_can_change(plan, "stream:flatb", "notes")
    assert scenario_can_change(plan, "stream:flatb", "params.monthly_rent")
    assert scenario_can_change(plan, "stream:flatb", "included")
    with pytest.raises(ValueError, match="a scenario cannot change the name"):
        edit_command(plan, "Barbell", "stream:flatb", "name", "Flat C", "name")


def test_effective_streams_keep_left_out_streams_listed():
    plan = demo()
    rows = {s.uid: (s, included) for s, included in effective_streams(plan, "Dividend snowball")}
    assert len(rows) == len(plan.streams)
    assert rows["flatb"][1] is False and rows["divetf"][1] is True
    assert rows["divetf"][0].weight == Decimal(3)
    assert rows["reits"][0].income_policy is IncomePolicy.REINVEST
    assert plan.stream("reits").income_policy is IncomePolicy.PAY_OUT


def test_batch_is_validated_as_a_whole_and_undone_in_reverse():
    plan = demo()
    steps = [SetRecordField("strategy", name, Decimal(value))
             for name, value in (("safe_weight", 50), ("core_weight", 40), ("speculative_weight", 10))]
    changed_alone, _ = steps[0].apply(plan)  # one weight alone breaks the 100 % rule
    assert any("add up to 100" in p.message for p in validate_plan(changed_alone))
    batch = Batch("Change sleeve weights", (*steps, SetRecordField("strategy", "preset", StrategyPreset.CUSTOM)))
    changed, _ = batch.apply(plan)
    assert validate_plan(changed) == []
    assert (changed.strategy.safe_weight, changed.strategy.core_weight) == (50, 40)
    restored, _ = batch.revert(changed)
    assert restored == plan


def test_overrides_are_described_in_words():
    plan = demo()
    assert describe_override(plan, "stream:divetf", "weight") == "Weight in sleeve of Dividend ETF"
    assert describe_override(plan, "strategy", "safe_weight") == "Safe sleeve (strategy)"
    assert describe_override(plan, "stream:flatb", "included") == "Flat B included"
