"""The stream catalogue: every kind of product or side business a plan can hold.

Each kind says how it pays, what can go wrong, how passive it is, and which parameters it takes,
with units, bounds, defaults and where each default comes from. Defaults are assumptions the
user owns, never advice.
"""

from __future__ import annotations

from decimal import Decimal

from planner.domain.catalogue.capital import CAPITAL_KINDS
from planner.domain.catalogue.effort import EFFORT_KINDS
from planner.domain.catalogue.kinds import AssetClass, Basis, StreamKind
from planner.domain.catalogue.pension import OWNER, PENSION_KINDS

#: All kinds in the order the catalogue lists them (capital-based, effort-based, then entitlements).
ALL_KINDS: tuple[StreamKind, ...] = CAPITAL_KINDS + EFFORT_KINDS + PENSION_KINDS
KINDS: dict[str, StreamKind] = {kind.key: kind for kind in ALL_KINDS}

if len(KINDS) != len(ALL_KINDS):  # pragma: no cover - guards the tables against a copy-paste slip
    raise RuntimeError("two stream kinds share a key")


#: Kinds that are property: sold at their end month or as a last resort, less their selling costs.
PROPERTY_KINDS: frozenset[str] = frozenset(k.key for k in ALL_KINDS if any(p.key == "selling_cost" for p in k.params))
#: Kinds that belong to one adult (pensions): their ``adult`` parameter names the first (1) or the partner (2).
OWNED_KINDS: frozenset[str] = frozenset(k.key for k in ALL_KINDS if any(p.key == OWNER for p in k.params))


#: Parameters kinds gained after plan format 3 (schema 0004): a stream written or stored before
#: lacks them and takes the catalogue default. Add an entry whenever a kind gains a parameter
#: (never remove one: a document of any age may be read).
ADDED_PARAMS: dict[str, tuple[str, ...]] = {
    "real_estate_crowdfunding": ("volatility",),  # moves with the real-estate market
    "online_store": ("max_orders_per_month", "hours_per_100_orders"),  # growth levels off; hours follow orders
    "short_term_rental": ("cleaning_cost",),  # each stay has a cleaning cost
}


def completed_params(kind_key: str, params: tuple[tuple[str, Decimal], ...]) -> tuple[tuple[str, Decimal], ...]:
    """A stream's parameters with the default of each one its kind gained after the stream was
    written, in catalogue order (an older plan file loads unchanged otherwise)."""
    added = [key for key in ADDED_PARAMS.get(kind_key, ()) if key not in dict(params)]
    if not added:
        return params
    given = dict(params) | {key: KINDS[kind_key].param(key).default for key in added}
    return tuple((spec.key, given[spec.key]) for spec in KINDS[kind_key].params if spec.key in given)


def kind(key: str) -> StreamKind:
    """The kind with this key; KeyError names the unknown key."""
    return KINDS[key]


__all__ = ["ADDED_PARAMS", "ALL_KINDS", "KINDS", "OWNED_KINDS", "OWNER", "PROPERTY_KINDS", "AssetClass", "Basis",
           "StreamKind", "completed_params", "kind"]
