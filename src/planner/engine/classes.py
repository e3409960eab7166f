"""The market's shock classes, shared by the market model and the returns table."""

from __future__ import annotations

#: Shock classes, in the order of market.CORRELATION and of the shock arrays.
CLASSES = ("rates", "equities", "real_estate", "crypto", "inflation")
RATES, EQUITIES, REAL_ESTATE, CRYPTO, INFLATION = range(len(CLASSES))
