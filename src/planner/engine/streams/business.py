"""Stream models for small online businesses: profit from work done up front, plus upkeep.

Each earns ``fixed_income`` (revenue less running costs, possibly negative) and reports the hours
it needs; none holds reinvestable capital. Money amounts (prices, revenue per 1,000 views, costs)
are entered in today's money: each month they are worth the path's price level times as much, so a
business keeps its real value on every inflation path. Shocks (platform changes, algorithm
updates, competitors) hit only while a stream runs: an event drawn before it starts is ignored.
"""

from __future__ import annotations

import numpy as np

from planner.engine.streams.base import KindArrays, KindContext, permanent

#: A platform change halves a digital product's sales (catalogue: "halves sales").
PRODUCT_SHOCK_LOSS = 0.5
#: Months without ad revenue after a demonetization.
DEMONETIZED_MONTHS = 12
#: After an algorithm change a channel's new uploads reach fewer viewers; the lost reach comes back
#: with this half-life (months). Assumption: recommendation changes are felt for a few months.
REACH_HALF_LIFE_MONTHS = 6


def _audience(ctx: KindContext) -> np.ndarray:
    """The platform's audience factor, 1 unless a stress test halves it, (months, 1, 1)."""
    return ctx.market.traffic[:, None, None]


def _hours(ctx: KindContext, monthly: np.ndarray) -> np.ndarray:
    return np.broadcast_to(monthly, (ctx.months, ctx.count)).copy()


def _upfront(ctx: KindContext) -> np.ndarray:
    """The up-front cost, entered in today's money, at the expected price level of the start."""
    return ctx.params["upfront_cost"] * ctx.expected_price_at_start()


def digital_product(ctx: KindContext) -> KindArrays:
    """Sales start at the launch level and change by ``sales_decay`` a year; a platform change
    halves them. Income = sales x price x (1 - platform fee), the price in today's money."""
    p = ctx.params
    shocks = permanent(ctx.events_while_running(p["shock_probability"]), PRODUCT_SHOCK_LOSS)
    sales = p["launch_sales"] * ctx.grow(p["sales_decay"]) * shocks * _audience(ctx)
    income = sales * p["price"] * (1.0 - p["platform_fee"]) * ctx.todays_money() * ctx.running()
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["refresh_hours"]),
                      entry_cost=_upfront(ctx), reinvestable=False)


def logistic_visits(start: np.ndarray, ceiling: np.ndarray, yearly_growth: np.ndarray,
                    months: np.ndarray) -> np.ndarray:
    """Closed-form logistic curve: K / (1 + (K/v0 - 1) exp(-rho t)), rho = ln(1 + g) / 12."""
    rho = np.log(np.maximum(1.0 + yearly_growth, 1e-6)) / 12.0
    with np.errstate(divide="ignore", over="ignore"):
        return ceiling / (1.0 + (ceiling / np.maximum(start, 1e-9) - 1.0) * np.exp(-rho * months))


def logistic_with_shocks(ctx: KindContext, start: np.ndarray, ceiling: np.ndarray, yearly_growth: np.ndarray,
                         shock_probability: np.ndarray, loss: np.ndarray) -> np.ndarray:
    """(months, paths, n) a level that follows the logistic curve toward ``ceiling``, stepped month by
    month so that a shock can remove ``loss`` of it, after which it grows back along the same curve.
    A stream already running starts on its curve at its age (never above the ceiling)."""
    ceiling = np.maximum(ceiling, 1.0)
    step = np.exp(-np.log(np.maximum(1.0 + yearly_growth, 1e-6)) / 12.0)
    hits = ctx.events_while_running(shock_probability)
    shape = (ctx.months, hits.shape[1], ctx.count)
    level = np.empty(shape)
    current = np.broadcast_to(logistic_visits(start, ceiling, yearly_growth, np.maximum(ctx.local_month[0], 0)),
                              shape[1:]).copy()
    current = np.minimum(current, ceiling)
    for month in range(ctx.months):
        level[month] = current
        grown = ceiling / (1.0 + (ceiling / np.maximum(current, 1e-9) - 1.0) * step)
        current = np.where(ctx.local_month[month] >= 0, grown * (1.0 - hits[month] * loss), current)
    return level


def content_site(ctx: KindContext) -> KindArrays:
    """Visits grow along a logistic curve toward the niche's ceiling; a search update removes a
    share of traffic, which then grows back along the same curve. Income = visits / 1000 x RPM
    less hosting, both in today's money."""
    p = ctx.params
    visits = logistic_with_shocks(ctx, p["starting_monthly_visits"], p["max_monthly_visits"], p["traffic_growth"],
                                  p["shock_probability"], p["shock_loss"]) * _audience(ctx)
    income = (visits / 1000.0 * p["revenue_per_1000_visits"] - p["hosting_cost"]) * ctx.todays_money()
    return KindArrays(fixed_income=income * ctx.running(), hours=_hours(ctx, p["content_hours"]),
                      entry_cost=_upfront(ctx), reinvestable=False)


def channel_views(ctx: KindContext) -> np.ndarray:
    """(months, paths, n) a channel's monthly views before the platform's audience factor.

    Each month's uploads u get ``views_per_video`` v times the channel's reach r in their first
    month and lose ``view_decay`` d a month after: L(t+1) = (1 - d) L(t) (1 - loss x hit) + u v r.
    An algorithm change (hit) cuts the library's views then, and the reach of new uploads, which
    comes back with REACH_HALF_LIFE_MONTHS. Without shocks L(t) = u v (1 - (1 - d)^(t+1)) / d."""
    p = ctx.params
    keep, new_views, loss = 1.0 - p["view_decay"], p["uploads_per_month"] * p["views_per_video"], p["shock_loss"]
    recovery = 0.5 ** (1.0 / REACH_HALF_LIFE_MONTHS)
    hits = ctx.events_while_running(p["shock_probability"])
    age = np.maximum(ctx.local_month[0], 0).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        library = np.where(p["view_decay"] > 0, new_views * (1.0 - np.power(keep, age + 1.0)) / p["view_decay"],
                           new_views * (age + 1.0))
    shape = (ctx.months, hits.shape[1], ctx.count)
    views = np.empty(shape)
    current, reach = np.broadcast_to(library, shape[1:]).copy(), np.ones(shape[1:])
    for month in range(ctx.months):
        views[month] = current
        kept = 1.0 - hits[month] * loss
        reach = 1.0 - (1.0 - reach * kept) * recovery
        current = np.where(ctx.local_month[month] >= 0, keep * current * kept + new_views * reach, current)
    return views


def video_channel(ctx: KindContext) -> KindArrays:
    """Views from ``channel_views``; a demonetization stops ad income for DEMONETIZED_MONTHS.
    Income = views / 1000 x (RPM when monetized + sponsorships) - uploads x production cost, all in
    today's money."""
    p = ctx.params
    views = channel_views(ctx) * _audience(ctx)
    if ctx.deterministic:
        chance = ctx.market.events(p["demonetization_probability"])[0]
        ads_on = np.broadcast_to((1.0 - chance) ** DEMONETIZED_MONTHS, (ctx.months, 1, ctx.count))
    else:
        recent = np.cumsum(ctx.events_while_running(p["demonetization_probability"]), axis=0)
        recent[DEMONETIZED_MONTHS:] -= recent[:-DEMONETIZED_MONTHS].copy()
        ads_on = (recent == 0).astype(np.float64)
    revenue = views / 1000.0 * (p["revenue_per_1000_views"] * ads_on + p["sponsorship_per_1000_views"])
    income = (revenue - p["uploads_per_month"] * p["production_cost"]) * ctx.todays_money() * ctx.running()
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["uploads_per_month"] * p["hours_per_video"]),
                      reinvestable=False)


def stock_assets_earning(starting: np.ndarray, new: np.ndarray, yearly_change: np.ndarray,
                         months: np.ndarray) -> np.ndarray:
    """Assets weighted by their own demand: the starting assets are new at the stream's start, and
    the ``new`` made in each month s < t are online from s + 1, each decaying by its own age.
    With q = (1 + change)^(1/12): starting q^t + new (1 - q^t) / (1 - q), or starting + new t at q = 1."""
    q = np.power(np.maximum(1.0 + yearly_change, 1e-6), 1.0 / 12.0)
    decayed = np.power(q, months)
    with np.errstate(divide="ignore", invalid="ignore"):
        uploads = np.where(np.abs(1.0 - q) > 1e-12, (1.0 - decayed) / (1.0 - q), months)
    return starting * decayed + new * uploads


def stock_media(ctx: KindContext) -> KindArrays:
    """Each asset's downloads change by ``demand_decay`` a year of its own age (``stock_assets_earning``),
    so with steady uploads income rises toward the plateau new x downloads x royalty / (1 - q).
    Income = weighted assets x downloads per asset x royalty, the royalty in today's money."""
    p = ctx.params
    t = np.maximum(ctx.local_month, 0)[:, None, :].astype(np.float64)
    assets = stock_assets_earning(p["starting_assets"], p["new_assets_per_month"], p["demand_decay"], t)
    downloads = assets * p["downloads_per_asset"] * _audience(ctx)
    income = downloads * p["royalty_per_download"] * ctx.todays_money() * ctx.running()
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["new_assets_per_month"] * p["hours_per_asset"]),
                      reinvestable=False)


def online_store(ctx: KindContext) -> KindArrays:
    """Orders grow along a logistic curve toward the market's ceiling; a shock removes a share of
    them, which grows back along the curve. Each kept order leaves the gross margin, less ad spend
    on all revenue and the monthly platform fee (all in today's money). Support hours grow with
    the orders: support_hours + orders / 100 x hours_per_100_orders."""
    p = ctx.params
    orders = logistic_with_shocks(ctx, p["orders_per_month"], p["max_orders_per_month"], p["order_growth"],
                                  p["shock_probability"], p["shock_loss"])
    revenue = orders * p["average_price"]
    profit = revenue * ((1.0 - p["return_rate"]) * p["gross_margin"] - p["ad_cost_share"]) - p["platform_cost"]
    ceiling = np.maximum(p["max_orders_per_month"], 1.0)
    start = np.minimum(p["orders_per_month"], ceiling)
    expected = logistic_visits(start, ceiling, p["order_growth"], np.maximum(ctx.local_month, 0))
    hours = p["support_hours"] + expected / 100.0 * p["hours_per_100_orders"]
    return KindArrays(fixed_income=profit * ctx.todays_money() * ctx.running(), hours=_hours(ctx, hours),
                      reinvestable=False)


def saas_subscribers(start: np.ndarray, new: np.ndarray, churn: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Closed form of N(t+1) = N(t)(1 - c) + new: N(t) = N* + (N0 - N*)(1 - c)^t with N* = new / c."""
    with np.errstate(divide="ignore", invalid="ignore"):
        steady = np.where(churn > 0, new / churn, 0.0)
        return np.where(churn > 0, steady + (start - steady) * np.power(1.0 - churn, months), start + new * months)


def micro_saas(ctx: KindContext) -> KindArrays:
    """Subscribers: N(t+1) = (N(t)(1 - churn) + new) x (1 - loss on a competitor shock). Revenue =
    N x price, the price in today's money growing by the real part of ``price_growth`` (the rest is
    the path's own inflation); profit keeps what hosting and the payment provider leave."""
    p = ctx.params
    hits = ctx.events_while_running(p["shock_probability"])
    shape = (ctx.months, hits.shape[1], ctx.count)
    first = np.where(p["price"] > 0, p["starting_mrr"] / np.maximum(p["price"], 1e-9), 0.0)
    current = np.broadcast_to(saas_subscribers(first, p["new_subscribers_per_month"], p["churn"],
                                               np.maximum(ctx.local_month[0], 0)), shape[1:]).copy()
    subscribers = np.empty(shape)
    for month in range(ctx.months):
        subscribers[month] = current
        running = ctx.local_month[month] >= 0
        grown = (current * (1.0 - p["churn"]) + p["new_subscribers_per_month"]) * (1.0 - hits[month] * p["shock_loss"])
        current = np.where(running, grown, current)
    price = p["price"] * ctx.todays_money() * ctx.grow(ctx.real_part(p["price_growth"]))
    profit = subscribers * price * (1.0 - p["hosting_cost_share"] - p["platform_fee"]) * ctx.running()
    return KindArrays(fixed_income=profit, hours=_hours(ctx, p["support_hours"]),
                      entry_cost=_upfront(ctx), reinvestable=False)
