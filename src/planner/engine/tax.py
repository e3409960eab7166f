"""Accounts and tax as numbers: which account each stream sits in, the accounts' rules by month,
and the yearly tax of a path's income under the plan's tables (docs/engine.md, "Accounts and tax").

Income earned in a taxable account by a category with a flat rate is taxed as it is paid, as
before; everything else is settled once a year, in December: the year's income of each table's
categories, withdrawals from tax-deferred accounts (ordinary income), gains realized on sales from
taxable accounts (capital gains) and early-withdrawal penalties. Tables are in today's money and
grow with each path's own price level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.domain.enums import AccountType, TaxCategory, WithdrawalOrder
from planner.domain.plan import Account, Assumptions, Household, Plan
from planner.domain.tax_presets import required_divisor

TAXABLE, DEFERRED, FREE = range(3)
ACCOUNT_TYPES = (AccountType.TAXABLE, AccountType.TAX_DEFERRED, AccountType.TAX_FREE)
#: Where padded brackets start: beyond any income, and finite so that differences stay numbers.
_BEYOND = 1e300
#: The account of streams that sit in none: taxable, no limit, no access age.
NO_ACCOUNT = Account("", "No account", AccountType.TAXABLE, fill_order=10**6)


@dataclass(frozen=True)
class TaxTables:
    """The plan's progressive tables: (tables,) allowances, (tables, brackets) starts padded with
    infinity and rates as fractions, and the table each sits on (-1: none)."""

    allowance: np.ndarray
    starts: np.ndarray
    rates: np.ndarray
    stacked_on: np.ndarray

    @property
    def count(self) -> int:
        return self.allowance.size

    def bracket_tax(self, table: int, taxable: np.ndarray, level: np.ndarray) -> np.ndarray:
        """Tax under one table's brackets of ``taxable`` (paths,) nominal income above the allowance,
        the brackets grown by the price ``level`` (paths,)."""
        starts = self.starts[table][:, None] * level  # (brackets, paths); padding stays out of reach
        tops = np.empty_like(starts)  # each bracket ends where the next starts, the last beyond any income
        tops[:-1], tops[-1] = starts[1:], _BEYOND
        return self.rates[table] @ (np.minimum(np.maximum(taxable[None, :], starts), tops) - starts)

    def tax_above(self, income: np.ndarray, level: np.ndarray, base: int, pay: np.ndarray) -> np.ndarray:
        """(paths,) the tax of ``income`` (tables, paths) when ``pay`` (paths,), already taxed, fills
        table ``base`` first (-1: no such table): the tax with the pay less the tax of the pay alone."""
        if base < 0 or not pay.any():
            return self.tax(income, level)
        with_pay = income.copy()
        with_pay[base] += pay
        alone = np.zeros_like(income)
        alone[base] = pay
        return self.tax(with_pay, level) - self.tax(alone, level)

    def tax(self, income: np.ndarray, level: np.ndarray) -> np.ndarray:
        """(paths,) the tax of a year's nominal ``income`` (tables, paths) summed into each table. A
        stacked table's income sits on its base table's taxable income, after any of the base's
        allowance the base's own income left unused."""
        allowance = self.allowance[:, None] * level
        own = np.maximum(income - allowance, 0.0)
        unused = np.maximum(allowance - income, 0.0)
        total = np.zeros(level.size)
        for table in range(self.count):
            base = int(self.stacked_on[table])
            if base < 0:
                total += self.bracket_tax(table, own[table], level)
                continue
            above = np.maximum(income[table] - unused[base] - allowance[table], 0.0)
            total += self.bracket_tax(table, own[base] + above, level) - self.bracket_tax(table, own[base], level)
        return total


@dataclass(frozen=True)
class TaxSetup:
    """What the household's month needs of accounts and tax.

    names: (accounts,) as the plan names them.
    account_type: (accounts,) TAXABLE, DEFERRED or FREE; the last account is NO_ACCOUNT.
    limit: (accounts,) new money a year in today's money (inf: no limit).
    penalty: (accounts,) fraction of an early withdrawal.
    fill_order: account indices in the order new savings fill them.
    access_month: (accounts,) the first month (from the plan start) it may be drawn without penalty.
    owner_birth_year, required_age: (accounts,) whose ages the rules read, and the age from which
        withdrawals are required (0: never; only tax-deferred accounts).
    tables: the progressive tables (None: every category pays a flat rate).
    ordinary_table, gains_table: the table of ordinary income (deferred withdrawals) and of capital
        gains (-1: their flat rates ``ordinary_rate``, ``gains_rate``).
    pay_tax_rate: marginal tax on pay; a unit of take-home pay saved in a deferred account buys
        1 / (1 - rate) of contribution.
    order: which accounts pay after the stop month.
    """

    names: tuple[str, ...]
    account_type: np.ndarray
    limit: np.ndarray
    penalty: np.ndarray
    fill_order: tuple[int, ...]
    access_month: np.ndarray
    owner_birth_year: np.ndarray
    required_age: np.ndarray
    tables: TaxTables | None
    ordinary_table: int
    gains_table: int
    ordinary_rate: float
    gains_rate: float
    pay_tax_rate: float
    order: WithdrawalOrder

    @property
    def simple(self) -> bool:
        """Only the taxable no-account: new money and withdrawals need no routing or order."""
        return self.account_type.size == 1

    def locked(self) -> tuple[tuple[str, int, float], ...]:
        """(name, first month without the penalty, penalty) of each account with an access age."""
        return tuple((name, int(month), float(penalty))
                     for name, month, penalty in zip(self.names, self.access_month, self.penalty, strict=True)
                     if month > 0)

    def low_bracket_top(self) -> float:
        """Today's money a year that the ordinary table taxes at its lowest rate (allowance included); 0
        when ordinary income pays a flat rate."""
        if self.tables is None or self.ordinary_table < 0:
            return 0.0
        starts = self.tables.starts[self.ordinary_table]
        top = starts[1] if starts.size > 1 and starts[1] < _BEYOND else 0.0
        return float(self.tables.allowance[self.ordinary_table] + top)


def counted_accounts(plan: Plan) -> tuple[Account, ...]:
    """The accounts that hold streams as themselves (included), then NO_ACCOUNT."""
    return (*(a for a in plan.accounts if a.included), NO_ACCOUNT)


def stream_accounts(plan: Plan, accounts: tuple[Account, ...]) -> list[int]:
    """Each stream's account index; a stream in a left-out or unknown account sits in NO_ACCOUNT."""
    index = {a.uid: i for i, a in enumerate(accounts[:-1])}
    return [index.get(s.account, len(accounts) - 1) for s in plan.streams]


def tax_setup(plan: Plan) -> TaxSetup:
    """The engine's accounts and tables for an effective plan (scenario applied)."""
    assumptions, household = plan.assumptions, plan.household
    accounts = counted_accounts(plan)
    first = plan.start.index
    tables = _tables(assumptions)
    ordinary = _table_index(assumptions, TaxCategory.ORDINARY_INCOME)
    gains = _table_index(assumptions, TaxCategory.CAPITAL_GAIN)
    return TaxSetup(
        names=tuple(a.name for a in accounts),
        account_type=np.array([ACCOUNT_TYPES.index(a.account_type) for a in accounts], dtype=np.int64),
        limit=np.array([float(a.yearly_limit) if a.yearly_limit > 0 else np.inf for a in accounts]),
        penalty=np.array([float(a.early_penalty) / 100.0 for a in accounts]),
        fill_order=tuple(sorted(range(len(accounts)), key=lambda i: (accounts[i].fill_order, i))),
        access_month=np.array([max((_birth_year(household, a) + a.access_age) * 12 - first, 0) if a.access_age else 0
                               for a in accounts], dtype=np.int64),
        owner_birth_year=np.array([_birth_year(household, a) for a in accounts], dtype=np.int64),
        required_age=np.array([a.required_from_age if a.account_type is AccountType.TAX_DEFERRED else 0
                               for a in accounts], dtype=np.int64),
        tables=tables,
        ordinary_table=ordinary,
        gains_table=gains,
        ordinary_rate=float(assumptions.tax_rate(TaxCategory.ORDINARY_INCOME)) / 100.0,
        gains_rate=float(assumptions.tax_rate(TaxCategory.CAPITAL_GAIN)) / 100.0,
        pay_tax_rate=float(assumptions.pay_tax_rate) / 100.0,
        order=assumptions.withdrawal_order,
    )


def stream_table(plan: Plan, account_type: np.ndarray, account_of: list[int]) -> list[int]:
    """The table each stream's income is summed into: only streams in taxable accounts whose category
    a table taxes (-1: a flat rate as earned, or untaxed inside a wrapper)."""
    return [_table_index(plan.assumptions, s.tax_category) if account_type[a] == TAXABLE else -1
            for s, a in zip(plan.streams, account_of, strict=True)]


def withholding_rate(plan: Plan, account_type: np.ndarray, account_of: list[int], table: list[int]) -> list[float]:
    """The rate each stream's income is taxed at as it is paid: its category's flat rate in a taxable
    account when no table taxes the category; nothing inside a wrapper or under a table."""
    return [float(plan.assumptions.tax_rate(s.tax_category)) / 100.0
            if account_type[a] == TAXABLE and t < 0 else 0.0
            for s, a, t in zip(plan.streams, account_of, table, strict=True)]


def _birth_year(household: Household, account: Account) -> int:
    return household.partner_birth_year if account.owner == 2 and household.partner else household.birth_year


def divisors(setup: TaxSetup, first_month: int, months: int) -> np.ndarray:
    """(months, accounts) the Uniform Lifetime divisor in force in each month's calendar year (0: no
    withdrawal required that year); ``first_month`` is the plan start as year * 12 + month - 1."""
    years = (first_month + np.arange(months)) // 12
    ages = years[:, None] - setup.owner_birth_year[None, :]
    required = (setup.required_age[None, :] > 0) & (ages >= setup.required_age[None, :])
    return np.where(required, np.vectorize(required_divisor)(ages), 0.0)


def _table_index(assumptions: Assumptions, category: TaxCategory) -> int:
    table = assumptions.table_of(category)
    return -1 if table is None else assumptions.tax_tables.index(table)


def _tables(assumptions: Assumptions) -> TaxTables | None:
    if not assumptions.tax_tables:
        return None
    width = max(len(t.brackets) for t in assumptions.tax_tables)
    starts = np.full((len(assumptions.tax_tables), width), _BEYOND)
    rates = np.zeros((len(assumptions.tax_tables), width))
    names = [t.name for t in assumptions.tax_tables]
    for row, table in enumerate(assumptions.tax_tables):
        starts[row, :len(table.brackets)] = [float(b.from_amount) for b in table.brackets]
        rates[row, :len(table.brackets)] = [float(b.rate) / 100.0 for b in table.brackets]
    return TaxTables(allowance=np.array([float(t.allowance) for t in assumptions.tax_tables]), starts=starts,
                     rates=rates,
                     stacked_on=np.array([names.index(t.stacked_on) if t.stacked_on else -1
                                          for t in assumptions.tax_tables], dtype=np.int64))
