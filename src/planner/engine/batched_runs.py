"""Several household runs on one chunk as one run: each stop policy a copy of the chunk's paths,
side by side - the candidates of a stop-month search (lean runs), or a projection's record and its
run following the FI rule.

A household month costs a fixed overhead of numpy calls plus a little per path; on a small chunk
(a few hundred paths) the overhead dominates, so one run over k copies costs far less than k runs.
The paths never interact, so every copy comes out exactly as its own run would (tested). Copies are
limited twice: by ``BATCH_PATHS`` (past it a run's cost grows with its paths and batching gains
little) and by the chunk's memory bound (``MAX_ELEMENTS``, that of one chunk's stream arrays).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from planner.engine.household import ChunkInputs, ChunkRecord, PathOutcome, StopPolicy, run_household

#: Paths (copies x the chunk's paths) one batched run may hold.
BATCH_PATHS = 800
#: The most copies in one run; a search step over k candidates splits a path's range in k + 1.
MAX_COPIES = 7
#: Elements of one (months, streams, paths) array a batched run may hold (as a chunk's).
MAX_ELEMENTS = 8_000_000


def copies_per_run(inputs: ChunkInputs) -> int:
    """How many candidate stop policies one run over this chunk takes at once (1: no batching)."""
    paths, snap = inputs.paths, inputs.snap
    by_memory = MAX_ELEMENTS // max(snap.months * max(snap.stream_count, 1) * paths, 1)
    return max(1, min(MAX_COPIES, BATCH_PATHS // max(paths, 1), by_memory))


def lean_outcomes(inputs: ChunkInputs, stops: list[np.ndarray],
                  should_stop: Callable[[], bool] | None = None,
                  tiles: dict[int, ChunkInputs] | None = None) -> list[PathOutcome]:
    """The outcome of a lean run of each stop policy (each (paths,) stop months) on the same
    chunk, as few runs as ``copies_per_run`` allows. ``tiles`` keeps the chunk's last copies, by
    their number, for the next call on the same chunk (a search's steps): tiling costs as much as
    a few household months."""
    per_run = copies_per_run(inputs)
    tiles = {} if tiles is None else tiles
    outcomes: list[PathOutcome] = []
    for first in range(0, len(stops), per_run):
        group = stops[first:first + per_run]
        if len(group) > 1 and len(group) not in tiles:
            tiles.clear()  # one set of copies at a time: the memory bound is that of one
            tiles[len(group)] = tiled(inputs, len(group))
        batch = inputs if len(group) == 1 else tiles[len(group)]
        outcome = run_household(batch, StopPolicy(np.concatenate(group)), full=False, should_stop=should_stop)
        assert isinstance(outcome, PathOutcome)
        outcomes.extend(split(outcome, len(group)))
    return outcomes


def record_and_rule(inputs: ChunkInputs, stop_month: int, *, monthly: bool = False,
                    should_stop: Callable[[], bool] | None = None) -> tuple[ChunkRecord, PathOutcome]:
    """A projection's two runs of one chunk: the full record of every path stopping in
    ``stop_month``, and the outcome of every path following the FI rule. One run of two copies
    when ``copies_per_run`` allows (the rule's copy rides along unrecorded), else two runs."""
    paths, never = inputs.paths, inputs.snap.months
    record_stop, rule_stop = StopPolicy.at(stop_month, paths), StopPolicy.by_rule(paths, never)
    if copies_per_run(inputs) < 2:
        record = run_household(inputs, record_stop, full=True, should_stop=should_stop, monthly=monthly)
        rule = run_household(inputs, rule_stop, full=False, should_stop=should_stop)
        assert isinstance(record, ChunkRecord) and isinstance(rule, PathOutcome)
        return record, rule
    record = run_household(tiled(inputs, 2), StopPolicy.side_by_side(record_stop, rule_stop), full=True,
                           should_stop=should_stop, monthly=monthly, record_paths=paths)
    assert isinstance(record, ChunkRecord)
    record.outcome, rule = split(record.outcome, 2)
    return record, rule


def tiled(inputs: ChunkInputs, copies: int) -> ChunkInputs:
    """The chunk ``copies`` times over on the path axis (the last axis of every per-path array)."""
    def many(array: np.ndarray | None) -> np.ndarray | None:
        if array is None:
            return None
        return np.tile(array, (1,) * (array.ndim - 1) + (copies,))

    streams = inputs.streams
    streams = replace(streams, growth=many(streams.growth), income_after_tax=many(streams.income_after_tax),
                      fixed_income=many(streams.fixed_income), asset_value=many(streams.asset_value),
                      sale_value=many(streams.sale_value), closed=many(streams.closed))
    return replace(inputs, streams=streams, price_level=many(inputs.price_level), events=many(inputs.events))


def split(outcome: PathOutcome, copies: int) -> list[PathOutcome]:
    """A batched run's outcome back into one outcome per copy."""
    parts = {name: np.split(getattr(outcome, name), copies, axis=-1)
             for name in ("stop_month", "fail_month", "ruin_month", "fi_month", "sold_month", "finite")}
    return [PathOutcome(**{name: pieces[copy] for name, pieces in parts.items()}) for copy in range(copies)]
