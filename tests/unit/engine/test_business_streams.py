"""Business and property streams behave like the real products: risks only while a stream runs,
growth with a limit, money that follows each path's inflation, views and downloads that decay by
each upload's own age, and a rental purchase that costs its down payment and closing costs.

Expected numbers come from closed forms or an explicit month-by-month simulation written here."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.enums import ReturnModel
from planner.engine.inputs import snapshot
from planner.engine.market import REAL_ESTATE, build_market
from planner.engine.streams import MODELS, KindContext
from planner.engine.streams.business import logistic_visits
from tests.unit.engine.test_closed_forms import kind_context, make_plan, stream, year_end_worth

SHOCKED_KINDS = ("digital_product", "content_site", "video_channel", "online_store", "micro_saas")


def inflated_context(kind: str, months: int, inflation: float, *, paths: int = 1, deterministic: bool = True,
                     seed: int = 3, age: int = 0, **params: float | str) -> KindContext:
    """Like ``kind_context`` in a market whose price level grows by ``inflation`` a year (a path's own
    level under Monte Carlo), with the household's expected inflation set to match."""
    snap = snapshot(make_plan([stream(kind, **params)], inflation=str(inflation * 100)))
    (group,) = snap.groups
    market = build_market(months, paths, inflation, ReturnModel.LOGNORMAL, np.random.default_rng(seed),
                          deterministic)
    local_month = (np.arange(months) + age)[:, None]
    return KindContext(market, dict(group.params), local_month, np.arange(months) % 12, inflation)


# --------------------------------------------------------------------------------------------
# 1. Risk events before a stream starts


@pytest.mark.parametrize("kind", SHOCKED_KINDS)
def test_a_business_starting_later_earns_what_one_starting_now_does(kind):
    # deterministic events enter at their expected rate; those of the months before a stream starts
    # must not have cut it already (an online store starting in month 60 launched at 49, not 82.5)
    now = MODELS[kind](kind_context(kind, 60)).fixed_income[:, 0, 0]
    later = MODELS[kind](kind_context(kind, 120, age=-60)).fixed_income[60:, 0, 0]
    assert later == pytest.approx(now, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("kind", ["digital_product", "online_store", "video_channel"])
def test_no_path_starts_a_later_business_already_shocked(kind):
    ctx = kind_context(kind, 61, age=-60, paths=400, deterministic=False, seed=5,
                       demonetization_probability=0) if kind == "video_channel" else \
        kind_context(kind, 61, age=-60, paths=400, deterministic=False, seed=5)
    first = MODELS[kind](ctx).fixed_income[60, :, 0] / ctx.market.price_level[60]
    assert np.ptp(first) == pytest.approx(0.0, abs=1e-9)  # in today's money every path launches alike


# --------------------------------------------------------------------------------------------
# 2. The online store's growth has a limit, and its hours grow with its orders


def test_online_store_orders_follow_the_logistic_curve_to_the_ceiling():
    months = 600
    ctx = kind_context("online_store", months, shock_probability=0, orders_per_month=30, max_orders_per_month=300,
                       order_growth=20, average_price="30.00", gross_margin=30, ad_cost_share=15, return_rate=5,
                       platform_cost="39.00", support_hours=10, hours_per_100_orders=4)
    arrays = MODELS["online_store"](ctx)
    orders = logistic_visits(np.array([30.0]), np.array([300.0]), np.array([0.2]), np.arange(months, dtype=float))
    margin = (1 - 0.05) * 0.30 - 0.15
    assert arrays.fixed_income[:, 0, 0] == pytest.approx(orders * 30.0 * margin - 39.0, rel=1e-9)
    assert arrays.fixed_income[-1, 0, 0] == pytest.approx(300 * 30.0 * margin - 39.0, rel=2e-3)
    assert arrays.hours[:, 0] == pytest.approx(10 + orders / 100 * 4, rel=1e-9)  # 22 hours at the ceiling


def test_online_store_mean_profit_stays_below_its_ceiling_after_forty_years():
    # before: +20 % a year for ever, a mean of about 12,800 a month after 40 years from 82.5
    ctx = kind_context("online_store", 481, paths=2000, deterministic=False, seed=1)
    p = ctx.params
    margin = (1 - p["return_rate"]) * p["gross_margin"] - p["ad_cost_share"]
    ceiling = p["max_orders_per_month"] * p["average_price"] * margin - p["platform_cost"]
    arrays = MODELS["online_store"](ctx)
    real = arrays.fixed_income[480, :, 0] / ctx.market.price_level[480]
    assert real.max() <= ceiling[0] * (1 + 1e-9)
    assert arrays.hours[480, 0] > p["support_hours"][0] + 0.9 * p["max_orders_per_month"][0] / 100 * p[
        "hours_per_100_orders"][0]


# --------------------------------------------------------------------------------------------
# 3. Money in today's money follows each path's price level


@pytest.mark.parametrize("age", [0, -24])
def test_a_business_amount_grows_exactly_with_a_fixed_inflation(age):
    months, inflation = 120, 0.03
    ctx = inflated_context("stock_media", months, inflation, age=age, starting_assets=400, new_assets_per_month=0,
                           downloads_per_asset="0.2", royalty_per_download="0.50", demand_decay=0)
    income = MODELS["stock_media"](ctx).fixed_income[:, 0, 0]
    level = (1 + inflation) ** (np.arange(months) / 12)
    expected = 400 * 0.2 * 0.5 * level * (np.arange(months) + age >= 0)
    assert income == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("kind", ["content_site", "short_term_rental"])
def test_business_income_moves_with_each_paths_price_level(kind):
    months, inflation = 240, 0.025
    params = ({"starting_monthly_visits": 30000, "max_monthly_visits": 30000, "shock_probability": 0}
              if kind == "content_site" else {"occupancy_volatility": 0, "seasonality": 0})
    ctx = inflated_context(kind, months, inflation, paths=500, deterministic=False, **params)
    income = MODELS[kind](ctx).fixed_income[:, :, 0]
    level = ctx.market.price_level[:months]
    real = income / level
    assert np.ptp(real, axis=1) == pytest.approx(0.0, abs=1e-9)  # the same in today's money on every path
    assert np.corrcoef(income[-1], level[-1])[0, 1] > 0.999
    assert np.ptp(level[-1]) > 0.1  # the paths' price levels do differ


def test_micro_saas_price_grows_by_its_real_part_on_top_of_the_paths_inflation():
    months, inflation = 120, 0.02
    ctx = inflated_context("micro_saas", months, inflation, paths=300, deterministic=False, shock_probability=0,
                           starting_mrr="1500.00", new_subscribers_per_month=0, churn=0, price="15.00",
                           price_growth=5, hosting_cost_share=0, platform_fee=0)
    profit = MODELS["micro_saas"](ctx).fixed_income[:, :, 0]
    years = np.arange(months)[:, None] / 12
    expected = 1500.0 * ctx.market.price_level[:months] * (1.05 / 1.02) ** years
    assert profit == pytest.approx(expected, rel=1e-9)


def test_rental_rent_and_value_follow_realised_inflation_plus_the_real_part():
    months, inflation, paths = 120, 0.025, 300
    params = {"price": "200000.00", "monthly_rent": "1000.00", "rent_growth": 3, "appreciation": 4, "volatility": 8,
              "vacancy": 0, "management_fee": 0, "down_payment": 100, "maintenance": 0, "property_tax": 0,
              "insurance": "0.00"}
    ctx = inflated_context("rental_property", months, inflation, paths=paths, deterministic=False, **params)
    arrays = MODELS["rental_property"](ctx)
    level = ctx.market.price_level[:months]
    years = np.arange(months)[:, None] / 12
    assert arrays.fixed_income[:, :, 0] == pytest.approx(1000.0 * level * (1.03 / 1.025) ** years, rel=1e-9)
    real = ctx.market.gross(np.array([1.04 / 1.025 - 1]), np.array([0.08]), REAL_ESTATE)[:, :, 0]
    index = np.cumprod(real, axis=0) / real
    assert arrays.asset_value[:, :, 0] == pytest.approx(200000.0 * index * level, rel=1e-9)
    # at the expected inflation (the deterministic run) the entered nominal growth is kept exactly
    flat = MODELS["rental_property"](inflated_context("rental_property", months, inflation, **params))
    assert flat.fixed_income[:, 0, 0] == pytest.approx(1000.0 * 1.03 ** years[:, 0], rel=1e-12)
    assert flat.asset_value[:, 0, 0] == pytest.approx(200000.0 * 1.04 ** years[:, 0], rel=1e-12)


# --------------------------------------------------------------------------------------------
# 4. A video channel's algorithm shock cuts the library then; new uploads' reach recovers


def test_an_algorithm_shock_cuts_the_library_once_and_views_recover():
    months, hit_month = 400, 24
    ctx = kind_context("video_channel", months, shock_probability=0, demonetization_probability=0,
                       uploads_per_month=4, views_per_video=1000, view_decay=10, shock_loss=50,
                       revenue_per_1000_views="0.00", sponsorship_per_1000_views="1.00", production_cost="0.00")
    hits = np.zeros((months, 1, 1))
    hits[hit_month] = 1.0
    ctx.market.events = lambda chance: hits if np.all(chance == ctx.params["shock_probability"]) else 0.0 * hits
    views = MODELS["video_channel"](ctx).fixed_income[:, 0, 0] * 1000.0
    steady = 4 * 1000 / 0.10
    no_shock = 4 * 1000 * (1 - 0.9 ** (np.arange(months) + 1)) / 0.10
    assert views[: hit_month + 1] == pytest.approx(no_shock[: hit_month + 1], rel=1e-12)
    recovery = 0.5 ** (1 / 6)
    reach = 1 - 0.5 * recovery
    assert views[hit_month + 1] == pytest.approx(0.9 * no_shock[hit_month] * 0.5 + 4000 * reach, rel=1e-12)
    assert views[-1] == pytest.approx(steady, rel=1e-6)  # back to the steady state, not cut for good


def test_video_channel_steady_state_under_expected_shocks_is_the_closed_form():
    ctx = kind_context("video_channel", 720, demonetization_probability=0)
    p = {key: float(value[0]) for key, value in ctx.params.items()}
    views = MODELS["video_channel"](ctx).fixed_income[:, 0, 0]
    hit = 1 - (1 - p["shock_probability"]) ** (1 / 12)
    kept, recovery = 1 - hit * p["shock_loss"], 0.5 ** (1 / 6)
    reach = (1 - recovery) / (1 - recovery * kept)
    library = p["uploads_per_month"] * p["views_per_video"] * reach / (1 - (1 - p["view_decay"]) * kept)
    rpm = p["revenue_per_1000_views"] + p["sponsorship_per_1000_views"]
    expected = library / 1000 * rpm - p["uploads_per_month"] * p["production_cost"]
    assert views[-1] == pytest.approx(expected, rel=1e-9)
    assert expected > 0  # the default channel is a (small) business, not a loss


# --------------------------------------------------------------------------------------------
# 5. Stock media: each asset's demand decays with its own age


@pytest.mark.parametrize(("starting", "new", "decay"), [(0, 20, -15), (350, 20, -15), (100, 5, 0), (0, 10, 10)])
def test_stock_media_income_is_the_sum_over_upload_cohorts(starting, new, decay):
    months = 360
    ctx = kind_context("stock_media", months, starting_assets=starting, new_assets_per_month=new,
                       downloads_per_asset="0.2", royalty_per_download="0.50", demand_decay=decay)
    income = MODELS["stock_media"](ctx).fixed_income[:, 0, 0]
    monthly = (1 + decay / 100) ** (1 / 12)
    cohorts = []
    for t in range(months):  # month s's uploads are online from s + 1, each at its own age
        assets = starting * monthly**t + sum(new * monthly ** (t - s - 1) for s in range(t))
        cohorts.append(assets * 0.2 * 0.5)
    assert income == pytest.approx(cohorts, rel=1e-9)


def test_stock_media_with_steady_uploads_rises_toward_a_plateau():
    ctx = kind_context("stock_media", 600)  # the defaults: demand fades, uploads continue
    income = MODELS["stock_media"](ctx).fixed_income[:, 0, 0]
    p = {key: float(value[0]) for key, value in ctx.params.items()}
    plateau = p["new_assets_per_month"] * p["downloads_per_asset"] * p["royalty_per_download"] / (
        1 - (1 + p["demand_decay"]) ** (1 / 12))
    assert np.all(np.diff(income) >= 0)
    assert income[-1] == pytest.approx(plateau, rel=1e-3)


# --------------------------------------------------------------------------------------------
# 6. A rental purchase costs its down payment and closing costs


def rental_plan(start_month: int, amount: str):
    """Cash in a savings account and a rental with no rent, costs or interest: the household's worth
    changes only by what the purchase costs beyond the equity it buys (and by one mortgage payment:
    a month's equity is counted before that month's payment, which has left the cash)."""
    rental = stream("rental_property", amount=amount, price="200000.00", down_payment=20, closing_costs=3,
                    mortgage_rate="0", monthly_rent="0.00", appreciation=0, volatility=0, vacancy=0, maintenance=0,
                    property_tax=0, insurance="0.00", management_fee=0)
    rental = replace(rental, start=rental.start.plus(start_month))
    return make_plan([stream("high_yield_savings", amount="100000.00", apy=0, rate_drift=0), rental], years=3)


@pytest.mark.parametrize("amount", ["0.00", "46000.00", "84000.00"])
def test_a_rental_bought_later_costs_the_down_payment_and_closing_costs(amount):
    worth = year_end_worth(rental_plan(12, amount))
    # before the purchase: the cash; after: cash - 0.23 price + equity 0.2 price, whatever the starting amount
    payment = 160000.0 / 360
    assert worth == pytest.approx([100000.0, 100000.0 - 6000.0 - payment, 100000.0 - 6000.0 - payment], rel=1e-9)


@pytest.mark.parametrize("amount", ["0.00", "84000.00"])
def test_a_rental_held_at_the_start_costs_nothing_and_counts_as_its_equity(amount):
    worth = year_end_worth(rental_plan(0, amount))
    assert worth == pytest.approx([100000.0 + 40000.0 - 160000.0 / 360] * 3, rel=1e-9)


@pytest.mark.parametrize("kind", ["digital_product", "content_site", "micro_saas"])
def test_an_up_front_cost_in_todays_money_is_paid_at_the_expected_price_level_of_the_start(kind):
    ctx = inflated_context(kind, 48, 0.03, age=-24, upfront_cost="500.00")
    assert MODELS[kind](ctx).entry_cost == pytest.approx([500.0 * 1.03**2], rel=1e-12)


# --------------------------------------------------------------------------------------------
# 7. A short-term rental pays for cleaning after each stay


def test_short_term_rental_pays_a_cleaning_cost_per_stay():
    months = 24
    ctx = kind_context("short_term_rental", months, nightly_rate="60.00", occupancy=45, seasonality=20,
                       platform_fee=3, running_cost="150.00", cleaning_cost="20.00", average_stay_nights=3)
    income = MODELS["short_term_rental"](ctx).fixed_income[:, 0, 0]
    season = 1 + 0.2 * np.cos(2 * np.pi * (np.arange(months) % 12 - 6) / 12)
    nights = 365.25 / 12 * 0.45 * season
    assert income == pytest.approx(nights * 60 * 0.97 - nights / 3 * 20 - 150, rel=1e-12)
