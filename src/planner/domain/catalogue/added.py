"""Parameters kinds gained after plans were first saved with them.

A plan file or JSON document written before a kind gained a parameter lacks it; when read, the
parameter takes the catalogue's default, so older plans load as they are. Add an entry whenever a
kind gains a parameter (key never removed: a document of any age may be read).
"""

from __future__ import annotations

from decimal import Decimal

from planner.domain.catalogue.kinds import StreamKind

#: kind key -> parameters it gained, in the order they were added.
ADDED_PARAMS: dict[str, tuple[str, ...]] = {
    # the store's growth levels off at a market ceiling, and its hours grow with its orders
    "online_store": ("max_orders_per_month", "hours_per_100_orders"),
    # each stay has a cleaning cost
    "short_term_rental": ("cleaning_cost",),
}


def missing_params(kind: StreamKind, present: set[str]) -> dict[str, Decimal]:
    """The defaults of the parameters ``kind`` gained that ``present`` lacks."""
    return {key: kind.param(key).default for key in ADDED_PARAMS.get(kind.key, ()) if key not in present}
