"""Routing one field edit to the base plan or to a scenario, and batches checked as a whole."""

from decimal import Decimal

import pytest

from planner.domain.enums import StrategyPreset
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
    assert plan.stream("divetf").weight == Decimal(1)  # the base keeps its own
    assert rows["reits"][0] == plan.stream("reits")  # a stream the scenario leaves alone is the base's


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


def test_phases_and_events_are_changed_in_a_scenario_except_their_names_and_notes():
    from planner.domain.calendar import YearMonth
    from planner.services.commands import SetItemField
    from tests.helpers import life_plan

    plan = life_plan()
    for field_name in ("monthly_amount", "start", "end", "included"):
        assert scenario_can_change(plan, "phase:kids", field_name), field_name
    for field_name in ("amount", "month", "windfall", "inflation_linked", "probability", "every_years", "times"):
        assert scenario_can_change(plan, "event:car", field_name), field_name
    for target in ("phase:kids", "event:car"):
        assert not scenario_can_change(plan, target, "name") and not scenario_can_change(plan, target, "notes")
    base = edit_command(plan, None, "phase:kids", "end", YearMonth(2040, 12), "end month")
    assert isinstance(base, SetItemField) and base.apply(plan)[0].phase("kids").end == YearMonth(2040, 12)
    moved = edit_command(plan, "Bigger life", "event:car", "month", YearMonth(2030, 1), "month")
    changed, _ = moved.apply(plan)
    assert moved.text == "Change month of New car in scenario Bigger life"
    assert ("event:car", "month") in overridden_fields(changed, "Bigger life")
    assert changed.event("car") == plan.event("car")  # the base keeps its month
    unended = edit_command(plan, "Bigger life", "phase:late", "end", YearMonth(2080, 1)).apply(plan)[0]
    back = edit_command(unended, "Bigger life", "phase:late", "end", None)  # the base's "no end" clears it
    assert ("phase:late", "end") not in overridden_fields(back.apply(unended)[0], "Bigger life")
    with pytest.raises(ValueError, match="a scenario cannot change the name"):
        edit_command(plan, "Bigger life", "phase:kids", "name", "Kids", "name")


def test_a_phase_added_in_a_scenario_is_left_out_of_the_base_and_included_in_that_scenario():
    from planner.domain.calendar import YearMonth
    from planner.domain.plan import SpendingPhase
    from planner.domain.scenarios import apply_scenario, counted_items
    from planner.services.commands import SetItemField
    from planner.services.edits import added_in_scenario, editable
    from planner.services.items import add_item_command
    from tests.helpers import life_plan

    plan = life_plan()
    phase = SpendingPhase("gap", "Gap year", Decimal("2000.00"), YearMonth(2035, 1), YearMonth(2035, 12))
    command = add_item_command(plan, "Bigger life", "phase", phase)
    assert isinstance(command, Batch) and command.text == "Add Gap year in scenario Bigger life"
    changed, _ = command.apply(plan)
    assert not validate_plan(changed)
    assert changed.phase("gap").included is False
    assert "gap" not in {p.uid for p in counted_items(changed).phases}
    seen = counted_items(apply_scenario(changed, changed.scenario("Bigger life")))
    assert "gap" in {p.uid for p in seen.phases}
    assert added_in_scenario(changed, "Bigger life", "phase", "gap")
    assert not added_in_scenario(changed, None, "phase", "gap")
    assert not added_in_scenario(changed, "Bigger life", "phase", "kids")
    named = edit_command(changed, "Bigger life", "phase:gap", "name", "Sabbatical", "name")  # its own: on the base
    assert isinstance(named, SetItemField) and named.apply(changed)[0].phase("gap").name == "Sabbatical"
    assert editable(changed, "Bigger life", "phase:gap", "notes") and not editable(changed, "Bigger life",
                                                                                      "phase:kids", "notes")
    with pytest.raises(ValueError, match="cannot change the name"):
        edit_command(changed, "Barbell", "phase:gap", "name", "Sabbatical")  # another scenario's: base only
    assert command.revert(changed)[0] == plan
    assert add_item_command(plan, None, "phase", phase).apply(plan)[0].phase("gap").included is True


def test_phase_and_event_overrides_in_words():
    from tests.helpers import life_plan

    plan = life_plan()
    assert describe_override(plan, "phase:kids", "monthly_amount") == "Amount a month of Children at home"
    assert describe_override(plan, "phase:kids", "end") == "End month of Children at home"
    assert describe_override(plan, "event:gift", "included") == "Inheritance included"
    assert describe_override(plan, "household", "partner_monthly_salary") == "Partner's net salary (household)"


def test_new_and_copied_phases_and_events_take_free_names_and_the_specs_defaults():
    from planner.domain.validation import validate_plan
    from planner.services.commands import AddItem
    from planner.services.items import copied_item, item_rows, new_item
    from tests.helpers import life_plan

    plan = life_plan()
    phase, event = new_item(plan, "phase"), new_item(plan, "event")
    assert (phase.name, phase.monthly_amount, phase.start, phase.end) == ("New spending phase", Decimal("500.00"),
                                                                          plan.start, None)
    assert (event.name, event.amount, event.windfall, event.times) == ("New event", Decimal("30000.00"), False, 1)
    plan = AddItem("phase", phase).apply(plan)[0]
    assert new_item(plan, "phase").name == "New spending phase 2"
    copy = copied_item(plan, "event", "car")
    assert copy.name == "New car (copy)" and copy.uid != "car" and copy.times == 4
    assert not validate_plan(AddItem("event", copy).apply(plan)[0])
    rows = {row.item.uid: row for row in item_rows(plan, "Bigger life", "phase")}
    assert rows["kids"].item.monthly_amount == Decimal("1800") and not rows["kids"].added
    assert rows["boat"].item.included and rows["boat"].added  # the base leaves it out, the scenario brings it in
    assert [r.item.uid for r in item_rows(plan, None, "event")] == ["car", "roof", "gift"]
    assert not {r.item.uid: r for r in item_rows(plan, "Bigger life", "event")}["gift"].item.included
