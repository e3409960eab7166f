"""The return model against closed forms, with tolerances from the standard error."""

import math

import numpy as np
import pytest

from planner.engine.growth import future_value, grow_with_contributions
from planner.engine.returns import LognormalParams, deterministic_gross_return, monthly_gross_returns

PATHS = 200_000


@pytest.mark.parametrize(("mean", "vol"), [(0.07, 0.15), (0.03, 0.05), (0.10, 0.60), (0.0, 0.20)])
def test_yearly_growth_has_the_entered_mean_and_volatility(mean, vol):
    params = LognormalParams.from_arithmetic(mean, vol)
    rng = np.random.default_rng(1)
    yearly = monthly_gross_returns(params, rng.standard_normal((PATHS, 12))).prod(axis=1)
    standard_error = vol / math.sqrt(PATHS)
    assert abs(yearly.mean() - (1 + mean)) < 4 * standard_error  # drag counted once, not twice
    assert abs(yearly.std() - vol) < 0.03 * vol + 4 * standard_error


def test_median_is_below_the_mean_by_the_volatility_drag():
    params = LognormalParams.from_arithmetic(0.07, 0.15)
    sigma2 = math.log(1 + (0.15 / 1.07) ** 2)
    assert params.yearly_median_growth == pytest.approx(1.07 * math.exp(-sigma2 / 2))
    rng = np.random.default_rng(2)
    yearly = monthly_gross_returns(params, rng.standard_normal((PATHS, 12))).prod(axis=1)
    # standard error of a sample median: 1 / (2 f(m) sqrt(n)); f(m) = 1 / (m s sqrt(2 pi)) for a lognormal
    median = params.yearly_median_growth
    se = median * math.sqrt(sigma2) * math.sqrt(2 * math.pi) / (2 * math.sqrt(PATHS))
    assert abs(np.median(yearly) - median) < 4 * se


def test_probability_of_exceeding_a_level_matches_the_normal_cdf():
    params = LognormalParams.from_arithmetic(0.07, 0.15)
    rng = np.random.default_rng(3)
    yearly = monthly_gross_returns(params, rng.standard_normal((PATHS, 12))).prod(axis=1)
    level = 1.0
    z = (math.log(level) - params.mu_month * 12) / (params.sigma_month * math.sqrt(12))
    expected = 0.5 * math.erfc(z / math.sqrt(2))
    se = math.sqrt(expected * (1 - expected) / PATHS)
    assert abs((yearly > level).mean() - expected) < 4 * se


def test_zero_volatility_is_deterministic_growth():
    params = LognormalParams.from_arithmetic(0.05, 0.0)
    gross = monthly_gross_returns(params, np.random.default_rng(4).standard_normal((3, 12)))
    assert np.allclose(gross.prod(axis=1), 1.05)
    assert deterministic_gross_return(0.05) ** 12 == pytest.approx(1.05)


def test_impossible_inputs_are_refused():
    with pytest.raises(ValueError):
        LognormalParams.from_arithmetic(-1.0, 0.1)
    with pytest.raises(ValueError):
        LognormalParams.from_arithmetic(0.05, -0.1)


@pytest.mark.parametrize("rate", [0.0, 0.004, 0.01])
def test_compound_growth_with_contributions_matches_the_annuity_formula(rate):
    months = 480
    gross = np.full((2, months), 1 + rate)
    balances = grow_with_contributions(np.array([10_000.0, 0.0]), 500.0, gross)
    assert balances[0, -1] == pytest.approx(future_value(10_000.0, 500.0, rate, months), rel=1e-12)
    assert balances[1, -1] == pytest.approx(future_value(0.0, 500.0, rate, months), rel=1e-12)
