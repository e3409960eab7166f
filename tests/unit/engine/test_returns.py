"""Market returns (Market.gross) against the lognormal closed forms, with standard-error tolerances."""

import math

import numpy as np
import pytest

from planner.domain.enums import ReturnModel
from planner.engine.market import EQUITIES, build_market, monthly_sigma

PATHS = 200_000


def yearly_growth(mean, vol, seed, model=ReturnModel.LOGNORMAL):
    market = build_market(12, PATHS, 0.0, model, np.random.default_rng(seed), deterministic=False)
    return market.gross(np.array([mean]), np.array([vol]), EQUITIES)[:, :, 0].prod(axis=0)


@pytest.mark.parametrize(("mean", "vol"), [(0.07, 0.15), (0.03, 0.05), (0.10, 0.60), (0.0, 0.20)])
def test_yearly_growth_has_the_entered_mean_and_volatility(mean, vol):
    yearly = yearly_growth(mean, vol, 1)
    standard_error = vol / math.sqrt(PATHS)
    assert abs(yearly.mean() - (1 + mean)) < 4 * standard_error  # drag counted once, not twice
    assert abs(yearly.std() - vol) < 0.03 * vol + 4 * standard_error


def test_median_is_below_the_mean_by_the_volatility_drag():
    sigma2 = math.log(1 + (0.15 / 1.07) ** 2)
    assert 12 * monthly_sigma(np.array(0.07), np.array(0.15)) ** 2 == pytest.approx(sigma2)
    median = 1.07 * math.exp(-sigma2 / 2)
    yearly = yearly_growth(0.07, 0.15, 2)
    # standard error of a sample median: 1 / (2 f(m) sqrt(n)); f(m) = 1 / (m s sqrt(2 pi)) for a lognormal
    se = median * math.sqrt(sigma2) * math.sqrt(2 * math.pi) / (2 * math.sqrt(PATHS))
    assert abs(np.median(yearly) - median) < 4 * se


def test_probability_of_exceeding_a_level_matches_the_normal_cdf():
    sigma2 = math.log(1 + (0.15 / 1.07) ** 2)
    yearly = yearly_growth(0.07, 0.15, 3)
    z = (math.log(1.0) - (math.log(1.07) - sigma2 / 2)) / math.sqrt(sigma2)
    expected = 0.5 * math.erfc(z / math.sqrt(2))
    se = math.sqrt(expected * (1 - expected) / PATHS)
    assert abs((yearly > 1.0).mean() - expected) < 4 * se


def test_zero_volatility_and_deterministic_mode_compound_at_the_mean():
    assert np.allclose(yearly_growth(0.05, 0.0, 4), 1.05)
    market = build_market(12, 1, 0.0, ReturnModel.LOGNORMAL, np.random.default_rng(5), deterministic=True)
    assert market.gross(np.array([0.05]), np.array([0.3]), EQUITIES).prod() == pytest.approx(1.05)


def test_a_mean_of_minus_100_percent_is_taken_as_almost_total_loss():
    yearly = yearly_growth(-1.0, 0.1, 6)
    assert np.all(np.isfinite(yearly)) and yearly.mean() == pytest.approx(0.001, abs=2e-4)
