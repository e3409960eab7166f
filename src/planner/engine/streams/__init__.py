"""One model per catalogue kind; ``MODELS[kind_key](context) -> KindArrays``. Every per-kind table
comes from the one record per kind in ``registry.ENGINE_KINDS``."""

from __future__ import annotations

from planner.engine.streams.base import KindArrays, KindContext
from planner.engine.streams.registry import (
    CREATOR_KINDS,
    DEFI_KINDS,
    ENGINE_KINDS,
    FIXED_INCOME_KINDS,
    MODELS,
    RATE_KINDS,
    STREAM_LEVERS,
    KindEntry,
)

__all__ = ["CREATOR_KINDS", "DEFI_KINDS", "ENGINE_KINDS", "FIXED_INCOME_KINDS", "MODELS", "RATE_KINDS",
           "STREAM_LEVERS", "KindArrays", "KindContext", "KindEntry"]
