"""Every command reverts exactly, and reports what it changed (no Qt, no file)."""

from decimal import Decimal

from planner.domain.defaults import new_stream
from planner.domain.enums import Sleeve, StrategyPreset, TaxCategory
from planner.domain.plan import Override, Scenario
from planner.services.commands import (
    AddScenario,
    AddStream,
    ApplyPreset,
    MoveStream,
    RemoveScenario,
    RemoveStream,
    SetPlanField,
    SetRecordField,
    SetStreamField,
    SetTaxRate,
    UpdateScenario,
)
from tests.helpers import START, demo


def commands():
    return [
        SetRecordField("household", "monthly_expenses", Decimal("5000.00"), "monthly expenses"),
        SetPlanField("name", "Renamed"),
        SetTaxRate(TaxCategory.RENTAL, Decimal("30")),
        ApplyPreset(StrategyPreset.BARBELL),
        AddStream(new_stream("reit", "Second REIT", START, uid="reit2"), index=1),
        RemoveStream("divetf"),
        SetStreamField("flatb", "params.monthly_rent", Decimal("2100.00")),
        SetStreamField("emergency", "sleeve", Sleeve.CORE),
        MoveStream("photos", 0),
        AddScenario(Scenario("Cautious", "", (Override("household", "monthly_savings", "2500"),))),
        RemoveScenario("Barbell"),
        UpdateScenario("Barbell", new_name="Barbell 2", override=Override("household", "inflation", "3")),
    ]


def test_each_command_changes_the_plan_and_reverts_exactly():
    for command in commands():
        plan = demo()
        changed, change = command.apply(plan)
        assert changed != plan, command.text
        renames = isinstance(command, UpdateScenario) and command.new_name is not None
        assert change.renamed == (("Barbell", "Barbell 2") if renames else None), command.text
        restored, _ = command.revert(changed)
        assert restored == plan, command.text


def test_a_sequence_undone_in_reverse_restores_the_start():
    plan = start = demo()
    applied = []
    for command in commands():
        if isinstance(command, UpdateScenario) and not any(s.name == "Barbell" for s in plan.scenarios):
            continue
        plan, _ = command.apply(plan)
        applied.append(command)
    for command in reversed(applied):
        plan, _ = command.revert(plan)
    assert plan == start


def test_remove_stream_drops_and_restores_scenario_overrides_that_name_it():
    plan = demo()
    removed, _change = RemoveStream("flatb").apply(plan)
    assert all(o.target != "stream:flatb" for s in removed.scenarios for o in s.overrides)
    command = RemoveStream("flatb")
    assert command.revert(command.apply(plan)[0])[0] == plan


def test_command_texts_are_readable():
    plan = demo()
    command = SetStreamField("flatb", "params.monthly_rent", Decimal("2100.00"), label="rent")
    command.apply(plan)
    assert command.text == "Change rent of Flat B"
    remove = RemoveStream("flatb")
    remove.apply(plan)
    assert remove.text == "Delete Flat B"


def life_commands():
    from planner.domain.calendar import YearMonth
    from planner.domain.field_refs import EVENT, PHASE
    from planner.domain.plan import OneOffEvent, SpendingPhase
    from planner.services.commands import AddItem, RemoveItem, SetItemField

    return [
        AddItem(PHASE, SpendingPhase("care", "Care home", Decimal("2500.00"), YearMonth(2070, 1), None), index=0),
        AddItem(EVENT, OneOffEvent("wed", "Wedding", Decimal("20000.00"), False, YearMonth(2030, 6))),
        RemoveItem(PHASE, "kids"),
        RemoveItem(EVENT, "gift"),
        SetItemField(PHASE, "kids", "monthly_amount", Decimal("900.00"), "amount a month"),
        SetItemField(PHASE, "late", "end", YearMonth(2075, 12)),
        SetItemField(EVENT, "car", "month", YearMonth(2031, 1)),
        SetItemField(EVENT, "roof", "windfall", True),
        SetItemField(EVENT, "gift", "name", "Legacy"),
        SetItemField(PHASE, "boat", "included", True),
    ]


def test_phase_and_event_commands_change_the_plan_and_revert_exactly():
    from tests.helpers import life_plan

    for command in life_commands():
        plan = life_plan()
        changed, change = command.apply(plan)
        assert changed != plan and change.renamed is None, command.text
        assert command.revert(changed)[0] == plan, command.text


def test_removing_a_phase_or_event_drops_its_scenario_overrides_and_undo_brings_them_back():
    from planner.domain.field_refs import EVENT, PHASE
    from planner.services.commands import RemoveItem
    from tests.helpers import life_plan

    plan = life_plan()
    for owner, uid in ((PHASE, "kids"), (EVENT, "gift")):
        command = RemoveItem(owner, uid)
        removed, _ = command.apply(plan)
        assert all(o.target != f"{owner}:{uid}" for s in removed.scenarios for o in s.overrides)
        assert len(removed.scenario("Bigger life").overrides) < len(plan.scenario("Bigger life").overrides)
        assert command.revert(removed)[0] == plan
    assert RemoveItem(PHASE, "kids").text == "Delete item"


def test_item_command_texts_name_the_item():
    from planner.domain.field_refs import EVENT, PHASE
    from planner.services.commands import RemoveItem, SetItemField
    from tests.helpers import life_plan

    plan = life_plan()
    command = SetItemField(PHASE, "kids", "monthly_amount", Decimal("900.00"), "amount a month")
    command.apply(plan)
    assert command.text == "Change amount a month of Children at home"
    remove = RemoveItem(EVENT, "car")
    remove.apply(plan)
    assert remove.text == "Delete New car"
