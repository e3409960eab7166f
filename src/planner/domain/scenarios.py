"""Scenarios as overrides on the base plan: parsing an override and applying a scenario."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from enum import StrEnum

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS
from planner.domain.field_refs import ACCOUNT, EVENT, INCLUDED, PHASE, RECORDS, FieldRef
from planner.domain.money import canonical_text
from planner.domain.plan import Account, OneOffEvent, Override, Plan, Scenario, SpendingPhase, Stream
from planner.domain.record_fields import BOOLEAN_FIELDS, CHOICE_FIELDS, NUMERIC_FIELDS

PLAN_TARGETS = RECORDS


class OverrideError(ValueError):
    """An override names something that does not exist or carries a bad value."""


def parse_override(plan: Plan, override: Override) -> object:
    """The typed value an override sets, after checking that its target and field exist."""
    ref, target, name, text = override.ref, override.target, override.field, override.value
    if ref.is_record:
        record = target
    elif ref.is_stream:
        try:
            stream = plan.stream(ref.uid)
        except KeyError:
            raise OverrideError(f"the scenario changes a stream that is not in the plan ({ref.uid})") from None
        if ref.name == INCLUDED and not ref.param:
            if text not in ("true", "false"):
                raise OverrideError(f"'included' must be true or false, got {text!r}")
            return text == "true"
        if ref.param:
            key = ref.name
            try:
                param_spec = KINDS[stream.kind].param(key)
            except KeyError:
                raise OverrideError(f"{stream.name} has no parameter {key!r}") from None
            return _number(param_spec.check(text), stream.name)
        if ref.name == STREAM_ACCOUNT:
            return _account_reference(plan, stream, text)
        record = "stream"
    elif ref.owner in (PHASE, EVENT, ACCOUNT):
        return _parse_item_override(plan, ref, text)
    else:
        raise OverrideError(f"{target!r} is not something a scenario can change")
    if name in BOOLEAN_FIELDS.get(record, ()):
        if text not in ("true", "false"):
            raise OverrideError(f"{name} must be true or false, got {text!r}")
        return text == "true"
    choices = CHOICE_FIELDS.get(record, {})
    if name in choices:
        try:
            return choices[name](text)
        except ValueError:
            allowed = ", ".join(choices[name])
            raise OverrideError(f"{name} must be one of {allowed}, got {text!r}") from None
    numeric = NUMERIC_FIELDS[record].get(name)
    if numeric is None:
        raise OverrideError(f"{target} has no field {name!r} that a scenario can change")
    value = _number(numeric.check(text), target)
    return int(value) if numeric.integer else value


#: The stream field naming the account it sits in (an account's uid, "" for none).
STREAM_ACCOUNT = "account"


def _account_reference(plan: Plan, stream: Stream, text: str) -> str:
    if text and text not in {a.uid for a in plan.accounts}:
        raise OverrideError(f"the scenario puts {stream.name} in an account that is not in the plan ({text})")
    return text


#: Month fields of phases and events a scenario may move ("" ends a phase with the plan).
ITEM_MONTHS = {PHASE: ("start", "end"), EVENT: ("month",)}
_ITEM_WORDS = {PHASE: "spending phase", EVENT: "event", ACCOUNT: "account"}


def _parse_item_override(plan: Plan, ref: FieldRef, text: str) -> object:
    """The typed value of an override of a spending phase, an event or an account."""
    word = _ITEM_WORDS[ref.owner]
    try:
        item = {PHASE: plan.phase, EVENT: plan.event, ACCOUNT: plan.account}[ref.owner](ref.uid)
    except KeyError:
        raise OverrideError(f"the scenario changes a {word} that is not in the plan ({ref.uid})") from None
    if ref.name in BOOLEAN_FIELDS[ref.owner]:
        if text not in ("true", "false"):
            raise OverrideError(f"{item.name}: {ref.name} must be true or false, got {text!r}")
        return text == "true"
    choices = CHOICE_FIELDS.get(ref.owner, {})
    if ref.name in choices:
        try:
            return choices[ref.name](text)
        except ValueError:
            raise OverrideError(f"{item.name}: {ref.name} must be one of {', '.join(choices[ref.name])}, "
                                f"got {text!r}") from None
    if ref.name in ITEM_MONTHS.get(ref.owner, ()):
        if text == "" and ref.name == "end":
            return None
        try:
            return YearMonth.parse(text)
        except ValueError as error:
            raise OverrideError(f"{item.name}: {error}") from None
    numeric = NUMERIC_FIELDS[ref.owner].get(ref.name)
    if numeric is None:
        raise OverrideError(f"a {word} has no field {ref.name!r} that a scenario can change")
    value = _number(numeric.check(text), item.name)
    return int(value) if numeric.integer else value


def _apply_item(items: dict[str, SpendingPhase] | dict[str, OneOffEvent] | dict[str, Account], ref: FieldRef,
                value: object) -> None:
    items[ref.uid] = replace(items[ref.uid], **{ref.name: value})  # type: ignore[index, arg-type]


def apply_scenario(plan: Plan, scenario: Scenario | None) -> Plan:
    """The plan as the scenario sees it: the base with every override applied, excluded streams removed.
    Phases and events stay, with ``included`` as the scenario sets it: see ``counted_items``."""
    if scenario is None:
        return plan
    records = {name: getattr(plan, name) for name in PLAN_TARGETS}
    streams: dict[str, Stream] = {s.uid: s for s in plan.streams}
    phases = {p.uid: p for p in plan.phases}
    events = {e.uid: e for e in plan.events}
    accounts = {a.uid: a for a in plan.accounts}
    excluded: set[str] = set()
    for override in scenario.overrides:
        value, ref = parse_override(plan, override), override.ref
        if ref.is_record:
            records[ref.owner] = replace(records[ref.owner], **{ref.name: value})
        elif ref.owner == PHASE:
            _apply_item(phases, ref, value)
        elif ref.owner == EVENT:
            _apply_item(events, ref, value)
        elif ref.owner == ACCOUNT:
            _apply_item(accounts, ref, value)
        elif ref.param:
            streams[ref.uid] = streams[ref.uid].with_param(ref.name, value)  # type: ignore[arg-type]
        elif ref.name == INCLUDED:
            if value is False:
                excluded.add(ref.uid)
        else:
            streams[ref.uid] = replace(streams[ref.uid], **{ref.name: value})
    kept = tuple(streams[s.uid] for s in plan.streams if s.uid not in excluded)
    return replace(plan, streams=kept, phases=tuple(phases[p.uid] for p in plan.phases),
                   events=tuple(events[e.uid] for e in plan.events),
                   accounts=tuple(accounts[a.uid] for a in plan.accounts), **records)


def counted_items(plan: Plan) -> Plan:
    """The plan with only the phases and events that count (``included``): what the engine projects."""
    if all(p.included for p in plan.phases) and all(e.included for e in plan.events):
        return plan
    return replace(plan, phases=tuple(p for p in plan.phases if p.included),
                   events=tuple(e for e in plan.events if e.included))


def override_text(value: object) -> str:
    """Canonical text of an override value, as files store it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, str):  # a stream's account: the account's uid
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return canonical_text(value)
    if isinstance(value, YearMonth):
        return str(value)
    if value is None:
        return ""
    raise TypeError(f"cannot store {value!r} in an override")


def _number(checked: tuple[Decimal | None, str | None], where: str) -> Decimal:
    value, message = checked
    if message:
        raise OverrideError(f"{where}: {message}")
    assert value is not None
    return value


__all__ = ["OverrideError", "apply_scenario", "counted_items", "override_text", "parse_override"]
