"""JSON Schema of the plan format, generated from the field tables so it cannot drift from them.

The shipped copy (plan.schema.json beside this module) is what other tools read; the test suite
checks it equals ``build_schema()``. Regenerate with ``python -m planner.export.plan_schema``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from planner.domain.catalogue import ADDED_PARAMS, ALL_KINDS
from planner.domain.enums import (
    AccountPreset,
    AccountType,
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
    WithdrawalOrder,
)
from planner.domain.fields import FieldSpec
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.export.account_json import TAX_PRESET_KEYS
from planner.export.plan_json import FORMAT_NAME, FORMAT_VERSION

SCHEMA_FILE = "plan.schema.json"
DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
MONEY = r"^[0-9]+\.[0-9]{2}$"


def _number(field: FieldSpec, json_integer: bool) -> dict[str, Any]:
    """Whole-number record fields are JSON integers (as the reader expects); every other number,
    including whole-number kind parameters, is a decimal string."""
    described = f"{field.label} ({field.unit.value}), {field.minimum} to {field.maximum}. {field.help}"
    if json_integer:
        return {"type": "integer", "minimum": int(field.minimum), "maximum": int(field.maximum),
                "description": described}
    return {"type": "string", "pattern": DECIMAL, "description": described}


def _enum(choices: type | list[str]) -> dict[str, Any]:
    return {"enum": [getattr(member, "value", member) for member in choices]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": sorted(properties),
            "properties": properties}


def _params(kind_key: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A kind's parameters; those it gained after format 3 may be missing (they take their default)."""
    schema = _object(properties)
    schema["required"] = [key for key in schema["required"] if key not in ADDED_PARAMS.get(kind_key, ())]
    return schema


def _numbers(record: str) -> dict[str, Any]:
    return {key: _number(field, field.integer) for key, field in NUMERIC_FIELDS[record].items()}


def _tax_fields() -> dict[str, Any]:
    """The assumptions' fields of accounts and tax (format 5)."""
    bracket = _object({"from_amount": {"type": "string", "pattern": MONEY,
                                       "description": "money a year, today's, from which the rate applies"},
                       "rate": {"type": "string", "pattern": DECIMAL, "description": "percent, 0 to 100"}})
    table = _object({
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "allowance": {"type": "string", "pattern": MONEY, "description": "money a year, today's, taxed at nothing"},
        "brackets": {"type": "array", "minItems": 1, "items": bracket},
        "stacked_on": {"type": "string", "description": "the name of the table this one sits on top of, or ''"},
    })
    return {
        "tax_preset": _enum(list(TAX_PRESET_KEYS)),
        "tax_tables": {"type": "array", "items": table},
        "category_tables": {"type": "object", "additionalProperties": False,
                            "properties": {c.value: {"type": "string", "minLength": 1} for c in TaxCategory},
                            "description": "tax category -> the name of the table that taxes it"},
        "withdrawal_order": _enum(WithdrawalOrder),
    }


def build_schema() -> dict[str, Any]:
    month = {"type": "string", "pattern": MONTH}
    boolean = {"type": "boolean"}
    name = {"type": "string", "minLength": 1, "maxLength": 200}
    phase = _object({"id": {"type": "string", "minLength": 1}, "name": name, "start": month,
                     "end": {"anyOf": [month, {"type": "null"}]}, "included": boolean, "notes": {"type": "string"},
                     **_numbers("phase")})
    event = _object({"id": {"type": "string", "minLength": 1}, "name": name, "windfall": boolean, "month": month,
                     "inflation_linked": boolean, "included": boolean, "notes": {"type": "string"},
                     **_numbers("event")})
    account = _object({"id": {"type": "string", "minLength": 1}, "name": name, "account_type": _enum(AccountType),
                       "preset": _enum(AccountPreset), "included": boolean, "notes": {"type": "string"},
                       **_numbers("account")})
    stream = _object({
        "id": {"type": "string", "minLength": 1},
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "kind": _enum([k.key for k in ALL_KINDS]),
        "start": month,
        "end": {"anyOf": [month, {"type": "null"}]},
        "income_policy": _enum(IncomePolicy),
        "tax_category": _enum(TaxCategory),
        "sleeve": _enum(Sleeve),
        "notes": {"type": "string"},
        "account": {"type": "string", "description": "the id of one of accounts, or '' for none"},
        "params": {"type": "object"},
        **_numbers("stream"),
    })
    stream["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind.key}}},
            "then": {"properties": {"params": _params(kind.key, {p.key: _number(p, False) for p in kind.params})}},
        }
        for kind in ALL_KINDS
    ]
    plan = _object({
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "start": month,
        "household": _object({"partner": boolean, "saving_from_income": boolean, **_numbers("household")}),
        "fi_rule": _object({
            "kind": _enum(FIRuleKind),
            "withdrawal_method": _enum(WithdrawalMethod),
            "fixed_withdrawal_rate": {"type": "boolean"},
            **_numbers("fi_rule"),
        }),
        "strategy": _object({"preset": _enum(StrategyPreset), "rebalancing": _enum(Rebalancing),
                             **_numbers("strategy")}),
        "assumptions": _object({
            "return_model": _enum(ReturnModel),
            "tax_rates": _object(_numbers("tax_rates")),
            "sell_property_last_resort": {"type": "boolean"},
            "history_table": {"type": "string", "minLength": 1, "maxLength": 200,
                              "description": "'built-in' (US history 1871-2023 from Shiller's data) or the name "
                                             "of one of returns_tables"},
            **_tax_fields(),
            **_numbers("assumptions"),
        }),
        "accounts": {"type": "array", "items": account},
        "streams": {"type": "array", "items": stream},
        "scenarios": {"type": "array", "items": _object({
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "description": {"type": "string"},
            "overrides": {"type": "array", "items": _object({
                "target": {"type": "string"}, "field": {"type": "string"}, "value": {"type": "string"},
            })},
        })},
        "phases": {"type": "array", "items": phase},
        "events": {"type": "array", "items": event},
        "returns_tables": {"type": "array", "items": _object({
            "name": name, "text": {"type": "string", "minLength": 1,
                                   "description": "a monthly returns table as CSV text (docs/engine.md)"},
        })},
    })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:passive-income-planner:plan:v{FORMAT_VERSION}",
        "title": "Passive Income Planner plan",
        "description": "A plan exported by Passive Income Planner; see docs/plan-format.md.",
        **_object({"format": {"const": FORMAT_NAME}, "version": {"const": FORMAT_VERSION}, "plan": plan}),
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_text() -> str:
    return (resources.files("planner.export") / SCHEMA_FILE).read_text(encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - developer tool
    from pathlib import Path

    Path(__file__).with_name(SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
