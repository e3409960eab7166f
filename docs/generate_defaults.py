"""Writes docs/defaults.md from the field tables: `python docs/generate_defaults.py`."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.domain.catalogue import ALL_KINDS
from planner.domain.fields import FieldSpec
from planner.domain.money import canonical_text
from planner.domain.tax_presets import ACCOUNT_PRESETS, TAX_PRESETS
from planner.domain.record_fields import (
    ACCOUNT_FIELDS,
    ASSUMPTION_FIELDS,
    EVENT_FIELDS,
    FI_RULE_FIELDS,
    HOUSEHOLD_FIELDS,
    PHASE_FIELDS,
    STRATEGY_FIELDS,
    STREAM_FIELDS,
    TAX_RATE_FIELDS,
)

INTRO = """# Default assumptions and where they come from

Every number a new plan or stream starts with is an assumption the user owns, not advice.
This page is generated from the field tables (`src/planner/domain/record_fields.py` and
`src/planner/domain/catalogue/`); `planner catalogue --json` prints the same with bounds.
Regenerate it with `python docs/generate_defaults.py`; a test fails when it is stale.

Strategy presets (safe / core / speculative): balanced 30/60/10; barbell 85/0/15 (after
Taleb's description of a barbell: most money very safe, a small share speculative, nothing in
between); dividend snowball 10/85/5.

Fixed rules of the answer (docs/engine.md, "The answer"), not fields:

- Safe withdrawal rate by the years left, unless the plan fixes a rate: 4 % for 30 years or
  fewer (Bengen, "Determining Withdrawal Rates Using Historical Data", 1994; Cooley, Hubbard and
  Walz, the Trinity study, 1998), 3.5 % for 40 and 3.25 % for 50 or more (Jeske, "The Ultimate
  Guide to Safe Withdrawal Rates", parts 1-3, earlyretirementnow.com, 2016-2017: rates that
  survived about 95 % of US histories over 40-60 years), straight lines in between.
- An FI test must hold 12 months in a row before FI counts; income is averaged over the last 12
  months (one lucky month, or one good year of a volatile business, is not independence).
- Guardrails (Guyton and Klinger, "Decision Rules and Maximum Initial Withdrawal Rates", 2006):
  spending is cut 10 % when the withdrawal rate rises above 120 % of the safe rate, raised 10 %
  (never above plan) below 80 %.
"""


def table(title: str, fields: tuple[FieldSpec, ...]) -> str:
    rows = [f"## {title}", "", "| Field | Default | Range | Unit | Source |", "|---|---|---|---|---|"]
    for field in fields:
        span = f"{canonical_text(field.minimum)} to {canonical_text(field.maximum)}"
        default = canonical_text(field.default)
        rows.append(f"| {field.label} | {default} | {span} | {field.unit.value} | {field.source} |")
    return "\n".join(rows) + "\n"


def presets() -> str:
    """The wrappers' and countries' presets with their figures and sources."""
    rows = ["## Account presets", "", "| Preset | Type | Yearly limit | Access age | Penalty % | Required from | Source |",
            "|---|---|---|---|---|---|---|"]
    for rules in ACCOUNT_PRESETS.values():
        rows.append(f"| {rules.label} | {rules.account_type.value} | {canonical_text(rules.yearly_limit)} | "
                    f"{rules.access_age} | {canonical_text(rules.early_penalty)} | {rules.required_from_age} | "
                    f"{rules.source} |")
    rows += ["", "## Tax presets", "", "| Preset | Tables (allowance; from: rate %) | Source |", "|---|---|---|"]
    for preset in TAX_PRESETS.values():
        tables = "; ".join(
            f"{t.name}{' (on ' + t.stacked_on + ')' if t.stacked_on else ''}: allowance "
            f"{canonical_text(t.allowance)}, " + ", ".join(f"{canonical_text(b.from_amount)}: {canonical_text(b.rate)}"
                                                            for b in t.brackets)
            for t in preset.tables)
        rows.append(f"| {preset.label} | {tables} | {preset.source} |")
    return "\n".join(rows) + "\n"


def render() -> str:
    sections = [INTRO]
    for title, fields in (("Household", HOUSEHOLD_FIELDS), ("The answer: success, confidence, FI test", FI_RULE_FIELDS), ("Strategy", STRATEGY_FIELDS),
                          ("Assumptions", ASSUMPTION_FIELDS), ("Tax rates (percent)", TAX_RATE_FIELDS),
                          ("Every stream", STREAM_FIELDS), ("Spending phases", PHASE_FIELDS),
                          ("One-off events", EVENT_FIELDS), ("Accounts", ACCOUNT_FIELDS)):
        sections.append(table(title, fields))
    sections.append(presets())
    sections += [table(f"{kind.name} (`{kind.key}`)", kind.params) for kind in ALL_KINDS]
    return "\n".join(sections)


if __name__ == "__main__":
    Path(__file__).with_name("defaults.md").write_text(render(), encoding="utf-8")
    sys.exit(0)
