"""Field references: which field of a plan a form edits or a scenario overrides.

Files store a reference as two strings, a target (``household``, ``stream:<uid>``, ...) and a field
(``monthly_savings``, ``params.<key>``, ...); scenario overrides keep that form on disk and in JSON.
``FieldRef`` is the one place that spells and reads those strings, so no caller glues ``"stream:"``
or ``"params."`` together or takes them apart by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

PLAN = "plan"  # the plan's own fields: name, currency, start
TAX_RATES = "tax_rates"  # one tax rate per category; the field is the category
RECORDS = ("household", "fi_rule", "strategy", "assumptions")  # the plan's records a scenario may change
STREAM = "stream"
PHASE = "phase"  # a spending phase: ``phase:<uid>``
EVENT = "event"  # a one-off event: ``event:<uid>``
ACCOUNT = "account"  # an account: ``account:<uid>``
ITEMS = (STREAM, PHASE, EVENT, ACCOUNT)  # owners that are one of many, named by uid
INCLUDED = "included"  # a scenario's "this item counts" switch (phases and events also keep it in the base)

_STREAM_PREFIX = f"{STREAM}:"
_PARAM_PREFIX = "params."


@dataclass(frozen=True)
class FieldRef:
    """One field: ``owner`` is PLAN, TAX_RATES, one of RECORDS or STREAM; ``name`` the field's name
    (for a kind's parameter, its key); ``uid`` the stream's; ``param`` marks a kind's parameter."""

    owner: str
    name: str
    uid: str = ""
    param: bool = False

    @classmethod
    def plan(cls, name: str) -> FieldRef:
        return cls(PLAN, name)

    @classmethod
    def tax_rate(cls, category: str) -> FieldRef:
        return cls(TAX_RATES, category)

    @classmethod
    def record(cls, record: str, name: str) -> FieldRef:
        if record not in RECORDS:
            raise ValueError(f"{record!r} is not a record of the plan")
        return cls(record, name)

    @classmethod
    def stream(cls, uid: str, name: str) -> FieldRef:
        """A common field of the stream (``weight``, ``sleeve``, ...) or ``INCLUDED``."""
        return cls(STREAM, name, uid)

    @classmethod
    def stream_param(cls, uid: str, key: str) -> FieldRef:
        """One of the stream's kind parameters (``monthly_rent``, ``apy``, ...)."""
        return cls(STREAM, key, uid, param=True)

    @classmethod
    def item(cls, owner: str, uid: str, name: str) -> FieldRef:
        """A field of a spending phase or an event (or a stream's common field)."""
        if owner not in ITEMS:
            raise ValueError(f"{owner!r} is not a kind of item of the plan")
        return cls(owner, name, uid)

    @classmethod
    def parse(cls, target: str, field: str) -> FieldRef:
        """The reference stored as (target, field). Any text parses: whether the plan has that field
        is for the caller to check (scenario overrides say which part is wrong)."""
        if target.startswith(_STREAM_PREFIX):
            uid = target.removeprefix(_STREAM_PREFIX)
            if field.startswith(_PARAM_PREFIX):
                return cls.stream_param(uid, field.removeprefix(_PARAM_PREFIX))
            return cls.stream(uid, field)
        for owner in (PHASE, EVENT, ACCOUNT):
            if target.startswith(f"{owner}:"):
                return cls.item(owner, target.removeprefix(f"{owner}:"), field)
        return cls(target, field)

    @property
    def target(self) -> str:
        """The stored target text: ``stream:<uid>``, ``phase:<uid>``, ``event:<uid>``, else the owner."""
        return f"{self.owner}:{self.uid}" if self.is_item else self.owner

    @property
    def field(self) -> str:
        """The stored field text: ``params.<key>`` for a kind's parameter, else the name."""
        return f"{_PARAM_PREFIX}{self.name}" if self.param else self.name

    @property
    def key(self) -> tuple[str, str]:
        """(target, field): how overrides and forms store and look up the field."""
        return self.target, self.field

    @property
    def is_stream(self) -> bool:
        return self.owner == STREAM

    @property
    def is_item(self) -> bool:
        """A stream, a spending phase or an event: one of many, named by uid."""
        return self.owner in ITEMS

    @property
    def is_record(self) -> bool:
        return self.owner in RECORDS


def stream_target(uid: str) -> str:
    """The stored target text of a stream's fields (``stream:<uid>``)."""
    return FieldRef.stream(uid, "").target


def param_key(field: str) -> str | None:
    """The parameter key a stream field text names (``params.apy`` -> ``apy``), None for a common field."""
    ref = FieldRef.parse(_STREAM_PREFIX, field)
    return ref.name if ref.param else None


def param_field(key: str) -> str:
    """The stored field text of a kind's parameter (``apy`` -> ``params.apy``)."""
    return FieldRef.stream_param("", key).field


__all__ = ["ACCOUNT", "EVENT", "INCLUDED", "ITEMS", "PHASE", "PLAN", "RECORDS", "STREAM", "TAX_RATES", "FieldRef",
           "param_field", "param_key", "stream_target"]
