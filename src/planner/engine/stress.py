"""Stress tests: named, deterministic shocks laid over a projection from a chosen year.

A stress changes only what it names - the capital or income of streams of some asset classes,
the market interest rate, the price level, or the audience of creator platforms - and leaves
every random draw alone, so a stressed run and an unstressed run with the same seed differ by
the stress and nothing else. The figures and their sources are in docs/what-if.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.domain.calendar import YearMonth
from planner.domain.catalogue import KINDS
from planner.domain.catalogue.kinds import AssetClass
from planner.engine.assembly import ChunkStreams
from planner.engine.inputs import Snapshot
from planner.engine.market import Market, rate_inflation_gain
from planner.engine.streams import CREATOR_KINDS, DEFI_KINDS, FIXED_INCOME_KINDS, RATE_KINDS


@dataclass(frozen=True)
class StressTest:
    """One preset. Every effect starts in the stress's first month; zero/one means "no change".

    capital_loss: share of the capital of capital streams in ``classes`` lost, spread evenly over
        ``loss_months`` (a price fall; it is not made good later).
    income_factor: factor on those streams' income per unit of capital for ``income_months``.
    rate_shift: yearly fraction added to market interest rates (savings, CDs, bonds), reached in
        equal steps over 12 months and kept.
    extra_inflation: yearly inflation added for ``inflation_months``.
    traffic_factor: factor on the audience of creator platforms, kept to the end.
    largest_pool_loss: share of the largest DeFi holding (by starting amount) lost in the first month.
    """

    key: str
    title: str
    claim: str
    source: str
    classes: frozenset[AssetClass] = frozenset()
    capital_loss: float = 0.0
    loss_months: int = 12
    income_factor: float = 1.0
    income_months: int = 0
    rate_shift: float = 0.0
    extra_inflation: float = 0.0
    inflation_months: int = 0
    traffic_factor: float = 1.0
    largest_pool_loss: float = 0.0

    def affected_streams(self, snap: Snapshot) -> np.ndarray:
        """Indexes of the streams whose capital or income this stress changes directly (inflation
        changes what all money is worth, and names none)."""
        if self.largest_pool_loss > 0:
            defi = [i for i, kind in enumerate(snap.kinds) if kind in DEFI_KINDS]
            if not defi:
                return np.zeros(0, dtype=np.int64)
            # ties broken by name, which does not depend on the order the engine keeps streams in
            return np.array([max(defi, key=lambda i: (snap.starting_amount[i], snap.names[i]))], dtype=np.int64)
        def hit(kind: str) -> bool:
            capital = kind not in FIXED_INCOME_KINDS  # property and businesses are not marked down
            return ((capital and KINDS[kind].asset_class in self.classes)
                    or (self.rate_shift != 0 and kind in RATE_KINDS)
                    or (self.traffic_factor != 1.0 and kind in CREATOR_KINDS))

        return np.array([i for i, kind in enumerate(snap.kinds) if hit(kind)], dtype=np.int64)


PRESETS: tuple[StressTest, ...] = (
    StressTest("equity-crash", "2008-like equity crash",
               "every stock and property holding held as capital (dividend stocks, index funds, robo-advisors, "
               "trading bots, REITs, property crowdfunding) loses 40 % over the year; their income falls with "
               "their value; rentals are not marked down",
               "S&P 500 price index -38.5 % and FTSE Nareit All Equity REITs -37.7 % in 2008",
               classes=frozenset({AssetClass.EQUITIES, AssetClass.REAL_ESTATE}), capital_loss=0.40),
    StressTest("rate-shock", "Rate shock",
               "market interest rates rise 3 points over the year and stay there: bond prices fall by "
               "duration x 3 %, savings and CD rates rise",
               "US 2-year Treasury yield rose from 0.7 % to 4.4 % during 2022",
               rate_shift=0.03),
    StressTest("crypto-winter", "Crypto winter",
               "every crypto holding (staking, DeFi lending, liquidity pools, collectibles) loses 80 % over the "
               "year and their yields fall to a quarter for two years",
               "Ether fell about 80 % from November 2021 to June 2022; DeFi lending rates fell from near 10 % "
               "to 2-3 %", classes=frozenset({AssetClass.CRYPTO}), capital_loss=0.80, income_factor=0.25,
               income_months=24),
    StressTest("creator-shock", "Creator-platform shock",
               "traffic and revenue of content sites, video channels, stock media and digital products are "
               "halved for good (their running costs stay)",
               "search and platform updates that halved traffic to many independent sites (2023-2024)",
               traffic_factor=0.5),
    StressTest("high-inflation", "A decade of high inflation",
               "inflation runs 6 points above the plan's rate for ten years: expenses (and savings) grow faster, "
               "as do business and rental income and costs, and market interest rates follow it; money in "
               "today's terms is worth less",
               "US CPI inflation averaged 8.7 % a year from 1973 to 1982", extra_inflation=0.06,
               inflation_months=120),
    StressTest("defi-exploit", "DeFi exploit of the largest pool",
               "the largest DeFi holding (liquidity pool or lending) loses 90 % in one month",
               "typical losses in the largest DeFi exploits, which drain most of a protocol's funds",
               largest_pool_loss=0.90),
)


def preset(key: str) -> StressTest:
    for candidate in PRESETS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


@dataclass(frozen=True)
class StressRun:
    """A stress test starting at ``start_month`` (months from the plan's first month)."""

    test: StressTest
    start_month: int

    def window(self, months: int, length: int) -> slice:
        return slice(min(self.start_month, months), min(self.start_month + length, months))


def apply_to_market(stress: StressRun, market: Market) -> None:
    """The market side (before the stream models run): rates, prices, platform audiences."""
    test, months = stress.test, market.months
    if test.rate_shift:
        # the first step shows from the stress's second month: prices react to next month's change
        steps = np.clip(np.arange(months) - stress.start_month, 0, 12) / 12.0
        market.rate_shift = market.rate_shift + test.rate_shift * steps
    if test.traffic_factor != 1.0:
        traffic = market.traffic.copy()
        traffic[stress.window(months, months)] *= test.traffic_factor
        market.traffic = traffic
    if test.extra_inflation:
        extra = np.zeros(months)
        extra[stress.window(months, test.inflation_months)] = np.log1p(test.extra_inflation) / 12.0
        market.price_level = market.price_level * np.exp(np.concatenate([[0.0], np.cumsum(extra)]))[:, None]
        # market rates follow the extra inflation as they follow any (Fisher), unless history sets them
        if not market.rates_replayed:
            market.rate_inflation = market.rate_inflation + rate_inflation_gain(extra[:, None])


def apply_to_streams(stress: StressRun, snap: Snapshot, streams: ChunkStreams) -> None:
    """The stream side (after assembly): capital losses and income cuts of the streams named."""
    test, months = stress.test, snap.months
    if not (test.capital_loss or test.income_factor != 1.0 or test.largest_pool_loss):
        return
    rows = test.affected_streams(snap)
    rows = rows[streams.reinvestable[rows]] if rows.size else rows  # capital streams only
    if not rows.size:
        return
    if test.income_factor != 1.0:
        window = stress.window(months, test.income_months)
        cut = streams.income_after_tax[window][:, rows] * (1.0 - test.income_factor)
        streams.income_after_tax[window, rows] -= cut
        reinvesting = streams.reinvests[rows]
        streams.growth[window, rows] -= cut * reinvesting[None, :, None]
    if test.capital_loss:
        window = stress.window(months, test.loss_months)
        length = max(window.stop - window.start, 1)
        streams.growth[window, rows] *= (1.0 - test.capital_loss) ** (1.0 / length)
    if test.largest_pool_loss:
        window = stress.window(months, 1)
        streams.growth[window, rows] *= 1.0 - test.largest_pool_loss


def start_month_of(snap: Snapshot, year: int | None) -> int:
    """Months from the plan start to January of ``year`` (None, or the plan's first year: at once).
    ValueError for a year outside the projection."""
    first, last = snap.start_year, snap.start_year + (snap.months + snap.start_month - 2) // 12
    year = first if year is None else year
    if not first <= year <= last:
        raise ValueError(f"the stress year must be within the projection, {first} to {last}, not {year}")
    return max(YearMonth(snap.start_year, snap.start_month).months_until_year(year), 0)
