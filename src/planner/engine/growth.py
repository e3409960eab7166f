"""Compound growth of a balance with monthly contributions, vectorized over paths."""

from __future__ import annotations

import numpy as np


def grow_with_contributions(start: np.ndarray, contribution: float, gross: np.ndarray) -> np.ndarray:
    """Balances at the end of each month.

    start: balance per path, shape (paths,).
    contribution: added at the end of every month, after that month's return.
    gross: gross monthly returns, shape (paths, months).
    Returns shape (paths, months). Loops over months only; paths are vectorized.
    """
    balances = np.empty_like(gross)
    balance = np.asarray(start, dtype=np.float64).copy()
    for month in range(gross.shape[1]):
        balance = balance * gross[:, month] + contribution
        balances[:, month] = balance
    return balances


def future_value(start: float, contribution: float, monthly_rate: float, months: int) -> float:
    """Closed form of the same process at a constant rate (ordinary annuity):
    FV = start (1+r)^n + c ((1+r)^n - 1) / r, and start + c n when r = 0."""
    if monthly_rate == 0.0:
        return start + contribution * months
    factor = (1.0 + monthly_rate) ** months
    return start * factor + contribution * (factor - 1.0) / monthly_rate
