"""Accounts as the editor changes them: a preset that fills an account's settings in one step, the
choices a stream's "Account" field offers, and deleting an account without leaving a stream (or a
scenario's change) pointing at it. Pure: tested without Qt."""

from __future__ import annotations

from planner.domain.enums import AccountPreset
from planner.domain.field_refs import ACCOUNT, FieldRef, stream_target
from planner.domain.plan import Account, Plan
from planner.domain.scenarios import STREAM_ACCOUNT
from planner.domain.tax_presets import ACCOUNT_PRESETS, with_account_preset
from planner.services.commands import Batch, Command, RemoveItem, SetStreamField, UpdateScenario
from planner.services.edits import PRESET_FILLED, current_value, field_command, scenario_view

#: The label of "no account" in a stream's Account choice.
NO_ACCOUNT = "None"
#: How the editor names each type and owner.
TYPE_NAMES = {"taxable": "Taxable", "tax_deferred": "Tax-deferred", "tax_free": "Tax-free"}
OWNER_NAMES = {1: "You", 2: "Partner"}


def preset_names() -> dict[str, str]:
    """Each preset's label, keyed by its value ("us_401k" -> "401(k)"); custom once edited."""
    return {AccountPreset.CUSTOM.value: "Custom", **{p.value: r.label for p, r in ACCOUNT_PRESETS.items()}}


def account_choices(plan: Plan) -> list[tuple[str, str]]:
    """What a stream's Account field offers, as (uid, name): none first, then the plan's accounts."""
    return [("", NO_ACCOUNT), *((a.uid, a.name) for a in plan.accounts)]


def streams_in(plan: Plan, uid: str) -> list[str]:
    """The names of the base plan's streams that sit in the account."""
    return [s.name for s in plan.streams if s.account == uid]


def account_preset_command(plan: Plan, scenario_name: str | None, uid: str, preset: AccountPreset) -> Command:
    """One edit that gives the account a wrapper's settings (type, limit, access age, penalty,
    required withdrawals), on the base plan or as the scenario's changes."""
    target = FieldRef.item(ACCOUNT, uid, "").target
    seen: Account = scenario_view(plan, scenario_name).account(uid)
    chosen = with_account_preset(seen, preset)
    steps = [field_command(plan, scenario_name, target, name, getattr(chosen, name))
             for name in ("preset", *PRESET_FILLED)
             if getattr(chosen, name) != current_value(plan, scenario_name, target, name)]
    where = f" in scenario {scenario_name}" if scenario_name else ""
    label = preset_names()[preset.value]
    return Batch(f"Use the {label} preset for {seen.name}{where}", tuple(steps), ("account preset", scenario_name, uid))


def remove_account_command(plan: Plan, uid: str) -> Command:
    """Delete an account: the streams in it go back to none and the scenario changes that put a
    stream in it go too (with those that change the account itself), all in one undo step."""
    account = plan.account(uid)
    steps: list[Command] = []
    for scenario in plan.scenarios:
        for override in scenario.overrides:
            ref = override.ref
            if ref.is_stream and not ref.param and ref.name == STREAM_ACCOUNT and override.value == uid:
                steps.append(UpdateScenario(scenario.name, clear=(override.target, override.field)))
    steps += [SetStreamField(s.uid, STREAM_ACCOUNT, "") for s in plan.streams if s.account == uid]
    steps.append(RemoveItem(ACCOUNT, uid))
    return Batch(f"Delete {account.name}", tuple(steps))


def shown_value(plan: Plan, target: str, field_name: str, value: object) -> object:
    """A stored value as the editor names it: a stream's account by the account's name, not its id."""
    ref = FieldRef.parse(target, field_name)
    if not (ref.is_stream and not ref.param and ref.name == STREAM_ACCOUNT and isinstance(value, str)):
        return value
    return next((a.name for a in plan.accounts if a.uid == value), NO_ACCOUNT if not value else value)


def stream_account_target(uid: str) -> tuple[str, str]:
    """The (target, field) a stream's account is edited through."""
    return stream_target(uid), STREAM_ACCOUNT


__all__ = ["NO_ACCOUNT", "OWNER_NAMES", "TYPE_NAMES", "account_choices", "account_preset_command",
           "preset_names", "remove_account_command", "shown_value", "stream_account_target", "streams_in"]
