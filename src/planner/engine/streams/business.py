"""Stream models for small online businesses: profit from work done up front, plus upkeep.

Each earns ``fixed_income`` (revenue less running costs, possibly negative) and reports the hours
it needs; none holds reinvestable capital. Shocks (platform changes, algorithm updates,
competitors) remove a share of the business for good, from the month after they hit.
"""

from __future__ import annotations

import numpy as np

from planner.engine.streams.base import KindArrays, KindContext, permanent

#: A platform change halves a digital product's sales (catalogue: "halves sales").
PRODUCT_SHOCK_LOSS = 0.5
#: Months without ad revenue after a demonetization.
DEMONETIZED_MONTHS = 12


def _running(ctx: KindContext) -> np.ndarray:
    """1 in months a stream runs (local month >= 0), (months, 1, n)."""
    return (ctx.local_month >= 0)[:, None, :].astype(np.float64)


def _audience(ctx: KindContext) -> np.ndarray:
    """The platform's audience factor, 1 unless a stress test halves it, (months, 1, 1)."""
    return ctx.market.traffic[:, None, None]


def _hours(ctx: KindContext, monthly: np.ndarray) -> np.ndarray:
    return np.broadcast_to(monthly, (ctx.months, ctx.count)).copy()


def digital_product(ctx: KindContext) -> KindArrays:
    """Sales start at the launch level and change by ``sales_decay`` a year; a platform change
    halves them. Income = sales x price x (1 - platform fee)."""
    p = ctx.params
    shocks = permanent(ctx.market.events(p["shock_probability"]), PRODUCT_SHOCK_LOSS)
    sales = p["launch_sales"] * ctx.grow(p["sales_decay"]) * shocks * _audience(ctx)
    income = sales * p["price"] * (1.0 - p["platform_fee"]) * _running(ctx)
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["refresh_hours"]),
                      entry_cost=p["upfront_cost"], reinvestable=False)


def logistic_visits(start: np.ndarray, ceiling: np.ndarray, yearly_growth: np.ndarray,
                    months: np.ndarray) -> np.ndarray:
    """Closed-form logistic curve: K / (1 + (K/v0 - 1) exp(-rho t)), rho = ln(1 + g) / 12."""
    rho = np.log(np.maximum(1.0 + yearly_growth, 1e-6)) / 12.0
    with np.errstate(divide="ignore", over="ignore"):
        return ceiling / (1.0 + (ceiling / np.maximum(start, 1e-9) - 1.0) * np.exp(-rho * months))


def content_site(ctx: KindContext) -> KindArrays:
    """Visits grow along a logistic curve toward the niche's ceiling; a search update removes a
    share of traffic, which then grows back along the same curve. Income = visits / 1000 x RPM
    less hosting."""
    p = ctx.params
    ceiling = np.maximum(p["max_monthly_visits"], 1.0)
    rho = np.log(np.maximum(1.0 + p["traffic_growth"], 1e-6)) / 12.0
    hits = ctx.market.events(p["shock_probability"])
    shape = (ctx.months, hits.shape[1], ctx.count)
    visits = np.empty(shape)
    current = np.broadcast_to(logistic_visits(p["starting_monthly_visits"], ceiling, p["traffic_growth"],
                                              np.maximum(ctx.local_month[0], 0)), shape[1:]).copy()
    current = np.minimum(current, ceiling)
    step = np.exp(-rho)
    for month in range(ctx.months):
        visits[month] = current
        running = ctx.local_month[month] >= 0
        grown = ceiling / (1.0 + (ceiling / np.maximum(current, 1e-9) - 1.0) * step)
        current = np.where(running, grown * (1.0 - hits[month] * p["shock_loss"]), current)
    visits = visits * _audience(ctx)
    income = (visits / 1000.0 * p["revenue_per_1000_visits"] - p["hosting_cost"]) * _running(ctx)
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["content_hours"]),
                      entry_cost=p["upfront_cost"], reinvestable=False)


def video_channel(ctx: KindContext) -> KindArrays:
    """Each month's uploads get ``views_per_video`` and lose ``view_decay`` a month after, so the
    library's monthly views are u v (1 - (1 - d)^(t+1)) / d. Algorithm changes cut views for good;
    a demonetization stops ad income for DEMONETIZED_MONTHS. Production costs are paid per video."""
    p = ctx.params
    t = np.maximum(ctx.local_month, 0)[:, None, :].astype(np.float64)
    keep = 1.0 - p["view_decay"]
    new_views = p["uploads_per_month"] * p["views_per_video"]
    with np.errstate(divide="ignore", invalid="ignore"):
        library = np.where(p["view_decay"] > 0, new_views * (1.0 - np.power(keep, t + 1.0)) / p["view_decay"],
                           new_views * (t + 1.0))
    views = library * permanent(ctx.market.events(p["shock_probability"]), p["shock_loss"]) * _audience(ctx)
    hits = ctx.market.events(p["demonetization_probability"])
    if ctx.deterministic:
        ads_on = np.broadcast_to((1.0 - hits[0]) ** DEMONETIZED_MONTHS, hits.shape)
    else:
        recent = np.cumsum(hits, axis=0)
        recent[DEMONETIZED_MONTHS:] -= recent[:-DEMONETIZED_MONTHS].copy()
        ads_on = (recent == 0).astype(np.float64)
    revenue = views / 1000.0 * (p["revenue_per_1000_views"] * ads_on + p["sponsorship_per_1000_views"])
    income = (revenue - p["uploads_per_month"] * p["production_cost"]) * _running(ctx)
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["uploads_per_month"] * p["hours_per_video"]),
                      reinvestable=False)


def stock_media(ctx: KindContext) -> KindArrays:
    """The portfolio grows by the new assets each month; downloads per asset change by
    ``demand_decay`` a year. Income = assets x downloads per asset x royalty."""
    p = ctx.params
    t = np.maximum(ctx.local_month, 0)[:, None, :].astype(np.float64)
    assets = p["starting_assets"] + p["new_assets_per_month"] * t
    downloads = assets * p["downloads_per_asset"] * ctx.grow(p["demand_decay"]) * _audience(ctx)
    income = downloads * p["royalty_per_download"] * _running(ctx)
    return KindArrays(fixed_income=income, hours=_hours(ctx, p["new_assets_per_month"] * p["hours_per_asset"]),
                      reinvestable=False)


def online_store(ctx: KindContext) -> KindArrays:
    """Orders grow by ``order_growth`` a year; each kept order leaves the gross margin, less ad
    spend on all revenue and the monthly platform fee. Shocks remove a share of the business."""
    p = ctx.params
    orders = p["orders_per_month"] * ctx.grow(p["order_growth"])
    orders = orders * permanent(ctx.market.events(p["shock_probability"]), p["shock_loss"])
    revenue = orders * p["average_price"]
    profit = revenue * ((1.0 - p["return_rate"]) * p["gross_margin"] - p["ad_cost_share"]) - p["platform_cost"]
    return KindArrays(fixed_income=profit * _running(ctx), hours=_hours(ctx, p["support_hours"]),
                      reinvestable=False)


def saas_subscribers(start: np.ndarray, new: np.ndarray, churn: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Closed form of N(t+1) = N(t)(1 - c) + new: N(t) = N* + (N0 - N*)(1 - c)^t with N* = new / c."""
    with np.errstate(divide="ignore", invalid="ignore"):
        steady = np.where(churn > 0, new / churn, 0.0)
        return np.where(churn > 0, steady + (start - steady) * np.power(1.0 - churn, months), start + new * months)


def micro_saas(ctx: KindContext) -> KindArrays:
    """Subscribers: N(t+1) = (N(t)(1 - churn) + new) x (1 - loss on a competitor shock). Revenue =
    N x price (growing by ``price_growth`` a year); profit keeps what hosting and the payment
    provider leave."""
    p = ctx.params
    hits = ctx.market.events(p["shock_probability"])
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
    revenue = subscribers * p["price"] * ctx.grow(p["price_growth"])
    profit = revenue * (1.0 - p["hosting_cost_share"] - p["platform_fee"]) * _running(ctx)
    return KindArrays(fixed_income=profit, hours=_hours(ctx, p["support_hours"]),
                      entry_cost=p["upfront_cost"], reinvestable=False)
