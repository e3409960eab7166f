"""History as it happened, start by start: the backtest a FIRECalc or cFIREsim user knows.

Under the ``historical`` return model every path starts in one month of the history table and
lives through the markets and inflation that followed it. A ``Backtest`` keeps what each start
did, so a view can draw every start as a line, name the worst ones and give the success rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.domain.calendar import YearMonth


@dataclass(frozen=True)
class Backtest:
    """One path per historical start month.

    table: the history's name (the built-in one or a table imported into the plan).
    starts: each path's first table month, "YYYY-MM", oldest first.
    success: (starts,) whether spending held from the stop month to the plan's end (the answer's
        definition of success, PRODUCT.md section 1).
    ruin_month: (starts,) months from the plan start when liquid money ran out after the stop, -1: never.
    net_worth_real: (starts, years) net worth at each projected year's end, today's money.
    plan_start: the plan's first month as a YearMonth index (year * 12 + month - 1).
    """

    table: str
    starts: tuple[str, ...]
    success: np.ndarray
    ruin_month: np.ndarray
    net_worth_real: np.ndarray
    plan_start: int

    @property
    def success_rate(self) -> float:
        return float(np.mean(self.success)) if self.success.size else 0.0

    def worst(self, count: int = 5) -> list[int]:
        """Indexes of the worst starts: those that ran out, earliest ruin first, then the lowest
        ending net worth in today's money."""
        ruined = np.where(self.ruin_month >= 0, self.ruin_month, np.iinfo(np.int64).max)
        ending = self.net_worth_real[:, -1] if self.net_worth_real.size else np.zeros(len(self.starts))
        order = np.lexsort((ending, ruined))
        return [int(i) for i in order[:count]]

    def ruin_text(self, index: int) -> str | None:
        month = int(self.ruin_month[index])
        return None if month < 0 else str(YearMonth.from_index(self.plan_start + month))

    def documents(self) -> list[dict[str, object]]:
        """``history_starts`` of the JSON result: one record per start month."""
        return [{"start": start, "success": bool(self.success[i]), "ruin_month": self.ruin_text(i),
                 "ending_net_worth_real": round(float(self.net_worth_real[i, -1]), 2)
                 if self.net_worth_real.size else None}
                for i, start in enumerate(self.starts)]
