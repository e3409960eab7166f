"""Every change to a plan is a command: apply and revert return the new plan and what changed.

Commands are small and hold only what they need to undo themselves; the editor wraps each in a
QUndoStack entry, and tests drive them without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from planner.domain.defaults import preset_strategy
from planner.domain.enums import StrategyPreset, TaxCategory
from planner.domain.field_refs import ACCOUNT, EVENT, PHASE, STREAM, FieldRef, param_key, stream_target
from planner.domain.plan import Account, OneOffEvent, Override, Plan, Scenario, SpendingPhase, Stream

#: A stream, a spending phase, a one-off event or an account: the plan's items, each named by its uid.
Item = Stream | SpendingPhase | OneOffEvent | Account


@dataclass(frozen=True)
class Change:
    """What a command changed that the new plan alone does not tell: a scenario's rename (old name,
    new name), so a view showing the scenario follows it. Views redraw all else from the plan."""

    renamed: tuple[str, str] | None = None


class Command(Protocol):
    text: str

    def apply(self, plan: Plan) -> tuple[Plan, Change]: ...

    def revert(self, plan: Plan) -> tuple[Plan, Change]: ...


@dataclass
class SetRecordField:
    """Set one field of household, fi_rule, strategy or assumptions."""

    record: str
    field_name: str
    value: Any
    label: str = ""
    _old: Any = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"Change {self.label or self.field_name.replace('_', ' ')}"

    @property
    def ref(self) -> FieldRef:
        return FieldRef.record(self.record, self.field_name)

    def _set(self, plan: Plan, value: Any) -> tuple[Plan, Change]:
        record = getattr(plan, self.record)
        return replace(plan, **{self.record: replace(record, **{self.field_name: value})}), Change()

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._old = getattr(getattr(plan, self.record), self.field_name)
        return self._set(plan, self.value)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._set(plan, self._old)


@dataclass
class SetPlanField:
    """Rename the plan, change its currency or start month."""

    field_name: str
    value: Any
    _old: Any = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"Change plan {self.field_name}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._old = getattr(plan, self.field_name)
        return replace(plan, **{self.field_name: self.value}), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return replace(plan, **{self.field_name: self._old}), Change()


@dataclass
class SetTaxRate:
    category: TaxCategory
    value: Any
    _old: Any = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"Change tax rate on {self.category.value.replace('_', ' ')}"

    def _set(self, plan: Plan, value: Any) -> tuple[Plan, Change]:
        rates = tuple((c, value if c == self.category else r) for c, r in plan.assumptions.tax_rates)
        return replace(plan, assumptions=replace(plan.assumptions, tax_rates=rates)), Change()

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._old = plan.assumptions.tax_rate(self.category)
        return self._set(plan, self.value)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._set(plan, self._old)


@dataclass
class ApplyPreset:
    """Replace the sleeve weights with a named preset's."""

    preset: StrategyPreset
    _old: Any = field(default=None, init=False)

    @property
    def text(self) -> str:
        return f"Use the {self.preset.value.replace('_', ' ')} strategy"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._old = plan.strategy
        return replace(plan, strategy=preset_strategy(self.preset, plan.strategy)), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return replace(plan, strategy=self._old), Change()


@dataclass
class SetStreamField:
    """Set a common field of a stream (name, sleeve, starting amount, ...) or, with a
    ``params.`` prefix, one of its kind's parameters."""

    uid: str
    field_name: str
    value: Any
    label: str = ""
    _old: Any = field(default=None, init=False)
    _name: str = field(default="", init=False)

    @property
    def text(self) -> str:
        what = self.label or (param_key(self.field_name) or self.field_name).replace("_", " ")
        return f"Change {what} of {self._name or 'stream'}"

    @property
    def ref(self) -> FieldRef:
        return FieldRef.parse(stream_target(self.uid), self.field_name)

    def __post_init__(self) -> None:
        if self.field_name in ("uid", "kind", "params"):
            raise ValueError(f"a stream's {self.field_name} cannot be changed by SetStreamField")

    def _get(self, stream: Stream) -> Any:
        key = param_key(self.field_name)
        return getattr(stream, self.field_name) if key is None else stream.param(key)

    def _set(self, plan: Plan, value: Any) -> tuple[Plan, Change]:
        stream = plan.stream(self.uid)
        key = param_key(self.field_name)
        if key is not None:
            changed = stream.with_param(key, value)
        else:
            changed = replace(stream, **{self.field_name: value})
        streams = tuple(changed if s.uid == self.uid else s for s in plan.streams)
        return replace(plan, streams=streams), Change()

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        stream = plan.stream(self.uid)
        self._name, self._old = stream.name, self._get(stream)
        return self._set(plan, self.value)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._set(plan, self._old)


#: The plan's collection of each kind of item.
_COLLECTIONS = {STREAM: "streams", PHASE: "phases", EVENT: "events", ACCOUNT: "accounts"}


def items_of(plan: Plan, owner: str) -> tuple[Item, ...]:
    """The plan's streams (owner STREAM), spending phases (PHASE) or events (EVENT), in plan order."""
    return getattr(plan, _COLLECTIONS[owner])  # type: ignore[no-any-return]


def item_of(plan: Plan, owner: str, uid: str) -> Item:
    """One stream, phase or event by uid; KeyError when the plan has none."""
    for item in items_of(plan, owner):
        if item.uid == uid:
            return item
    raise KeyError(f"no {owner} with id {uid!r}")


def _with_items(plan: Plan, owner: str, items: list[Item] | tuple[Item, ...]) -> Plan:
    return replace(plan, **{_COLLECTIONS[owner]: tuple(items)})


def _without_overrides(scenarios: tuple[Scenario, ...], target: str) -> tuple[Scenario, ...]:
    """The scenarios with every override of ``target`` dropped (what was deleted cannot be changed)."""
    return tuple(replace(s, overrides=tuple(o for o in s.overrides if o.target != target)) for s in scenarios)


@dataclass
class AddItem:
    """Insert a stream, a spending phase or an event (new, duplicated or imported) at index, or at the end."""

    owner: str
    item: Item
    index: int | None = None

    @property
    def text(self) -> str:
        return f"Add {self.item.name}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        items = list(items_of(plan, self.owner))
        items.insert(len(items) if self.index is None else self.index, self.item)
        return _with_items(plan, self.owner, items), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        kept = [i for i in items_of(plan, self.owner) if i.uid != self.item.uid]
        return _with_items(plan, self.owner, kept), Change()


@dataclass
class RemoveItem:
    """Delete a stream, a phase or an event; undo puts it back where it was, with the scenario
    overrides that named it."""

    owner: str
    uid: str
    _item: Item | None = field(default=None, init=False)
    _index: int = field(default=0, init=False)
    _scenarios: tuple[Scenario, ...] = field(default=(), init=False)

    @property
    def text(self) -> str:
        return f"Delete {self._item.name if self._item else 'item'}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._item = item_of(plan, self.owner, self.uid)
        items = list(items_of(plan, self.owner))
        self._index = items.index(self._item)
        self._scenarios = plan.scenarios
        items.remove(self._item)
        scenarios = _without_overrides(plan.scenarios, FieldRef.item(self.owner, self.uid, "").target)
        return replace(_with_items(plan, self.owner, items), scenarios=scenarios), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        assert self._item is not None
        items = list(items_of(plan, self.owner))
        items.insert(self._index, self._item)
        return replace(_with_items(plan, self.owner, items), scenarios=self._scenarios), Change()


@dataclass
class SetItemField:
    """Set one field of a spending phase or an event: its name, an amount, a month, a switch."""

    owner: str
    uid: str
    field_name: str
    value: Any
    label: str = ""
    _old: Any = field(default=None, init=False)
    _name: str = field(default="", init=False)

    def __post_init__(self) -> None:
        if self.field_name == "uid":
            raise ValueError("an item's uid cannot be changed")

    @property
    def text(self) -> str:
        return f"Change {self.label or self.field_name.replace('_', ' ')} of {self._name or 'item'}"

    @property
    def ref(self) -> FieldRef:
        return FieldRef.item(self.owner, self.uid, self.field_name)

    def _set(self, plan: Plan, value: Any) -> tuple[Plan, Change]:
        items = [replace(i, **{self.field_name: value}) if i.uid == self.uid else i
                 for i in items_of(plan, self.owner)]
        return _with_items(plan, self.owner, items), Change()

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        item = item_of(plan, self.owner, self.uid)
        self._name, self._old = item.name, getattr(item, self.field_name)
        return self._set(plan, self.value)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._set(plan, self._old)


@dataclass
class MoveStream:
    uid: str
    to_index: int
    _from: int = field(default=0, init=False)

    text = "Move stream"

    def _move(self, plan: Plan, to_index: int) -> tuple[Plan, Change]:
        streams = list(plan.streams)
        stream = plan.stream(self.uid)
        streams.remove(stream)
        streams.insert(to_index, stream)
        return replace(plan, streams=tuple(streams)), Change()

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        self._from = plan.streams.index(plan.stream(self.uid))
        return self._move(plan, self.to_index)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._move(plan, self._from)


@dataclass
class AddScenario:
    """Add a scenario (new or cloned) at the end."""

    scenario: Scenario

    @property
    def text(self) -> str:
        return f"Add scenario {self.scenario.name}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        return replace(plan, scenarios=(*plan.scenarios, self.scenario)), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        kept = tuple(s for s in plan.scenarios if s.name != self.scenario.name)
        return replace(plan, scenarios=kept), Change()


@dataclass
class RemoveScenario:
    name: str
    _scenarios: tuple[Scenario, ...] = field(default=(), init=False)

    @property
    def text(self) -> str:
        return f"Delete scenario {self.name}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        plan.scenario(self.name)  # KeyError for an unknown name
        self._scenarios = plan.scenarios
        kept = tuple(s for s in plan.scenarios if s.name != self.name)
        return replace(plan, scenarios=kept), Change()

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return replace(plan, scenarios=self._scenarios), Change()


@dataclass
class UpdateScenario:
    """Rename a scenario, change its description, or set/clear one override (value None clears)."""

    name: str
    new_name: str | None = None
    description: str | None = None
    override: Override | None = None
    clear: tuple[str, str] | None = None
    label: str = ""
    _old: Scenario | None = field(default=None, init=False)

    @property
    def text(self) -> str:
        if self.new_name is not None:
            return f"Rename scenario {self.name} to {self.new_name}"
        if self.label:
            return f"{self.label} in scenario {self.name}"
        return f"Change scenario {self.name}"

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        old = self._old = plan.scenario(self.name)
        overrides = list(old.overrides)
        if self.override is not None:
            key = (self.override.target, self.override.field)
            at = next((i for i, o in enumerate(overrides) if (o.target, o.field) == key), None)
            if at is None:
                overrides.append(self.override)
            else:
                overrides[at] = self.override
        if self.clear is not None:
            overrides = [o for o in overrides if (o.target, o.field) != self.clear]
        new = replace(
            old,
            name=self.new_name if self.new_name is not None else old.name,
            description=self.description if self.description is not None else old.description,
            overrides=tuple(overrides),
        )
        return self._swap(plan, old, new)

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        assert self._old is not None
        current = plan.scenario(self.new_name if self.new_name is not None else self.name)
        return self._swap(plan, current, self._old)

    @staticmethod
    def _swap(plan: Plan, old: Scenario, new: Scenario) -> tuple[Plan, Change]:
        scenarios = tuple(new if s is old else s for s in plan.scenarios)
        return replace(plan, scenarios=scenarios), Change((old.name, new.name) if old.name != new.name else None)


@dataclass
class Batch:
    """Several commands as one edit (one undo step), checked only as a whole: the three sleeve
    weights must add up to 100 % after the batch, not after each of its steps. ``merge``: batches
    with the same key that follow each other quickly are one undo step (arrowing through presets)."""

    text: str
    commands: tuple[Command, ...]
    merge: tuple[object, ...] | None = None

    def apply(self, plan: Plan) -> tuple[Plan, Change]:
        return self._fold(plan, [c.apply for c in self.commands])

    def revert(self, plan: Plan) -> tuple[Plan, Change]:
        return self._fold(plan, [c.revert for c in reversed(self.commands)])

    @staticmethod
    def _fold(plan: Plan, steps: list[Any]) -> tuple[Plan, Change]:
        renamed = None
        for step in steps:
            plan, change = step(plan)
            renamed = change.renamed or renamed
        return plan, Change(renamed)


def AddStream(stream: Stream, index: int | None = None) -> AddItem:
    """Insert a stream at index, or at the end."""
    return AddItem(STREAM, stream, index)


def RemoveStream(uid: str) -> RemoveItem:
    """Delete a stream and the scenario overrides that name it (undo brings both back)."""
    return RemoveItem(STREAM, uid)
