"""Market return draws. Users enter an arithmetic mean and a volatility per year; the engine
draws monthly gross returns whose compounded yearly growth has exactly that mean and volatility.

Lognormal: a yearly gross return G = exp(X), X ~ N(mu, s^2) with
    s^2 = ln(1 + vol^2 / (1 + mean)^2),   mu = ln(1 + mean) - s^2 / 2,
so E[G] = 1 + mean and Var[G] = vol^2. The volatility drag (-s^2/2) is applied once, here, and
nowhere else. A month draws X/12-scaled normals: mu/12 and s/sqrt(12), whose 12-month product
has the yearly law above.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LognormalParams:
    """Monthly log-return mean and standard deviation for one asset."""

    mu_month: float
    sigma_month: float

    @classmethod
    def from_arithmetic(cls, mean: float, volatility: float) -> LognormalParams:
        """From a yearly arithmetic mean and volatility as fractions (0.07, 0.15)."""
        if mean <= -1.0:
            raise ValueError("a yearly mean return of -100 % or less cannot be modelled as lognormal")
        if volatility < 0.0:
            raise ValueError("volatility cannot be negative")
        sigma2 = float(np.log1p((volatility / (1.0 + mean)) ** 2))
        mu = float(np.log1p(mean)) - sigma2 / 2.0
        return cls(mu / 12.0, float(np.sqrt(sigma2 / 12.0)))

    @property
    def yearly_median_growth(self) -> float:
        """Median of the yearly gross return, exp(mu): below 1 + mean whenever volatility > 0."""
        return float(np.exp(self.mu_month * 12.0))


def monthly_gross_returns(params: LognormalParams, shocks: np.ndarray) -> np.ndarray:
    """Gross monthly returns (1 + r) for standard-normal shocks of any shape."""
    return np.exp(params.mu_month + params.sigma_month * shocks)


def deterministic_gross_return(mean: float) -> float:
    """The monthly gross return of deterministic mode: the expected path compounds at the
    arithmetic mean, (1 + mean)^(1/12) a month, since E[G] = 1 + mean under the lognormal law."""
    return float((1.0 + mean) ** (1.0 / 12.0))
