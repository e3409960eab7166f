"""Spending phases, one-off events and accounts as the editor lists and adds them: new ones with the
specs' defaults under a free name, copies, the rows a scenario sees, and adding one "in this scenario".

Field edits of an item go through ``services/edits.py`` like every other field."""

from __future__ import annotations

from dataclasses import dataclass, replace

from planner.domain.defaults import new_uid
from planner.domain.enums import AccountPreset, AccountType
from planner.domain.field_refs import ACCOUNT, EVENT, INCLUDED, PHASE, FieldRef
from planner.domain.plan import Account, OneOffEvent, Override, Plan, SpendingPhase
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.tax_presets import with_account_preset
from planner.services.accounts import remove_account_command
from planner.services.commands import AddItem, Batch, Command, Item, RemoveItem, UpdateScenario, item_of, items_of
from planner.services.edits import added_in_scenario, scenario_view

#: What one of each is called in the editor and its messages.
WORDS = {PHASE: "spending phase", EVENT: "event", ACCOUNT: "account"}


@dataclass(frozen=True)
class ItemRow:
    """A phase or event as the shown scenario sees it; ``added``: the scenario brings it in while the
    base plan leaves it out ("added in this scenario")."""

    item: Item
    added: bool = False


def item_rows(plan: Plan, scenario_name: str | None, owner: str) -> list[ItemRow]:
    """Every phase (or event) of the plan in order, with the scenario's values and ``included``."""
    seen = items_of(scenario_view(plan, scenario_name), owner)
    return [ItemRow(item, added_in_scenario(plan, scenario_name, owner, item.uid)) for item in seen]


def free_name(plan: Plan, owner: str, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``...: the first no phase (or event) is called yet."""
    taken = {i.name.strip().casefold() for i in items_of(plan, owner)}
    return next(name for name in (wanted if k == 1 else f"{wanted} {k}" for k in range(1, len(taken) + 2))
                if name.casefold() not in taken)


def new_item(plan: Plan, owner: str) -> Item:
    """A new phase (or event) with the specs' defaults, from the plan's first month; a new account is
    a taxable brokerage account filled after the others."""
    specs = NUMERIC_FIELDS[owner]
    if owner == ACCOUNT:
        order = max((a.fill_order for a in plan.accounts), default=0) + 1
        account = Account(new_uid(), free_name(plan, owner, "New account"), AccountType.TAXABLE,
                          fill_order=min(order, int(specs["fill_order"].maximum)))
        return with_account_preset(account, AccountPreset.TAXABLE_BROKERAGE)
    if owner == PHASE:
        name = free_name(plan, owner, "New spending phase")
        return SpendingPhase(new_uid(), name, specs["monthly_amount"].default, plan.start, None)
    return OneOffEvent(new_uid(), free_name(plan, owner, "New event"), specs["amount"].default, False, plan.start)


def copied_item(plan: Plan, owner: str, uid: str) -> Item:
    """A copy of a phase or event under a new id and a free "(copy)" name, as the base plan has it."""
    original = item_of(plan, owner, uid)
    return replace(original, uid=new_uid(), name=free_name(plan, owner, f"{original.name} (copy)"))


def add_item_command(plan: Plan, scenario_name: str | None, owner: str, item: Item,
                     index: int | None = None) -> Command:
    """The command that adds a phase or event (at index, or at the end). In a scenario it is "added in
    this scenario": the base plan gets it left out (``included`` false) and the scenario an override
    that includes it, so the base and every other scenario stay as they were; one undo step takes
    both back."""
    if scenario_name is None:
        return AddItem(owner, item, index)
    ref = FieldRef.item(owner, item.uid, INCLUDED)
    return Batch(f"Add {item.name} in scenario {scenario_name}", (
        AddItem(owner, replace(item, included=False), index),
        UpdateScenario(scenario_name, override=Override.at(ref, "true"))))


def remove_item_command(plan: Plan, owner: str, uid: str) -> Command:
    """The command that deletes a phase, an event or an account from the plan and every scenario. The
    streams an account held go back to none, and the scenario changes that put a stream in it go, in
    the same step."""
    return RemoveItem(owner, uid) if owner != ACCOUNT else remove_account_command(plan, uid)


__all__ = ["WORDS", "ItemRow", "add_item_command", "copied_item", "free_name", "item_rows",
           "new_item", "remove_item_command"]
