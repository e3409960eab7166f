"""The tax settings as the editor changes them: a country's preset in one step, and every edit of
the tax tables (a name, an allowance, what a table sits on, a bracket, a table added or removed, the
table a category is taxed by) as one command that sets the tables and marks the preset custom.
Renaming or removing a table carries the names that point at it along. Pure: tested without Qt;
the plan's validation refuses what is wrong (a bracket below the one before, a rate over 100 %)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planner.domain.enums import TaxCategory
from planner.domain.plan import Assumptions, Plan, TaxBracket, TaxTable
from planner.domain.tax_presets import FLAT, TAX_PRESETS, with_tax_preset
from planner.services.commands import Batch, Command, SetRecordField

#: The preset key of tables the user edited.
CUSTOM = "custom"
#: Fields of the assumptions a tax edit sets, with their undo words.
_TAX_FIELDS = ("tax_tables", "category_tables", "tax_preset")
#: A new bracket starts this far above the last one.
BRACKET_STEP = Decimal(10000)


def is_empty(command: Command) -> bool:
    """Whether a tax command changes nothing (a value typed as it already was)."""
    return isinstance(command, Batch) and not command.commands


def tax_preset_names() -> dict[str, str]:
    """The presets the picker offers, key -> label (custom only names edited tables)."""
    return {FLAT: "Flat rates", **{k: p.label for k, p in TAX_PRESETS.items()}, CUSTOM: "Custom (edited)"}


def tax_preset_command(plan: Plan, key: str) -> Command:
    """Use a country's tables (FLAT: none, every category at its flat rate) as one edit."""
    return _command(plan, with_tax_preset(plan.assumptions, key), f"Use {tax_preset_names()[key]} tax",
                    ("tax preset",))


def _command(plan: Plan, new: Assumptions, text: str, merge: tuple[object, ...] | None = None) -> Command:
    """One undo step that sets the tax fields that differ (quick ones with the same merge key: one step)."""
    old = plan.assumptions
    steps = tuple(SetRecordField("assumptions", name, getattr(new, name))
                  for name in _TAX_FIELDS if getattr(new, name) != getattr(old, name))
    return Batch(text, steps, merge)


def _edited(plan: Plan, tables: tuple[TaxTable, ...], text: str,
            categories: tuple[tuple[TaxCategory, str], ...] | None = None,
            merge: tuple[object, ...] | None = None) -> Command:
    """The tables (and categories) as the user edited them: the preset becomes custom (unless
    nothing changed: then the command is empty)."""
    old = plan.assumptions
    categories = old.category_tables if categories is None else categories
    changed = (tables, categories) != (old.tax_tables, old.category_tables)
    new = replace(old, tax_tables=tables, category_tables=categories, tax_preset=CUSTOM if changed else old.tax_preset)
    return _command(plan, new, text, merge)


def _with_table(plan: Plan, index: int, **changes: object) -> tuple[TaxTable, ...]:
    tables = list(plan.assumptions.tax_tables)
    tables[index] = replace(tables[index], **changes)  # type: ignore[arg-type]
    return tuple(tables)


def rename_table(plan: Plan, index: int, name: str) -> Command:
    """Rename a table; the categories it taxes and the tables sitting on it follow the new name."""
    old = plan.assumptions.tax_tables[index].name
    tables = tuple(replace(t, name=name) if i == index else
                   replace(t, stacked_on=name) if t.stacked_on == old else t
                   for i, t in enumerate(plan.assumptions.tax_tables))
    categories = tuple((c, name if n == old else n) for c, n in plan.assumptions.category_tables)
    return _edited(plan, tables, f"Rename tax table {old} to {name}", categories)


def set_allowance(plan: Plan, index: int, allowance: Decimal) -> Command:
    table = plan.assumptions.tax_tables[index]
    return _edited(plan, _with_table(plan, index, allowance=allowance), f"Change allowance of {table.name}")


def set_stacked_on(plan: Plan, index: int, base: str) -> Command:
    """Let a table sit on another ("" : on its own)."""
    table = plan.assumptions.tax_tables[index]
    return _edited(plan, _with_table(plan, index, stacked_on=base), f"Change what {table.name} sits on",
                   merge=("sits on", index))


def set_bracket(plan: Plan, index: int, row: int, from_amount: Decimal, rate: Decimal) -> Command:
    """Change one bracket's start and rate."""
    table = plan.assumptions.tax_tables[index]
    brackets = list(table.brackets)
    brackets[row] = TaxBracket(from_amount, rate)
    return _edited(plan, _with_table(plan, index, brackets=tuple(brackets)), f"Change a bracket of {table.name}")


def add_bracket(plan: Plan, index: int) -> Command:
    """A bracket above the last one, at its rate (to be edited)."""
    table = plan.assumptions.tax_tables[index]
    last = table.brackets[-1] if table.brackets else TaxBracket(-BRACKET_STEP, Decimal(0))
    brackets = (*table.brackets, TaxBracket(last.from_amount + BRACKET_STEP, last.rate))
    return _edited(plan, _with_table(plan, index, brackets=brackets), f"Add a bracket to {table.name}")


def remove_bracket(plan: Plan, index: int, row: int) -> Command:
    """Remove a bracket; removing the first makes the next start at 0 (the first always does)."""
    table = plan.assumptions.tax_tables[index]
    brackets = [b for i, b in enumerate(table.brackets) if i != row]
    if row == 0 and brackets:
        brackets[0] = replace(brackets[0], from_amount=Decimal(0))
    return _edited(plan, _with_table(plan, index, brackets=tuple(brackets)), f"Remove a bracket of {table.name}")


def free_table_name(plan: Plan) -> str:
    taken = {t.name.casefold() for t in plan.assumptions.tax_tables}
    return next(n for n in (f"Table {k}" for k in range(1, len(taken) + 2)) if n.casefold() not in taken)


def add_table(plan: Plan) -> Command:
    """A new table at a flat 0 % with no allowance; no category uses it yet."""
    table = TaxTable(free_table_name(plan), Decimal(0), (TaxBracket(Decimal(0), Decimal(0)),))
    return _edited(plan, (*plan.assumptions.tax_tables, table), f"Add tax table {table.name}")


def remove_table(plan: Plan, index: int) -> Command:
    """Remove a table: the categories it taxed pay their flat rate, the tables on it stand alone."""
    name = plan.assumptions.tax_tables[index].name
    tables = tuple(replace(t, stacked_on="") if t.stacked_on == name else t
                   for i, t in enumerate(plan.assumptions.tax_tables) if i != index)
    categories = tuple((c, n) for c, n in plan.assumptions.category_tables if n != name)
    return _edited(plan, tables, f"Remove tax table {name}", categories)


def set_category_table(plan: Plan, category: TaxCategory, name: str) -> Command:
    """Tax a category by a table ("" : at its flat rate)."""
    kept = [(c, n) for c, n in plan.assumptions.category_tables if c != category]
    if name:
        kept.append((category, name))
    order = list(TaxCategory)
    categories = tuple(sorted(kept, key=lambda pair: order.index(pair[0])))
    how = name or "its flat rate"
    text = f"Tax {category.value.replace('_', ' ')} by {how}"
    return _edited(plan, plan.assumptions.tax_tables, text, categories, ("category table", category))


__all__ = ["CUSTOM", "add_bracket", "add_table", "free_table_name", "is_empty", "remove_bracket", "remove_table",
           "rename_table", "set_allowance", "set_bracket", "set_category_table", "set_stacked_on",
           "tax_preset_command", "tax_preset_names"]
