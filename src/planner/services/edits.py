"""One field edit, aimed at the base plan or at a scenario: which command carries it out, and
whether a scenario may change that field at all.

The window never decides this itself, so the table, the stream editor and the plan forms route a
typed value the same way, and the rules are tested without Qt.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from planner.domain.catalogue import KINDS
from planner.domain.enums import AccountPreset, TaxCategory
from planner.domain.field_refs import ACCOUNT, EVENT, INCLUDED, PHASE, PLAN, TAX_RATES, FieldRef, stream_target
from planner.domain.plan import Override, Plan, Stream
from planner.domain.record_fields import BOOLEAN_FIELDS, CHOICE_FIELDS, NUMERIC_FIELDS
from planner.domain.scenarios import ITEM_MONTHS, STREAM_ACCOUNT, apply_scenario, override_text
from planner.services.commands import (
    Batch,
    Command,
    SetItemField,
    SetRecordField,
    SetStreamField,
    SetTaxRate,
    UpdateScenario,
    item_of,
)

#: Words for the fields of phases and events that have no FieldSpec (names, months, switches).
ITEM_LABELS = {"name": "Name", "start": "Start month", "end": "End month", "month": "Month",
               "windfall": "Cost or windfall", "inflation_linked": "Link to inflation", "included": "Included",
               "notes": "Notes", "account_type": "Type", "preset": "Preset"}
#: The items a scenario can change like phases: their numbers, switches, choices and months.
OWNED_ITEMS = (PHASE, EVENT, ACCOUNT)
#: An account's fields a preset fills (domain/tax_presets.with_account_preset): typing one makes it custom.
PRESET_FILLED = ("account_type", "yearly_limit", "access_age", "early_penalty", "required_from_age")


def scenario_can_change(plan: Plan, target: str, field_name: str) -> bool:
    """Whether a scenario may override this field (names, dates, notes and tax rates belong to the base)."""
    ref = FieldRef.parse(target, field_name)
    if ref.is_record:
        return (field_name in NUMERIC_FIELDS[target] or field_name in CHOICE_FIELDS.get(target, {})
                or field_name in BOOLEAN_FIELDS.get(target, ()))
    if ref.is_stream:
        if ref.param:
            kind = KINDS.get(plan.stream(ref.uid).kind)
            return kind is not None and any(p.key == ref.name for p in kind.params)
        if ref.name in (INCLUDED, STREAM_ACCOUNT):
            return True
        return ref.name in NUMERIC_FIELDS["stream"] or ref.name in CHOICE_FIELDS["stream"]
    if ref.owner in OWNED_ITEMS:  # amounts, months, choices and switches; the name and notes are the base's
        return (ref.name in NUMERIC_FIELDS[ref.owner] or ref.name in BOOLEAN_FIELDS[ref.owner]
                or ref.name in CHOICE_FIELDS.get(ref.owner, {}) or ref.name in ITEM_MONTHS.get(ref.owner, ()))
    return False


#: Fields of a phase or event that a scenario sets on the base when the scenario added it (the base
#: leaves it out, so nothing else sees them): a new phase in a scenario can be named there.
OWN_ITEM_FIELDS = ("name", "notes")


def added_in_scenario(plan: Plan, scenario_name: str | None, owner: str, uid: str) -> bool:
    """Whether the scenario brings in a phase or event the base plan leaves out ("added in this scenario")."""
    if scenario_name is None or item_of(plan, owner, uid).included:
        return False
    key = FieldRef.item(owner, uid, INCLUDED).key
    return any((o.target, o.field) == key and o.value == "true" for o in plan.scenario(scenario_name).overrides)


def _set_on_base(plan: Plan, scenario_name: str | None, ref: FieldRef) -> bool:
    """Whether an edit in this scenario goes to the base plan: the name or notes of an item it added."""
    return (scenario_name is not None and ref.owner in OWNED_ITEMS and ref.name in OWN_ITEM_FIELDS
            and added_in_scenario(plan, scenario_name, ref.owner, ref.uid))


def editable(plan: Plan, scenario_name: str | None, target: str, field_name: str) -> bool:
    """Whether the editors let the user change this field now (else it is greyed: base plan only)."""
    ref = FieldRef.parse(target, field_name)
    return (scenario_name is None or scenario_can_change(plan, target, field_name)
            or _set_on_base(plan, scenario_name, ref))


def overridden_fields(plan: Plan, scenario_name: str | None) -> set[tuple[str, str]]:
    """(target, field) pairs the scenario changes; empty for the base plan."""
    if scenario_name is None:
        return set()
    return {(o.target, o.field) for o in plan.scenario(scenario_name).overrides}


def field_value(plan: Plan, target: str, field_name: str) -> Any:
    """A field's value in this plan record (pass a scenario's view for the scenario's value).

    target and field_name: a stored field reference (FieldRef.target and FieldRef.field).
    """
    ref = FieldRef.parse(target, field_name)
    if ref.owner == PLAN:
        return getattr(plan, field_name)
    if ref.owner == TAX_RATES:
        return plan.assumptions.tax_rate(TaxCategory(field_name))
    if ref.is_stream:
        return stream_value(plan.stream(ref.uid), field_name)
    if ref.is_item:
        return getattr(item_of(plan, ref.owner, ref.uid), field_name)
    return getattr(getattr(plan, target), field_name)


def stream_value(stream: Stream, field_name: str, included: bool = True) -> Any:
    """A stream's common field, ``params.<key>`` parameter, or whether it is ``included``."""
    ref = FieldRef.parse(stream_target(stream.uid), field_name)
    if ref.param:
        return stream.param(ref.name)
    if ref.name == INCLUDED:
        return included
    return getattr(stream, field_name)


def current_value(plan: Plan, scenario_name: str | None, target: str, field_name: str) -> Any:
    """A field's value now, as the base plan or the scenario sees it (left-out streams included)."""
    ref = FieldRef.parse(target, field_name)
    if scenario_name is None or not ref.is_stream:
        return field_value(scenario_view(plan, scenario_name), target, field_name)
    stream, included = next((s, i) for s, i in effective_streams(plan, scenario_name) if s.uid == ref.uid)
    return stream_value(stream, field_name, included)


def edit_command(plan: Plan, scenario_name: str | None, target: str, field_name: str, value: Any,
                 label: str = "") -> Command:
    """The command that sets target.field to value: on the base plan, or as the scenario's override.

    Setting a scenario's field back to the base value clears the override instead of storing a copy.
    Typing one of the settings an account's preset filled makes the account "custom" in the same step.
    Raises ValueError with a user-readable message when a scenario cannot change that field.
    """
    command = field_command(plan, scenario_name, target, field_name, value, label)
    ref = FieldRef.parse(target, field_name)
    if ref.owner != ACCOUNT or field_name not in PRESET_FILLED:
        return command
    if current_value(plan, scenario_name, target, "preset") is AccountPreset.CUSTOM:
        return command
    custom = field_command(plan, scenario_name, target, "preset", AccountPreset.CUSTOM)
    what = label or ITEM_LABELS.get(field_name) or NUMERIC_FIELDS[ACCOUNT][field_name].label
    where = f" in scenario {scenario_name}" if scenario_name else ""
    return Batch(f"Change {what.lower()} of {item_of(plan, ACCOUNT, ref.uid).name}{where}", (command, custom))


def field_command(plan: Plan, scenario_name: str | None, target: str, field_name: str, value: Any,
                  label: str = "") -> Command:
    """The command that sets exactly this one field (edit_command adds what follows from it)."""
    ref = FieldRef.parse(target, field_name)
    if scenario_name is None or _set_on_base(plan, scenario_name, ref):
        if ref.owner == TAX_RATES:
            return SetTaxRate(TaxCategory(field_name), value)
        if ref.is_stream:
            return SetStreamField(ref.uid, field_name, value, label)
        if ref.is_item:
            return SetItemField(ref.owner, ref.uid, field_name, value, label)
        return SetRecordField(target, field_name, value, label)
    what = label or ref.name.replace("_", " ")
    if not scenario_can_change(plan, target, field_name):
        raise ValueError(f"a scenario cannot change the {what}; select the base plan to change it for every scenario")
    owner = _owner_name(plan, target)
    text = f"Change {what}{owner}"
    if value == field_value(plan, target, field_name):
        return UpdateScenario(scenario_name, clear=(target, field_name), label=text)
    return UpdateScenario(scenario_name, override=Override(target, field_name, override_text(value)), label=text)


def scenario_view(plan: Plan, scenario_name: str | None) -> Plan:
    """The plan as the chosen scenario sees it (streams it leaves out are dropped)."""
    return apply_scenario(plan, None if scenario_name is None else plan.scenario(scenario_name))


def effective_streams(plan: Plan, scenario_name: str | None) -> list[tuple[Stream, bool]]:
    """Every base stream in plan order as the scenario sets it, with whether the scenario includes it
    (a left-out stream stays visible, greyed, so it can be put back)."""
    if scenario_name is None:
        return [(s, True) for s in plan.streams]
    scenario = plan.scenario(scenario_name)
    left_out = {o.target for o in scenario.overrides if o.field == INCLUDED and o.value == "false"}
    kept = replace(scenario, overrides=tuple(o for o in scenario.overrides if o.field != INCLUDED))
    seen = apply_scenario(plan, kept)
    return [(s, stream_target(s.uid) not in left_out) for s in seen.streams]


def _owner_name(plan: Plan, target: str) -> str:
    ref = FieldRef.parse(target, "")
    if ref.is_stream:
        return f" of {plan.stream(ref.uid).name}"
    if ref.is_item:
        return f" of {item_of(plan, ref.owner, ref.uid).name}"
    return ""


def describe_override(plan: Plan, target: str, field_name: str) -> str:
    """A scenario change in words: "Weight in sleeve of Dividend ETF", "Safe sleeve (strategy)",
    "End month of Children at home"."""
    ref = FieldRef.parse(target, field_name)
    if ref.is_stream:
        stream = plan.stream(ref.uid)
        if ref.name == INCLUDED and not ref.param:
            return f"{stream.name} included"
        if ref.param:
            kind = KINDS.get(stream.kind)
            what = kind.param(ref.name).label if kind else ref.name
        else:
            spec = NUMERIC_FIELDS["stream"].get(field_name)
            what = spec.label if spec else field_name.replace("_", " ").capitalize()
        return f"{what} of {stream.name}"
    if ref.is_item:
        item = item_of(plan, ref.owner, ref.uid)
        if ref.name == INCLUDED:
            return f"{item.name} included"
        spec = NUMERIC_FIELDS[ref.owner].get(field_name)
        return f"{spec.label if spec else ITEM_LABELS.get(field_name, field_name)} of {item.name}"
    spec = NUMERIC_FIELDS.get(target, {}).get(field_name)
    what = spec.label if spec else field_name.replace("_", " ").capitalize()
    return f"{what} ({target.replace('_', ' ')})"
