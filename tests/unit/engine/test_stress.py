"""Each stress preset changes what it claims and nothing else (same seed, same draws)."""

from __future__ import annotations

import numpy as np
import pytest

from planner.domain.catalogue import KINDS, PROPERTY_KINDS
from planner.domain.catalogue.kinds import AssetClass, Basis
from planner.domain.demo import demo_plan
from planner.engine.assembly import Buffers, StreamSchedule, assemble, engine_order
from planner.engine.inputs import reordered, snapshot
from planner.engine.market import build_market
from planner.engine.projection import RunOptions, project
from planner.engine.stress import (
    CREATOR_KINDS,
    PRESETS,
    StressRun,
    apply_to_market,
    apply_to_streams,
    preset,
    start_month_of,
)

START = 24  # the stress starts in the plan's third year
RATE_KINDS = {"high_yield_savings", "certificate_of_deposit", "bonds"}


@pytest.fixture(scope="module")
def snap():
    plain = snapshot(demo_plan()).with_years(15)
    return reordered(plain, engine_order(plain))


def chunk(snap, stress, deterministic=False):
    """One chunk's market and streams, as the projection builds them."""
    market = build_market(snap.months, 40, snap.inflation, snap.return_model, np.random.default_rng([7, 0]),
                          deterministic)
    if stress is not None:
        apply_to_market(stress, market)
    streams = assemble(snap, StreamSchedule.of(snap), market, Buffers())
    if stress is not None:
        apply_to_streams(stress, snap, streams)
    return market, streams


def changes(snap, key, deterministic=False):
    """Where the stressed chunk differs: stream rows and months per array, and the price level."""
    base_market, base = chunk(snap, None, deterministic)
    market, stressed = chunk(snap, StressRun(preset(key), START), deterministic)
    found = {}
    for name in ("growth", "income_after_tax"):
        differs = ~np.isclose(getattr(base, name), getattr(stressed, name), rtol=1e-6, atol=0)
        found[name] = (set(np.flatnonzero(differs.any(axis=(0, 2)))), set(np.flatnonzero(differs.any(axis=(1, 2)))))
    fixed = ~np.isclose(base.fixed_income, stressed.fixed_income, rtol=1e-9, atol=1e-9)
    found["fixed_income"] = ({int(base.fixed[i]) for i in np.flatnonzero(fixed.any(axis=(0, 2)))},
                             set(np.flatnonzero(fixed.any(axis=(1, 2)))))
    level = ~np.isclose(base_market.price_level, market.price_level, rtol=1e-12)
    found["price_level"] = set(np.flatnonzero(level.any(axis=1)))
    return found


def rows_of(snap, test):
    return {i for i, kind in enumerate(snap.kinds) if test(kind)}


def months(first, last):
    return set(range(first, last))


def test_every_preset_is_listed_with_a_claim_and_a_source():
    assert [p.key for p in PRESETS] == ["equity-crash", "rate-shock", "crypto-winter", "creator-shock",
                                        "high-inflation", "defi-exploit"]
    assert all(p.claim and p.source and p.title for p in PRESETS)


def test_equity_crash_marks_down_equity_and_property_funds_in_its_year_only(snap):
    found = changes(snap, "equity-crash")
    capital = rows_of(snap, lambda k: KINDS[k].asset_class in (AssetClass.EQUITIES, AssetClass.REAL_ESTATE)
                      and k not in ("rental_property", "short_term_rental"))
    assert found["growth"] == (capital, months(START, START + 12))
    assert found["income_after_tax"] == (set(), set())
    assert found["fixed_income"] == (set(), set())
    assert found["price_level"] == set()


def test_equity_crash_takes_forty_percent(snap):
    base = chunk(snap, None, deterministic=True)[1]
    crashed = chunk(snap, StressRun(preset("equity-crash"), START), deterministic=True)[1]
    row = snap.kinds.index("index_fund")
    year = slice(START, START + 12)
    ratio = np.prod(crashed.growth[year, row, 0]) / np.prod(base.growth[year, row, 0])
    assert ratio == pytest.approx(0.60)


def test_rate_shock_moves_rate_linked_streams_only_and_from_its_year(snap):
    found = changes(snap, "rate-shock")
    rate_rows = rows_of(snap, lambda k: k in RATE_KINDS)
    assert found["growth"][0] <= rate_rows and found["income_after_tax"][0] == rate_rows
    assert min(found["growth"][1]) == START  # bond prices fall as next month's rate rises
    assert min(found["income_after_tax"][1]) == START + 1
    assert found["fixed_income"] == (set(), set())
    assert found["price_level"] == set()


def test_rate_shock_raises_savings_rates_by_three_points_after_a_year(snap):
    base = chunk(snap, None, deterministic=True)[1]
    shocked = chunk(snap, StressRun(preset("rate-shock"), START), deterministic=True)[1]
    row = snap.kinds.index("high_yield_savings")
    later = START + 24
    yearly = lambda monthly: (1 + monthly) ** 12 - 1  # noqa: E731
    assert yearly(shocked.income_after_tax[later, row, 0] / (1 - snap.tax_rate[row])) - yearly(
        base.income_after_tax[later, row, 0] / (1 - snap.tax_rate[row])) == pytest.approx(0.03, abs=1e-3)


def test_crypto_winter_hits_crypto_prices_for_a_year_and_yields_for_two(snap):
    found = changes(snap, "crypto-winter")
    crypto = rows_of(snap, lambda k: KINDS[k].asset_class is AssetClass.CRYPTO)
    assert found["growth"][0] == crypto
    assert found["growth"][1] <= months(START, START + 24)
    assert found["income_after_tax"] == (crypto, months(START, START + 24))
    assert found["fixed_income"] == (set(), set()) and found["price_level"] == set()


def test_creator_shock_halves_creator_revenue_for_good_and_nothing_else(snap):
    found = changes(snap, "creator-shock")
    creators = rows_of(snap, lambda k: k in CREATOR_KINDS)
    assert found["fixed_income"][0] == creators
    assert found["fixed_income"][1] == months(START, snap.months)
    assert found["growth"] == (set(), set()) and found["income_after_tax"] == (set(), set())
    assert found["price_level"] == set()


def test_creator_shock_halves_the_audience_not_the_costs(snap):
    base = chunk(snap, None, deterministic=True)[1]
    shocked = chunk(snap, StressRun(preset("creator-shock"), START), deterministic=True)[1]
    column = list(base.fixed).index(snap.kinds.index("stock_media"))  # no running costs: exactly half
    assert shocked.fixed_income[START + 5, column, 0] == pytest.approx(base.fixed_income[START + 5, column, 0] / 2)


def test_high_inflation_changes_the_price_level_only_from_its_year(snap):
    found = changes(snap, "high-inflation")
    # market rates follow the extra inflation (Fisher): the rate-linked streams' income, and bond prices
    rate_linked = rows_of(snap, lambda k: k in RATE_KINDS)
    assert found["income_after_tax"][0] == rate_linked and min(found["income_after_tax"][1]) > START
    assert found["growth"][0] <= rate_linked and found["growth"][0] and min(found["growth"][1]) >= START
    # money of businesses and property is in today's money: it follows the price level, from the same month
    in_todays_money = rows_of(snap, lambda k: KINDS[k].basis is Basis.EFFORT or k in PROPERTY_KINDS)
    assert found["fixed_income"][0] == in_todays_money and min(found["fixed_income"][1]) == START + 1
    assert min(found["price_level"]) == START + 1  # the level after the first stressed month
    base_market, _ = chunk(snap, None, deterministic=True)
    market, _ = chunk(snap, StressRun(preset("high-inflation"), START), deterministic=True)
    decade = market.price_level[START + 120, 0] / market.price_level[START, 0]
    assert decade == pytest.approx((1 + snap.inflation) ** 10 * 1.06 ** 10, rel=1e-9)
    # the rates' gain from it builds up toward the full 6 points (3-year half-life), and only after it starts
    assert np.all(market.rate_inflation[: START + 1] == base_market.rate_inflation[: START + 1])
    gain = market.rate_inflation[:, 0] - base_market.rate_inflation[:, 0]
    assert 0.05 < gain[START + 119] <= 0.06 * 1.0001 and np.all(np.diff(gain[START:START + 120]) >= 0)
    assert base_market.price_level[START + 120, 0] / base_market.price_level[START, 0] == pytest.approx(
        (1 + snap.inflation) ** 10, rel=1e-9)


def test_defi_exploit_hits_the_largest_defi_holding_in_one_month(snap):
    found = changes(snap, "defi-exploit")
    defi = [i for i, k in enumerate(snap.kinds) if k in ("liquidity_pool", "defi_lending")]
    largest = max(defi, key=lambda i: snap.starting_amount[i])
    assert found["growth"] == ({largest}, {START})
    assert found["income_after_tax"] == (set(), set()) and found["price_level"] == set()


def test_a_whole_stressed_run_matches_the_unstressed_one_before_the_stress(snap):
    plan_snap = snapshot(demo_plan()).with_years(15)
    options = RunOptions(paths=300, seed=3)
    base = project(plan_snap, options)
    start = start_month_of(plan_snap, plan_snap.start_year + 5)
    for test in PRESETS:
        stressed = project(plan_snap, RunOptions(paths=300, seed=3, stress=StressRun(test, start)))
        before = start // 12
        early = slice(0, before)
        assert np.array_equal(stressed.net_worth["nominal"][:, early], base.net_worth["nominal"][:, early]), test.key
        assert not np.array_equal(stressed.net_worth["real"], base.net_worth["real"]), test.key


def test_stress_year_outside_the_projection_is_refused(snap):
    with pytest.raises(ValueError, match="within the projection"):
        start_month_of(snap, snap.start_year + 40)
    assert start_month_of(snap, None) == 0


def test_the_largest_defi_holding_is_the_same_in_any_stream_order():
    from dataclasses import replace as replace_record
    from decimal import Decimal

    from planner.domain.defaults import new_stream

    plan = demo_plan()
    lending = replace_record(new_stream("defi_lending", "Alpha lending", plan.start, uid="lend"),
                             starting_amount=Decimal("2000.00"))  # ties with the demo's stablecoin pool
    plain = snapshot(replace_record(plan, streams=(lending, *plan.streams)))
    test = preset("defi-exploit")
    named = {plain.names[int(i)] for i in test.affected_streams(plain)}
    for seed in range(5):
        order = np.random.default_rng(seed).permutation(plain.stream_count)
        shuffled = reordered(plain, order)
        assert {shuffled.names[int(i)] for i in test.affected_streams(shuffled)} == named
