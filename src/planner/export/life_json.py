"""The JSON form of what the household does over a life: spending phases, one-off events, and the
numbers of a record written the way the plan format writes numbers (money with cents, other
decimals canonical, whole numbers as JSON integers)."""

from __future__ import annotations

from typing import Any

from planner.domain.money import canonical_text, money_text
from planner.domain.plan import OneOffEvent, SpendingPhase
from planner.domain.record_fields import NUMERIC_FIELDS

#: Keys of a phase and of an event in the file (the uid is written as "id", as for streams).
PHASE_KEYS = {"id", "name", "start", "end", "included", "notes", *NUMERIC_FIELDS["phase"]}
EVENT_KEYS = {"id", "name", "windfall", "month", "inflation_linked", "included", "notes", *NUMERIC_FIELDS["event"]}


def numbers_to_dict(record: object, kind: str) -> dict[str, Any]:
    """Every numeric field of ``record`` (a household, a phase, an event) in file form."""
    written: dict[str, Any] = {}
    for key, spec in NUMERIC_FIELDS[kind].items():
        value = getattr(record, key)
        if spec.integer:
            written[key] = int(value)
        else:
            written[key] = money_text(value) if spec.unit.is_money else canonical_text(value)
    return written


def phase_to_dict(phase: SpendingPhase) -> dict[str, Any]:
    return {
        "id": phase.uid,
        "name": phase.name,
        "start": str(phase.start),
        "end": str(phase.end) if phase.end else None,
        **numbers_to_dict(phase, "phase"),
        "included": phase.included,
        "notes": phase.notes,
    }


def event_to_dict(event: OneOffEvent) -> dict[str, Any]:
    return {
        "id": event.uid,
        "name": event.name,
        "windfall": event.windfall,
        "month": str(event.month),
        **numbers_to_dict(event, "event"),
        "inflation_linked": event.inflation_linked,
        "included": event.included,
        "notes": event.notes,
    }
