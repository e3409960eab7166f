"""Each path's accounts and tax over a run: cost basis in taxable accounts, new money routed into
accounts within their limits, withdrawals in the plan's order (penalised ones last), required
withdrawals, and the year's tax settled every December (docs/engine.md, "Accounts and tax").

The household's month calls it wherever money enters or leaves a stream; arrays are (paths,)
unless said otherwise, money nominal.
"""

from __future__ import annotations

import bisect

import numpy as np

from planner.domain.enums import WithdrawalOrder
from planner.engine.arrays import any_set
from planner.engine.tax import DEFERRED, FREE, TAXABLE, TaxSetup, divisors


class TaxLedger:
    """The run's constants about accounts, and every path's running figures for the year.

    basis: (taxable streams, paths) average cost of the capital held in taxable accounts.
    gains, deferred_out, penalty: this year's realized gains, withdrawals from tax-deferred accounts,
        and early-withdrawal penalties.
    table_income: (tables, paths) this year's income summed into each tax table.
    contributed, drawn: (accounts, paths) this year's new money into each account with a yearly limit
        (the only ones it is asked of), and withdrawals from each account.
    gain_carry, table_carry: losses carried forward to next year.
    pay: this year's net pay for work: it fills the ordinary table's brackets before other income
        (its own tax is already out of it).
    """

    def __init__(self, setup: TaxSetup, account: np.ndarray, income_table: np.ndarray, gains_taxed: np.ndarray,
                 paths: int, calendar: np.ndarray, first_month: int) -> None:
        """``gains_taxed``: (streams,) the reinvestable streams in taxable accounts whose gains are taxed;
        ``calendar``: (months,) each month's calendar month (0 = January); ``first_month``: the plan
        start as year * 12 + month - 1."""
        self.setup = setup
        self.calendar = calendar
        months = calendar.size
        accounts = setup.account_type.size
        self.type_of = setup.account_type[account]  # (streams,)
        self.account = account
        self.taxable = np.flatnonzero(gains_taxed)  # the streams whose cost basis is tracked
        self.deferred_rows = np.flatnonzero(self.type_of == DEFERRED)
        self.rows_of = [np.flatnonzero(account == a) for a in range(accounts)]
        self.access_month = setup.access_month[account]  # (streams,)
        self.stream_penalty = setup.penalty[account]
        self.divisor = divisors(setup, first_month, months) if any_set(setup.required_age) else None
        self.year_end_balance: dict[int, np.ndarray] = {}  # per account with required withdrawals
        self._access_months = sorted({int(m) for m in self.access_month})
        self._masks: dict[int, tuple[np.ndarray, ...]] = {}  # the withdrawal steps' masks by accounts open
        # uncapped steps as (steps, streams) and (streams, steps) one-hot matrices
        self._onehots: dict[tuple[int, bool, WithdrawalOrder], tuple[np.ndarray, np.ndarray]] = {}
        self.required_accounts = [int(a) for a in np.flatnonzero(setup.required_age > 0) if self.rows_of[a].size]
        tables = setup.tables.count if setup.tables is not None else 0
        self.table_of = np.zeros((tables, account.size))
        for row, table in enumerate(income_table):
            if table >= 0:
                self.table_of[table, row] = 1.0
        self.taxed_by_table = np.flatnonzero(income_table >= 0)
        self._taxed_table_of = self.table_of[:, self.taxed_by_table]  # (tables, taxed streams)
        self.basis = np.zeros((self.taxable.size, paths))
        self.table_income = np.zeros((tables, paths))
        self.table_carry = np.zeros((tables, paths))
        self.gains, self.gain_carry = np.zeros(paths), np.zeros(paths)
        self.deferred_out, self.penalty, self.pay = np.zeros(paths), np.zeros(paths), np.zeros(paths)
        self.contributed = np.zeros((accounts, paths))
        self.penalty_paid = np.zeros(paths)  # the last settlement's penalties, for the records
        self.drawn = np.zeros((accounts, paths))
        self._fill_steps_of: tuple[TaxSetup, list] | None = None

    # ----- money in ----------------------------------------------------------------------------
    def bought(self, amounts: np.ndarray) -> None:
        """(streams, paths) or (streams, 1) money put into streams: the cost basis of taxable ones grows."""
        if self.taxable.size:
            self.basis += amounts[self.taxable]

    def contributed_to(self, added: np.ndarray) -> None:
        """(streams, paths) fixed contributions: they count against their accounts' yearly limits."""
        for account, rows in enumerate(self.rows_of):
            if rows.size and np.isfinite(self.setup.limit[account]):
                self.contributed[account] += added[rows].sum(axis=0)

    def earned(self, result: np.ndarray) -> None:
        """(streams, paths) the month's pre-tax result of each stream: what tables tax is summed."""
        if self.taxed_by_table.size:
            self.table_income += self._taxed_table_of @ result[self.taxed_by_table]

    def route(self, flow: np.ndarray, from_pay: np.ndarray, level: np.ndarray,
              shares: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Split new money over accounts in fill order, each to its yearly limit; inside an account by
        the strategy's weights (``shares[a]``: (streams,) or per path (streams, paths)). Tax-deferred
        and tax-free accounts take only money saved out of pay (``from_pay``, before the stop month);
        a unit of take-home pay saved in a deferred account buys 1 / (1 - marginal tax on pay).
        Returns (streams, paths) additions and the money no account could take."""
        added = np.zeros((self.account.size, flow.size))
        left = np.maximum(flow, 0.0)
        if not any_set(left):
            return added, np.minimum(flow, 0.0)
        pay = np.minimum(from_pay, left)
        for account, kind, gross_up, limit, rows in self._fill_steps():
            share = shares[account]
            per_path = share.ndim == 2
            if not any_set(share):
                continue
            source = left if kind == TAXABLE else pay
            if kind != TAXABLE and not any_set(source):
                continue  # no money saved out of pay (after the stop): the wrappers take nothing
            if limit is None:
                paid = source
            else:
                room = np.maximum(limit * level - self.contributed[account], 0.0)
                paid = np.minimum(source, room / gross_up)
            if per_path:
                paid = paid * share.any(axis=0)  # a path where none is open: nothing
            contribution = paid * gross_up if gross_up != 1.0 else paid
            added[rows] = (share[rows] if per_path else share[rows][:, None]) * contribution
            if limit is not None:
                self.contributed[account] += contribution
            if kind == TAXABLE and limit is None and not per_path:
                left = np.zeros(left.shape)  # an account without a limit, taking on every path, takes all
                break
            left = left - paid
            if not any_set(left):
                break
            pay = np.minimum(np.maximum(pay - paid, 0.0), left)
        self.bought(added)
        return added, left + np.minimum(flow, 0.0)

    def _fill_steps(self) -> list[tuple[int, int, float, float | None, np.ndarray]]:
        """New money's steps in fill order: (account, type, what a unit of pay buys there, yearly limit
        or None, its streams), worked out once per setup (a test may give the ledger another)."""
        setup = self.setup
        if self._fill_steps_of is None or self._fill_steps_of[0] is not setup:
            steps = [(a, int(setup.account_type[a]),
                      1.0 / (1.0 - setup.pay_tax_rate) if setup.account_type[a] == DEFERRED else 1.0,
                      float(setup.limit[a]) if np.isfinite(setup.limit[a]) else None, self.rows_of[a])
                     for a in setup.fill_order if self.rows_of[a].size]
            self._fill_steps_of = (setup, steps)
        return self._fill_steps_of[1]

    # ----- money out ---------------------------------------------------------------------------
    def draw_fraction(self, month: int, value: np.ndarray, take: np.ndarray, level: np.ndarray) -> np.ndarray:
        """(streams, paths) the share of each stream to sell to raise ``take`` of liquid money, given
        each stream's liquid ``value`` (streams, paths): the plan's withdrawal order among streams that
        may be touched without a penalty, then the penalised ones; pro rata within each step."""
        steps = self._steps(month, level)
        if all(cap is None for _, cap in steps):
            return self._draw_disjoint(self._onehot(month, steps), value, take)
        left = value.copy()
        remaining = take.copy()
        for mask, cap in steps:
            if not any_set(remaining):
                break
            rows = np.flatnonzero(mask)
            if not rows.size:
                continue
            part = left[rows]
            available = part.sum(axis=0)
            want = remaining if cap is None else np.minimum(remaining, cap)
            got = np.minimum(want, available)
            ratio = np.divide(got, available, out=np.zeros(got.shape), where=available > 0)
            left[rows] = part * (1.0 - ratio)
            remaining = remaining - got
        return 1.0 - np.divide(left, value, out=np.ones_like(left), where=value > 0)

    def _draw_disjoint(self, onehot: tuple[np.ndarray, np.ndarray], value: np.ndarray, take: np.ndarray) -> np.ndarray:
        """``draw_fraction`` when no stream is in two steps and none is capped: each step's money at
        once, the steps (``onehot``: (steps, streams), 1 where a stream is in a step, and its
        transpose) filled in order by how much the ones before them held."""
        steps, streams = onehot
        available = steps @ value  # (steps, paths)
        # the running total over steps, as np.cumsum(axis=0) adds them, at a fraction of its cost
        running = available.copy()
        for step in range(1, running.shape[0]):
            running[step] += running[step - 1]
        before = running - available
        got = np.minimum(np.maximum(take[None, :] - before, 0.0), available)  # clip, at half its cost
        ratio = np.divide(got, available, out=np.zeros(got.shape), where=available > 0)
        return (streams @ ratio) * (value > 0)  # locked money (no liquid value) is not sold

    def _open_key(self, month: int) -> int:
        """Which accounts are open in ``month``, as the number of access months reached: the same
        key for every month between two of them."""
        return bisect.bisect_right(self._access_months, month)

    def _steps_key(self, month: int) -> tuple[int, bool, WithdrawalOrder]:
        """What the withdrawal steps of ``month`` depend on, apart from a cap: the accounts open and the order."""
        return self._open_key(month), self.setup.simple, self.setup.order

    def _open_masks(self, month: int) -> tuple[np.ndarray, ...]:
        """(streams,) masks of the streams open, open in each type of account, and locked."""
        key = self._open_key(month)
        masks = self._masks.get(key)
        if masks is None:
            open_ = self.access_month <= month
            taxable, deferred, free = (open_ & (self.type_of == kind) for kind in (TAXABLE, DEFERRED, FREE))
            masks = self._masks[key] = (open_, taxable, deferred, free, ~open_)
        return masks

    def _steps(self, month: int, level: np.ndarray) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """The order's steps: (streams mask, cap on the money raised or None)."""
        open_, taxable, deferred, free, locked = self._open_masks(month)
        order = self.setup.order
        if self.setup.simple:  # one taxable account: pro rata
            steps = [(open_, None)]
        elif order is WithdrawalOrder.PROPORTIONAL:
            steps = [(open_, None), (locked, None)]
        else:
            steps = [(taxable, None), (deferred, None), (free, None), (locked, None)]
            if order is WithdrawalOrder.LOW_BRACKET_FIRST:
                steps.insert(0, (deferred, self._low_bracket_room(month, level)))
        return steps

    def _onehot(self, month: int, steps: list[tuple[np.ndarray, np.ndarray | None]]) -> tuple[np.ndarray, np.ndarray]:
        """``month``'s uncapped ``steps`` as (steps, streams) and (streams, steps) one-hot matrices,
        made once for each set of accounts open."""
        key = self._steps_key(month)
        onehot = self._onehots.get(key)
        if onehot is None:
            steps_by_stream = np.array([mask for mask, _ in steps], dtype=np.float64)
            onehot = self._onehots[key] = steps_by_stream, np.ascontiguousarray(steps_by_stream.T)
        return onehot

    def _low_bracket_room(self, month: int, level: np.ndarray) -> np.ndarray:
        """Ordinary income the lowest bracket still takes this year, pro rata to the months gone."""
        months_gone = int(self.calendar[month]) + 1
        ordinary = self.deferred_out + self.pay  # pay fills the ordinary table first
        if self.setup.ordinary_table >= 0:
            ordinary = ordinary + self.table_income[self.setup.ordinary_table]
        return np.maximum(self.setup.low_bracket_top() * level * months_gone / 12.0 - ordinary, 0.0)

    def sold(self, month: int, fraction: np.ndarray, capital: np.ndarray, exit_cost: np.ndarray) -> np.ndarray:
        """Streams sold by ``fraction`` (streams, paths) of their ``capital`` before the sale: gains in
        taxable accounts against their average cost, withdrawals from deferred accounts, penalties
        before an account's access age. Returns the proceeds per stream (after exit costs)."""
        proceeds = fraction * capital * (1.0 - exit_cost)[:, None]
        if self.taxable.size:
            rows = self.taxable
            cost = self.basis * fraction[rows]
            self.gains += (proceeds[rows] - cost).sum(axis=0)
            self.basis -= cost
        if self.deferred_rows.size:
            self.deferred_out += proceeds[self.deferred_rows].sum(axis=0)
        locked = self._open_masks(month)[4]
        if any_set(locked):
            self.penalty += self.stream_penalty[locked] @ proceeds[locked]
        for account in self.required_accounts:  # what was drawn counts against required withdrawals
            self.drawn[account] += proceeds[self.rows_of[account]].sum(axis=0)
        return proceeds

    def rebalanced(self, before: np.ndarray, after: np.ndarray, exit_cost: np.ndarray) -> None:
        """Capital moved between streams of an account: sales in taxable accounts realize gains, buys
        add cost."""
        if not self.taxable.size:
            return
        rows = self.taxable
        old, new = before[rows], after[rows]
        sold = np.maximum(old - new, 0.0)
        fraction = np.divide(sold, old, out=np.zeros(sold.shape), where=old > 0)
        cost = self.basis * fraction
        self.gains += (sold * (1.0 - exit_cost[rows])[:, None] - cost).sum(axis=0)
        self.basis += np.maximum(new - old, 0.0) - cost

    # ----- the year ----------------------------------------------------------------------------
    def required(self, month: int, capital: np.ndarray, liquid_value: np.ndarray) -> np.ndarray | None:
        """(streams, paths) the fraction of each stream a December's required withdrawals sell: the
        account's balance at the end of the year before over this year's divisor, less what was drawn
        this year, at most what it holds (None: nothing required). Every December also notes each such
        account's balance for the next year (the plan's first year uses its own December's)."""
        if self.divisor is None:
            return None
        fraction = np.zeros(capital.shape)
        for account in self.required_accounts:
            rows = self.rows_of[account]
            balance = (liquid_value[rows][:, None] * capital[rows]).sum(axis=0)
            divisor = self.divisor[month, account]
            ratio = np.zeros(balance.shape)
            if divisor > 0:
                base = self.year_end_balance.get(account, balance)
                need = np.minimum(np.maximum(base / divisor - self.drawn[account], 0.0), balance)
                ratio = np.divide(need, balance, out=np.zeros(need.shape), where=balance > 0)
                fraction[rows] = ratio[None, :] * (liquid_value[rows] > 0)[:, None]  # locked money stays
            self.year_end_balance[account] = balance * (1.0 - ratio)
        return np.minimum(fraction, 1.0) if any_set(fraction) else None

    def settle(self, level: np.ndarray) -> np.ndarray:
        """The year's tax beyond what was withheld as earned: tables, gains, deferred withdrawals and
        penalties. Losses are carried forward. Starts the next year."""
        setup = self.setup
        self.penalty_paid = self.penalty.copy()
        gains = self.gains - self.gain_carry
        self.gain_carry = np.maximum(-gains, 0.0)
        gains = np.maximum(gains, 0.0)
        due = self.penalty.copy()
        income = self.table_income
        if setup.gains_table >= 0:
            income[setup.gains_table] += gains
        else:
            due += setup.gains_rate * gains
        if setup.ordinary_table >= 0:
            income[setup.ordinary_table] += self.deferred_out
        else:
            due += setup.ordinary_rate * self.deferred_out
        if setup.tables is not None:
            net = income - self.table_carry
            self.table_carry = np.maximum(-net, 0.0)
            due += setup.tables.tax_above(np.maximum(net, 0.0), level, setup.ordinary_table, self.pay)
        self._new_year()
        return due

    def _new_year(self) -> None:
        for array in (self.table_income, self.gains, self.deferred_out, self.penalty, self.contributed, self.drawn,
                      self.pay):
            array[...] = 0.0
