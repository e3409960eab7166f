"""Validation of accounts, the streams' account references and the tax tables: every problem
found, each naming its field (called by validation.validate_plan)."""

from __future__ import annotations

from decimal import Decimal

from planner.domain.catalogue import KINDS, PROPERTY_KINDS, Basis
from planner.domain.enums import AccountType, TaxCategory
from planner.domain.money import MAX_MONEY
from planner.domain.plan import Plan, TaxTable
from planner.domain.problems import Problem

MAX_BRACKETS = 30


def check_accounts(plan: Plan) -> list[Problem]:
    """Owners that exist, and streams that name an account of the plan."""
    problems: list[Problem] = []
    for index, account in enumerate(plan.accounts):
        if account.owner == 2 and not plan.household.partner:
            problems.append(Problem(f"accounts[{index}].owner", f"the account {account.name!r} belongs to adult 2, "
                                    "the partner, but the plan has no partner; add the partner or make it yours"))
    known = {a.uid: a for a in plan.accounts}
    for index, stream in enumerate(plan.streams):
        account = known.get(stream.account)
        if stream.account and account is None:
            problems.append(Problem(f"streams[{index}].account", f"{stream.name!r} sits in an account that is not "
                                    f"in the plan ({stream.account}); choose one of the plan's accounts or none"))
        elif account is not None and account.account_type is not AccountType.TAXABLE and not wrappable(stream.kind):
            problems.append(Problem(f"streams[{index}].account", f"{stream.name!r} cannot sit in {account.name!r}: "
                                    "only investments (not property, businesses or pensions) go in a tax-deferred "
                                    "or tax-free account"))
    return problems


def wrappable(kind: str) -> bool:
    """Whether a kind may sit in a tax-deferred or tax-free account: investments, whose income stays in
    the wrapper; not property, businesses or pensions, which pay out of it."""
    entry = KINDS.get(kind)
    return entry is not None and entry.basis is Basis.CAPITAL and kind not in PROPERTY_KINDS


def check_tax_tables(plan: Plan) -> list[Problem]:
    """Unique names, brackets from 0 upward with rates 0-100 %, stacking on an existing table that
    is not itself stacked, and categories that name an existing table."""
    assumptions = plan.assumptions
    problems: list[Problem] = []
    names: set[str] = set()
    for index, table in enumerate(assumptions.tax_tables):
        at = f"assumptions.tax_tables[{index}]"
        if not table.name.strip() or table.name in names:
            problems.append(Problem(f"{at}.name", f"tax table name {table.name!r} is empty or used twice"))
        names.add(table.name)
        problems += _check_table(table, at)
    by_name = {t.name: t for t in assumptions.tax_tables}
    for index, table in enumerate(assumptions.tax_tables):
        base = by_name.get(table.stacked_on) if table.stacked_on else None
        if table.stacked_on and (base is None or base.name == table.name or base.stacked_on):
            problems.append(Problem(f"assumptions.tax_tables[{index}].stacked_on",
                                    f"{table.name!r} sits on {table.stacked_on!r}, which must be another table of "
                                    "the plan that does not itself sit on one"))
    seen: set[TaxCategory] = set()
    for category, name in assumptions.category_tables:
        if category in seen or name not in by_name:
            problems.append(Problem(f"assumptions.category_tables.{category.value}",
                                    f"{category.value} is taxed by {name!r}, which is not a tax table of the plan "
                                    "(or the category is named twice)"))
        seen.add(category)
    return problems


def _check_money(amount: Decimal, path: str, what: str) -> list[Problem]:
    """An amount of money a plan file can hold: 0 to MAX_MONEY in whole cents."""
    if not Decimal(0) <= amount <= MAX_MONEY:
        return [Problem(path, f"{what} must be 0 to {MAX_MONEY:,}, got {amount}")]
    if amount != amount.quantize(Decimal("0.01")):
        return [Problem(path, f"{what} cannot have fractions of a cent, got {amount}")]
    return []


def _check_table(table: TaxTable, at: str) -> list[Problem]:
    problems = _check_money(table.allowance, f"{at}.allowance", "the allowance")
    if not 1 <= len(table.brackets) <= MAX_BRACKETS:
        return [*problems, Problem(f"{at}.brackets", f"a tax table needs 1 to {MAX_BRACKETS} brackets")]
    if table.brackets[0].from_amount != 0:
        problems.append(Problem(f"{at}.brackets[0]", "the first bracket must start at 0"))
    for index, bracket in enumerate(table.brackets):
        problems += _check_money(bracket.from_amount, f"{at}.brackets[{index}].from_amount", "a bracket's start")
        if not Decimal(0) <= bracket.rate <= Decimal(100):
            problems.append(Problem(f"{at}.brackets[{index}].rate", f"a rate must be 0 to 100 %, got {bracket.rate}"))
        if index and bracket.from_amount <= table.brackets[index - 1].from_amount:
            problems.append(Problem(f"{at}.brackets[{index}].from_amount",
                                    "each bracket must start above the one before it"))
    return problems
