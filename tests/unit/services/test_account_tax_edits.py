"""The editor's account and tax commands, without Qt: a preset is one step and editing a setting it
filled makes the account custom; deleting an account leaves no stream or scenario change naming it;
a tax preset is one step; every table edit sets the tables, marks them custom and carries names
along; bad brackets are refused by the plan's validation with its message."""

from dataclasses import replace
from decimal import Decimal

from planner.domain.enums import AccountPreset, AccountType, TaxCategory
from planner.domain.field_refs import ACCOUNT, FieldRef
from planner.domain.plan import Override
from planner.domain.tax_presets import ACCOUNT_PRESETS, FLAT, TAX_PRESETS
from planner.domain.validation import validate_plan
from planner.services import tax
from planner.services.accounts import account_choices, account_preset_command
from planner.services.commands import Batch, UpdateScenario
from planner.services.edits import describe_override, edit_command, scenario_can_change, scenario_view
from planner.services.items import new_item, remove_item_command
from tests.helpers import demo

K401 = FieldRef.item(ACCOUNT, "k401", "").target


def messages(plan):
    return [p.message for p in validate_plan(plan)]


def test_a_preset_fills_the_settings_in_one_step_and_undo_puts_them_back():
    plan = demo()
    command = account_preset_command(plan, None, "k401", AccountPreset.UK_SIPP)
    changed, _ = command.apply(plan)
    rules = ACCOUNT_PRESETS[AccountPreset.UK_SIPP]
    account = changed.account("k401")
    assert (account.preset, account.account_type, account.yearly_limit, account.access_age, account.early_penalty,
            account.required_from_age) == (AccountPreset.UK_SIPP, rules.account_type, rules.yearly_limit,
                                           rules.access_age, rules.early_penalty, rules.required_from_age)
    assert isinstance(command, Batch) and command.text == "Use the SIPP preset for 401(k)"
    assert command.revert(changed)[0] == plan and messages(changed) == []


def test_typing_a_setting_the_preset_filled_makes_the_account_custom_in_the_same_step():
    plan = demo()
    command = edit_command(plan, None, K401, "yearly_limit", Decimal("30000"), "yearly limit")
    changed, _ = command.apply(plan)
    assert changed.account("k401").yearly_limit == Decimal("30000")
    assert changed.account("k401").preset is AccountPreset.CUSTOM
    assert command.text == "Change yearly limit of 401(k)"
    assert command.revert(changed)[0] == plan
    again = edit_command(changed, None, K401, "access_age", 55)  # already custom: one plain edit
    assert not isinstance(again, Batch)
    owner = edit_command(plan, None, K401, "fill_order", 2)  # not a preset's setting: the preset stays
    assert owner.apply(plan)[0].account("k401").preset is AccountPreset.US_401K


def test_a_scenario_changes_an_account_with_its_own_values_and_the_base_keeps_its_own():
    plan = demo()
    assert scenario_can_change(plan, K401, "access_age") and scenario_can_change(plan, K401, "preset")
    assert not scenario_can_change(plan, K401, "name")
    command = account_preset_command(plan, "Barbell", "k401", AccountPreset.US_TRADITIONAL_IRA)
    changed, _ = command.apply(plan)
    assert changed.accounts == plan.accounts
    seen = scenario_view(changed, "Barbell").account("k401")
    assert (seen.preset, seen.yearly_limit) == (AccountPreset.US_TRADITIONAL_IRA, Decimal(7000))
    assert describe_override(changed, K401, "yearly_limit") == "Yearly limit of 401(k)"
    typed = edit_command(changed, "Barbell", K401, "early_penalty", Decimal("20")).apply(changed)[0]
    assert scenario_view(typed, "Barbell").account("k401").preset is AccountPreset.CUSTOM
    assert messages(typed) == []


def test_a_stream_is_put_in_an_account_in_a_scenario_and_a_property_cannot_sit_in_a_roth():
    plan = demo()
    stream = FieldRef.stream("p2p", "").target
    moved = edit_command(plan, "Barbell", stream, "account", "roth").apply(plan)[0]
    assert scenario_view(moved, "Barbell").stream("p2p").account == "roth"
    assert plan.stream("p2p").account == "" and messages(moved) == []
    refused = edit_command(plan, None, FieldRef.stream("flatb", "").target, "account", "roth").apply(plan)[0]
    assert any("cannot sit in 'Roth IRA (partner)'" in m for m in messages(refused))
    assert account_choices(plan)[:2] == [("", "None"), ("k401", "401(k)")]


def test_deleting_an_account_puts_its_streams_back_to_none_and_drops_the_scenario_changes_naming_it():
    base = demo()
    stream = FieldRef.stream("p2p", "").target
    scenario = replace(base.scenario("Barbell"), overrides=(
        *base.scenario("Barbell").overrides, Override(stream, "account", "roth"),
        Override(FieldRef.item(ACCOUNT, "roth", "").target, "access_age", "55")))
    plan = replace(base, scenarios=tuple(scenario if s.name == "Barbell" else s for s in base.scenarios))
    assert messages(plan) == []
    command = remove_item_command(plan, ACCOUNT, "roth")
    changed, _ = command.apply(plan)
    assert [a.uid for a in changed.accounts] == ["k401", "brokerage"]
    assert changed.stream("reits").account == "" and messages(changed) == []
    assert all("roth" not in (o.target, o.value) for s in changed.scenarios for o in s.overrides)
    assert scenario_view(changed, "Barbell").stream("p2p").account == ""
    assert command.text == "Delete Roth IRA (partner)" and command.revert(changed)[0] == plan


def test_a_new_account_is_a_brokerage_account_filled_after_the_others():
    plan = demo()
    account = new_item(plan, ACCOUNT)
    assert (account.name, account.account_type, account.preset, account.fill_order) == (
        "New account", AccountType.TAXABLE, AccountPreset.TAXABLE_BROKERAGE, 4)


def test_a_tax_preset_is_one_step_and_flat_rates_remove_the_tables():
    plan = demo()
    command = tax.tax_preset_command(plan, "uk_2025")
    changed, _ = command.apply(plan)
    assert changed.assumptions.tax_tables == TAX_PRESETS["uk_2025"].tables
    assert changed.assumptions.tax_preset == "uk_2025" and command.text == "Use UK 2025/26 (England) tax"
    flat = tax.tax_preset_command(changed, FLAT).apply(changed)[0]
    assert (flat.assumptions.tax_tables, flat.assumptions.category_tables) == ((), ())
    assert command.revert(changed)[0] == plan and messages(flat) == []


def test_renaming_a_table_carries_the_categories_and_the_table_on_it_along():
    plan = demo()
    changed = tax.rename_table(plan, 0, "Income").apply(plan)[0]
    tables = changed.assumptions.tax_tables
    assert [t.name for t in tables][:2] == ["Income", "Qualified dividends and long-term gains"]
    assert tables[1].stacked_on == "Income" and tables[2].stacked_on == "Income"
    assert changed.assumptions.table_of(TaxCategory.INTEREST).name == "Income"
    assert changed.assumptions.tax_preset == tax.CUSTOM and messages(changed) == []


def test_brackets_below_the_one_before_or_rates_over_100_are_refused_with_the_domains_message():
    plan = demo()
    low = tax.set_bracket(plan, 0, 2, Decimal("1000"), Decimal("22")).apply(plan)[0]
    assert "each bracket must start above the one before it" in messages(low)
    high = tax.set_bracket(plan, 0, 1, Decimal("23850"), Decimal("120")).apply(plan)[0]
    assert "a rate must be 0 to 100 %, got 120" in messages(high)
    fine = tax.set_bracket(plan, 0, 1, Decimal("25000"), Decimal("12.5")).apply(plan)[0]
    assert fine.assumptions.tax_tables[0].brackets[1].rate == Decimal("12.5") and messages(fine) == []


def test_brackets_and_tables_are_added_and_removed_without_leaving_a_dangling_name():
    plan = demo()
    added = tax.add_bracket(plan, 1).apply(plan)[0]
    gains = added.assumptions.tax_tables[1].brackets
    assert gains[-1].from_amount == gains[-2].from_amount + tax.BRACKET_STEP and gains[-1].rate == gains[-2].rate
    first_gone = tax.remove_bracket(plan, 0, 0).apply(plan)[0].assumptions.tax_tables[0].brackets
    assert first_gone[0].from_amount == 0 and first_gone[0].rate == Decimal("12")
    without = tax.remove_table(plan, 0).apply(plan)[0]
    assert [t.stacked_on for t in without.assumptions.tax_tables] == ["", ""]
    assert without.assumptions.table_of(TaxCategory.INTEREST) is None and messages(without) == []
    new = tax.add_table(without).apply(without)[0]
    assert new.assumptions.tax_tables[-1].name == "Table 1" and messages(new) == []


def test_a_category_is_taxed_by_a_table_or_by_its_flat_rate():
    plan = demo()
    flat = tax.set_category_table(plan, TaxCategory.RENTAL, "").apply(plan)[0]
    assert flat.assumptions.table_of(TaxCategory.RENTAL) is None
    back = tax.set_category_table(flat, TaxCategory.RENTAL, "Ordinary income")
    assert back.apply(flat)[0].assumptions.table_of(TaxCategory.RENTAL).name == "Ordinary income"
    assert back.text == "Tax rental by Ordinary income" and isinstance(back, Batch)
    assert not any(isinstance(c, UpdateScenario) for c in back.commands)


def test_a_value_typed_as_it_was_changes_nothing_and_keeps_the_preset():
    plan = demo()
    bracket = plan.assumptions.tax_tables[0].brackets[2]
    command = tax.set_bracket(plan, 0, 2, bracket.from_amount, bracket.rate)
    assert tax.is_empty(command) and command.apply(plan)[0] == plan
