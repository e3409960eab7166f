"""The engine's one record per catalogue kind: every per-kind table the engine keeps is derived
from ``ENGINE_KINDS``, so adding a kind is one entry here (beside its catalogue entry and model).

``tests/unit/engine/test_kind_registry.py`` checks that these keys are exactly the catalogue's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.domain.plan import Household, Stream
from planner.engine.streams import business, capital, pension, property
from planner.engine.streams.base import KindArrays, KindContext

#: ``derive(stream, household) -> {name: value}``: per-stream numbers the model needs that come
#: from outside the stream's own parameters (ages turned into months since the stream's start).
Derive = Callable[[Stream, Household], dict[str, float]]


@dataclass(frozen=True)
class KindEntry:
    """How the engine treats one kind.

    model: turns a group of streams of this kind into their monthly arrays.
    yield_lever, risk_lever: the parameters sensitivity moves for the stream's yield and its risk
        (None: the kind has none).
    fixed_income: earns an amount not proportional to reinvestable capital (property, businesses,
        pensions): never takes new savings, is not marked down by a stress's capital loss, and is
        kept last in the engine's stream order.
    rate_linked: its rates follow the market interest rate, so a stress's rate shift reaches it.
    platform_audience: its income comes from an audience on someone else's platform (search,
        video, stock agencies, stores), so a stress's traffic factor reaches it.
    defi_pool: a DeFi holding; the largest one is hit by a protocol-exploit stress.
    derive: None, or a function of the (scenario's) stream and household giving extra parameters
        that ``engine.inputs.snapshot`` adds to the kind's parameter arrays under their own names
        (pensions: the owner's ages as months since the stream started). Models see only months
        since their stream started, so anything tied to the calendar or the household comes here.
    """

    model: Callable[[KindContext], KindArrays]
    yield_lever: str | None
    risk_lever: str | None
    fixed_income: bool = False
    rate_linked: bool = False
    platform_audience: bool = False
    defi_pool: bool = False
    derive: Derive | None = None


ENGINE_KINDS: dict[str, KindEntry] = {
    "high_yield_savings": KindEntry(capital.high_yield_savings, "apy", "rate_drift", rate_linked=True),
    "certificate_of_deposit": KindEntry(capital.certificate_of_deposit, "apy", "rate_drift", rate_linked=True),
    "bonds": KindEntry(capital.bonds, "bond_yield", "default_rate", rate_linked=True),
    "dividend_stocks": KindEntry(capital.dividend_stocks, "dividend_yield", "volatility"),
    "index_fund": KindEntry(capital.index_fund, "dividend_yield", "volatility"),
    "reit": KindEntry(capital.reit, "dividend_yield", "volatility"),
    "robo_advisor": KindEntry(capital.robo_advisor, "dividend_yield", "volatility"),
    "p2p_lending": KindEntry(capital.p2p_lending, "gross_rate", "default_rate"),
    "real_estate_crowdfunding": KindEntry(capital.real_estate_crowdfunding, "target_yield", "loss_rate"),
    "rental_property": KindEntry(property.rental_property, "monthly_rent", "vacancy", fixed_income=True,
                                 derive=property.rental_derive),
    "short_term_rental": KindEntry(property.short_term_rental, "nightly_rate", "occupancy_volatility",
                                   fixed_income=True),
    "crypto_staking": KindEntry(capital.crypto_staking, "staking_apr", "volatility"),
    "defi_lending": KindEntry(capital.defi_lending, "mean_apy", "exploit_probability", defi_pool=True),
    "liquidity_pool": KindEntry(capital.liquidity_pool, "fee_apr", "exploit_probability", defi_pool=True),
    "trading_bot": KindEntry(capital.trading_bot, "excess_return", "volatility"),
    "digital_collectibles": KindEntry(capital.digital_collectibles, None, "volatility"),
    "digital_product": KindEntry(business.digital_product, "launch_sales", "shock_probability",
                                 fixed_income=True, platform_audience=True),
    "content_site": KindEntry(business.content_site, "revenue_per_1000_visits", "shock_probability",
                              fixed_income=True, platform_audience=True),
    "video_channel": KindEntry(business.video_channel, "revenue_per_1000_views", "shock_probability",
                               fixed_income=True, platform_audience=True),
    "stock_media": KindEntry(business.stock_media, "royalty_per_download", None,
                             fixed_income=True, platform_audience=True),
    "online_store": KindEntry(business.online_store, "orders_per_month", "shock_probability", fixed_income=True),
    "micro_saas": KindEntry(business.micro_saas, "price", "churn", fixed_income=True),
    "state_pension": KindEntry(pension.state_pension, "monthly_amount", "haircut_probability", fixed_income=True,
                               derive=pension.derive_from("claim_age")),
    "workplace_pension": KindEntry(pension.workplace_pension, "monthly_amount", "haircut_probability",
                                   fixed_income=True, derive=pension.derive_from("start_age")),
    "annuity": KindEntry(pension.annuity, "payout_rate", "haircut_probability", fixed_income=True,
                         derive=pension.derive_from(None)),
}


def _kinds_where(flag: Callable[[KindEntry], bool]) -> frozenset[str]:
    return frozenset(key for key, entry in ENGINE_KINDS.items() if flag(entry))


#: ``MODELS[kind_key](context) -> KindArrays``.
MODELS: dict[str, Callable[[KindContext], KindArrays]] = {key: e.model for key, e in ENGINE_KINDS.items()}
#: Kinds that earn money not proportional to reinvestable capital (property, businesses, pensions).
FIXED_INCOME_KINDS = _kinds_where(lambda e: e.fixed_income)
#: Kinds whose rates follow the market's interest rate (and its shift); crypto rates do not.
RATE_KINDS = _kinds_where(lambda e: e.rate_linked)
#: Kinds whose income comes from an audience on someone else's platform.
CREATOR_KINDS = _kinds_where(lambda e: e.platform_audience)
#: DeFi holdings, of which a protocol exploit hits the largest.
DEFI_KINDS = _kinds_where(lambda e: e.defi_pool)
#: Per kind, the parameter that sets its yield and the one that sets its risk (None: it has none).
STREAM_LEVERS: dict[str, tuple[str | None, str | None]] = {
    key: (e.yield_lever, e.risk_lever) for key, e in ENGINE_KINDS.items()}
