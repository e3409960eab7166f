"""The catalogue as text or JSON for `planner catalogue`."""

from __future__ import annotations

import json
from typing import Any

from planner.domain.catalogue import ALL_KINDS, StreamKind
from planner.domain.fields import FieldSpec
from planner.domain.money import canonical_text


def _param(field: FieldSpec) -> dict[str, Any]:
    return {
        "key": field.key,
        "label": field.label,
        "unit": field.unit.value,
        "default": canonical_text(field.default),
        "minimum": canonical_text(field.minimum),
        "maximum": canonical_text(field.maximum),
        "integer": field.integer,
        "help": field.help,
        "source": field.source,
    }


def _kind(kind: StreamKind) -> dict[str, Any]:
    return {
        "key": kind.key,
        "name": kind.name,
        "basis": kind.basis.value,
        "asset_class": kind.asset_class.value,
        "summary": kind.summary,
        "income": kind.income,
        "risks": kind.risks,
        "passivity": kind.passivity,
        "defaults": {
            "sleeve": kind.sleeve.value,
            "tax_category": kind.tax_category.value,
            "income_policy": kind.income_policy.value,
            "upkeep_hours": canonical_text(kind.upkeep_hours),
            "starting_amount": canonical_text(kind.starting_amount),
            "monthly_contribution": canonical_text(kind.monthly_contribution),
        },
        "params": [_param(p) for p in kind.params],
    }


def catalogue_json() -> str:
    return json.dumps({"kinds": [_kind(k) for k in ALL_KINDS]}, indent=2, ensure_ascii=False) + "\n"


def catalogue_text() -> str:
    lines: list[str] = []
    for kind in ALL_KINDS:
        lines.append(f"{kind.key}  —  {kind.name} ({kind.basis.value}, {kind.sleeve.value} sleeve)")
        lines.append(f"    {kind.summary}")
        lines.append(f"    Pays: {kind.income}  Risks: {kind.risks}")
        for field in kind.params:
            unit = field.unit.suffix or field.unit.value
            lines.append(
                f"    - {field.key}: {field.label} [{unit}] default {canonical_text(field.default)}, "
                f"{canonical_text(field.minimum)} to {canonical_text(field.maximum)}"
            )
        lines.append("")
    return "\n".join(lines)
