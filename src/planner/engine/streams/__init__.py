"""One model per catalogue kind; ``MODELS[kind_key](context) -> KindArrays``."""

from __future__ import annotations

from collections.abc import Callable

from planner.engine.streams import business, capital, property
from planner.engine.streams.base import KindArrays, KindContext

MODELS: dict[str, Callable[[KindContext], KindArrays]] = {
    "high_yield_savings": capital.high_yield_savings,
    "certificate_of_deposit": capital.certificate_of_deposit,
    "bonds": capital.bonds,
    "dividend_stocks": capital.dividend_stocks,
    "index_fund": capital.index_fund,
    "reit": capital.reit,
    "robo_advisor": capital.robo_advisor,
    "p2p_lending": capital.p2p_lending,
    "real_estate_crowdfunding": capital.real_estate_crowdfunding,
    "rental_property": property.rental_property,
    "short_term_rental": property.short_term_rental,
    "crypto_staking": capital.crypto_staking,
    "defi_lending": capital.defi_lending,
    "liquidity_pool": capital.liquidity_pool,
    "trading_bot": capital.trading_bot,
    "digital_collectibles": capital.digital_collectibles,
    "digital_product": business.digital_product,
    "content_site": business.content_site,
    "video_channel": business.video_channel,
    "stock_media": business.stock_media,
    "online_store": business.online_store,
    "micro_saas": business.micro_saas,
}

#: Kinds that earn money not proportional to reinvestable capital (property and businesses).
FIXED_INCOME_KINDS = frozenset({"rental_property", "short_term_rental", "digital_product", "content_site",
                                "video_channel", "stock_media", "online_store", "micro_saas"})
