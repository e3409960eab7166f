"""The JSON form of accounts and tax: the plan's accounts, and the assumptions' tax tables, the
categories they tax, the preset they came from and the withdrawal order (format 5 on)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from planner.domain.money import canonical_text, money_text
from planner.domain.plan import Account, Assumptions, TaxTable
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.tax_presets import FLAT, TAX_PRESETS
from planner.export.life_json import numbers_to_dict

#: Keys of an account in the file (the uid is written as "id", as for streams).
ACCOUNT_KEYS = {"id", "name", "account_type", "preset", "included", "notes", *NUMERIC_FIELDS["account"]}
TABLE_KEYS = {"name", "allowance", "brackets", "stacked_on"}
BRACKET_KEYS = {"from_amount", "rate"}
#: What assumptions.tax_preset may say: no tables, tables edited by hand, or a preset's key.
CUSTOM = "custom"
TAX_PRESET_KEYS = (FLAT, CUSTOM, *TAX_PRESETS)
_DEFAULTS = {field.name: field.default for field in fields(Assumptions)}
#: The assumptions' fields format 5 added, at the domain's defaults: a format-4 plan is taxed as before.
ADDED_ASSUMPTIONS: dict[str, Any] = {
    "tax_preset": _DEFAULTS["tax_preset"],
    "tax_tables": [],
    "category_tables": {},
    "withdrawal_order": _DEFAULTS["withdrawal_order"].value,
    "pay_tax_rate": canonical_text(_DEFAULTS["pay_tax_rate"]),
}


def account_to_dict(account: Account) -> dict[str, Any]:
    return {
        "id": account.uid,
        "name": account.name,
        "account_type": account.account_type.value,
        "preset": account.preset.value,
        **numbers_to_dict(account, "account"),
        "included": account.included,
        "notes": account.notes,
    }


def tax_table_to_dict(table: TaxTable) -> dict[str, Any]:
    return {
        "name": table.name,
        "allowance": money_text(table.allowance),
        "brackets": [{"from_amount": money_text(b.from_amount), "rate": canonical_text(b.rate)}
                     for b in table.brackets],
        "stacked_on": table.stacked_on,
    }


def tax_assumptions_to_dict(assumptions: Assumptions) -> dict[str, Any]:
    """The assumptions' fields of accounts and tax, in file order."""
    return {
        "tax_preset": assumptions.tax_preset,
        "tax_tables": [tax_table_to_dict(table) for table in assumptions.tax_tables],
        "category_tables": {category.value: name for category, name in assumptions.category_tables},
        "withdrawal_order": assumptions.withdrawal_order.value,
    }
