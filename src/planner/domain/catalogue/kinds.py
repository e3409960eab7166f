"""The record that describes one kind of income stream."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planner.domain.enums import IncomePolicy, Sleeve, TaxCategory
from planner.domain.fields import FieldSpec


class Basis(StrEnum):
    """Capital-based streams earn on money invested; effort-based ones on work done up front;
    entitlements are a promise paid by a state, employer or insurer (pensions, annuities)."""

    CAPITAL = "capital"
    EFFORT = "effort"
    ENTITLEMENT = "entitlement"


class AssetClass(StrEnum):
    """The market a stream's price and rate shocks come from (the engine correlates these)."""

    CASH = "cash"
    BONDS = "bonds"
    EQUITIES = "equities"
    REAL_ESTATE = "real_estate"
    CRYPTO = "crypto"
    BUSINESS = "business"
    #: Promised payments (pensions, annuities) have no market of their own: they move with the
    #: price level only as far as their indexation says.
    ENTITLEMENT = "entitlement"


@dataclass(frozen=True)
class StreamKind:
    """One entry of the catalogue.

    key: identifier stored in plan files (never renamed once released).
    name: shown to users.
    summary: one sentence on what it is.
    income: how it pays.
    risks: what the simulation does to it when things go wrong.
    passivity: how much work it takes once running, in plain words.
    basis: capital-based, effort-based or an entitlement.
    asset_class: the market it moves with.
    params: the kind's own parameters, in editor order.
    sleeve, tax_category, income_policy: defaults for a new stream of this kind.
    upkeep_hours: default monthly hours of upkeep.
    starting_amount, monthly_contribution: defaults for a new stream of this kind.
    """

    key: str
    name: str
    summary: str
    income: str
    risks: str
    passivity: str
    basis: Basis
    asset_class: AssetClass
    params: tuple[FieldSpec, ...]
    sleeve: Sleeve
    tax_category: TaxCategory
    income_policy: IncomePolicy
    upkeep_hours: Decimal
    starting_amount: Decimal
    monthly_contribution: Decimal

    def param(self, key: str) -> FieldSpec:
        for candidate in self.params:
            if candidate.key == key:
                return candidate
        raise KeyError(f"{self.name} has no parameter {key!r}")

    def defaults(self) -> tuple[tuple[str, Decimal], ...]:
        return tuple((p.key, p.default) for p in self.params)
