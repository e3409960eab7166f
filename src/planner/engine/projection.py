"""Run a projection: a generator of partial results over chunks of paths.

The first chunk is small so a chart can appear at once; later chunks are sized to keep memory
bounded. Each chunk draws from its own seeded stream (seed, chunk number), so a run is
reproducible, every path differs, and a consumer may stop between chunks (close the generator
or pass ``should_stop``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as WaitTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from planner.domain.enums import ReturnModel
from planner.engine.assembly import Buffers, ChunkStreams, StreamSchedule, assemble, engine_order
from planner.engine.batched_runs import lean_outcomes, record_and_rule
from planner.engine.errors import OVERFLOW_MESSAGE, ProjectionError, RunCancelled
from planner.engine.fi_tests import Expectations, expectations
from planner.engine.history import ReturnsTable, as_it_happened_rows, bootstrap_rows, replay_rows
from planner.engine.household import (
    ChunkInputs,
    ChunkRecord,
    StopPolicy,
    allocation_weights,
    run_household,
)
from planner.engine.inputs import Snapshot, reordered
from planner.engine.life import LifeDraws
from planner.engine.market import Market, build_market
from planner.engine.metrics import Accumulator, ChunkResult, Projection
from planner.engine.stop_search import confident_month, confirmed_month, earliest_stops, success_by_stop
from planner.engine.stream_risk import yield_and_risk
from planner.engine.stress import StressRun, apply_to_market, apply_to_streams
from planner.engine.workers import (
    LazyCall,
    cancel,
    new_run_id,
    reset_pool,
    shared_pool,
    worker_count,
    worker_should_stop,
)

DETERMINISTIC = "deterministic"
MONTE_CARLO = "montecarlo"
MODES = (DETERMINISTIC, MONTE_CARLO)
FIRST_CHUNK_PATHS = 250
#: Elements of one (months, paths, streams) array a chunk may hold; two such arrays dominate memory.
CHUNK_ELEMENTS = 8_000_000
MAX_PATHS = 1_000_000
#: Per-path results kept for exact percentiles: paths x years may not exceed this.
MAX_PATH_YEARS = 20_000_000
#: The same for monthly figures (four float32 per path and month: 25 million is 400 MB).
MAX_PATH_MONTHS = 25_000_000
OVERFLOW_CHECKED = ("net_worth", "net_worth_real", "income", "income_real", "stream_outcome_real")
#: Leading paths whose earliest successful stop month is searched: they give the success of every
#: stop month (the curve). The confident month itself is then confirmed by exact runs on every path.
SEARCH_PATHS = 2000
#: Stop months each later chunk runs exactly, around the searched estimate of the confident month
#: (the confirmation asks for the estimate and the month before it first).
WINDOW_BEFORE, WINDOW_AFTER = 2, 1
#: How often a run waiting on a worker checks its consumer's ``should_stop`` (seconds).
POLL_SECONDS = 0.02
HISTORICAL_MODELS = (ReturnModel.HISTORICAL_REPLAY, ReturnModel.BLOCK_BOOTSTRAP, ReturnModel.HISTORICAL)


@dataclass(frozen=True)
class RunOptions:
    """How to run. Every run projects the plan stopping at ``stop_month`` (None: the household's
    target age) and following the FI rule; ``search`` also finds each path's earliest successful
    stop month, which gives the success of every stop month and the headline's confident month."""

    mode: str = MONTE_CARLO
    paths: int | None = None  # None: the plan's own setting
    seed: int | None = None
    history: ReturnsTable | None = None
    monthly: bool = False  # also keep month-by-month figures (Projection.monthly)
    stress: StressRun | None = None  # a stress test laid over every path
    stop_month: int | None = None  # months from the plan start; None: the snapshot's target stop month
    search: bool = False
    rule: bool = True  # also run the plan following the FI rule (the FI dates and their success)


@dataclass(frozen=True)
class Partial:
    """Progress after a chunk. ``projection()`` summarizes the paths finished so far."""

    paths_done: int
    paths_total: int
    accumulator: Accumulator

    @property
    def finished(self) -> bool:
        return self.paths_done >= self.paths_total

    def projection(self) -> Projection:
        return self.accumulator.projection(self.paths_done)


def chunk_sizes(paths: int, months: int, streams: int) -> list[int]:
    """A small first chunk, then chunks that keep a (months, paths, streams) array bounded."""
    regular = max(64, min(2000, CHUNK_ELEMENTS // max(months * max(streams, 1), 1)))
    sizes = [min(FIRST_CHUNK_PATHS, paths)]
    remaining = paths - sizes[0]
    while remaining > 0:
        sizes.append(min(regular, remaining))
        remaining -= sizes[-1]
    return sizes


def run(snap: Snapshot, options: RunOptions = RunOptions(),
        should_stop: Callable[[], bool] | None = None) -> Iterator[Partial]:
    """Yield a Partial after each chunk; the last one has every path."""
    _check_mode(options)
    paths = _path_count(snap, options)
    if should_stop is not None and should_stop():
        return
    try:
        yield from _ChunkedRun(snap, options, paths, should_stop).partials()
    except RunCancelled:  # a chunk saw should_stop mid-way; the chunks still running see it too
        return


def _check_mode(options: RunOptions) -> None:
    if options.mode not in MODES:
        raise ProjectionError(f"unknown mode {options.mode!r}; use {' or '.join(MODES)}")


def _path_count(snap: Snapshot, options: RunOptions) -> int:
    """How many paths the run simulates; refuses what cannot run or would not fit in memory."""
    deterministic = options.mode == DETERMINISTIC
    model, history = snap.return_model, options.history
    if not deterministic and model in HISTORICAL_MODELS and history is None:
        raise ProjectionError(f"the {model.value.replace('_', ' ')} return model needs a returns table "
                              "(planner simulate --returns FILE)")
    if deterministic:
        paths = 1
    elif model is ReturnModel.HISTORICAL_REPLAY:
        paths = history.rows  # every historical start month
    elif model is ReturnModel.HISTORICAL:
        paths = history.as_it_happened_starts(snap.months)  # every start with the whole plan after it
        if paths == 0:
            raise ProjectionError(f"history as it happened needs {snap.years} years of history after a start month, "
                                  f"and {history.name} has {history.rows // 12}; shorten the plan or use "
                                  "historical_replay, which wraps around")
    else:
        paths = snap.paths if options.paths is None else options.paths
    if not 1 <= paths <= MAX_PATHS:
        raise ProjectionError(f"paths must be 1 to {MAX_PATHS:,}, not {paths:,}")
    if paths * snap.years > MAX_PATH_YEARS:
        raise ProjectionError(f"{paths:,} paths over {snap.years} years is more than this computer is asked to "
                              f"hold ({MAX_PATH_YEARS:,} path-years); use fewer paths or years")
    if options.monthly and paths * snap.months > MAX_PATH_MONTHS:
        raise ProjectionError(f"a monthly table of {paths:,} paths over {snap.years} years is more than this "
                              f"computer is asked to hold ({MAX_PATH_MONTHS:,} path-months); use fewer paths or "
                              "years, or the yearly table")
    return paths


@dataclass(frozen=True)
class _Shared:
    """What every chunk of a run shares, fixed by the first chunk's models."""

    weights: np.ndarray
    expect: Expectations


class _ChunkedRun:
    """One run's fixed inputs (the snapshot in engine order, its chunks and seed) and its steps:
    build a chunk's inputs, simulate a chunk, search its stop months, confirm the headline."""

    def __init__(self, snap: Snapshot, options: RunOptions, paths: int,
                 should_stop: Callable[[], bool] | None) -> None:
        self.options, self.paths, self.should_stop = options, paths, should_stop
        self.deterministic = options.mode == DETERMINISTIC
        self.model = snap.return_model
        self.seed = snap.seed if options.seed is None else options.seed
        self.history = options.history
        self.target_month = snap.target_stop_month
        if options.stop_month is not None:
            snap = snap.with_stop(options.stop_month)
        self.order = engine_order(snap)
        self.user_snap, self.snap = snap, reordered(snap, self.order)
        self.schedule = StreamSchedule.of(self.snap)
        self.sizes = [1] if self.deterministic else chunk_sizes(paths, self.snap.months, self.snap.stream_count)
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)])
        self.searched_chunks = int((self.offsets[:-1] < SEARCH_PATHS).sum()) if options.search else 0
        self.window: list[int] | None = None  # set once the searched chunks are in
        self.counts: dict[int, dict[int, int]] = {}  # chunk -> stop month -> paths that succeed
        self.buffers: Buffers | None = None
        # a run of one chunk keeps its inputs for the confirmation's runs (built again, they would
        # come out the same from the same seed; several chunks share buffers, so they are rebuilt)
        self.only_chunk: tuple[ChunkStreams, Market] | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.run_id = 0

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process needs: the consumer's ``should_stop``, the pool and the buffers stay here."""
        return {**self.__dict__, "should_stop": None, "pool": None, "buffers": None, "counts": {}, "only_chunk": None}

    def chunk_inputs(self, number: int) -> tuple[ChunkStreams, Market]:
        """One chunk's market and streams, from its own seeded random stream."""
        if self.only_chunk is not None:
            return self.only_chunk
        snap, options, history, model = self.snap, self.options, self.history, self.model
        if self.buffers is None:
            self.buffers = Buffers()
        size, offset = self.sizes[number], int(self.offsets[number])
        rng = np.random.default_rng([self.seed, number])
        rows = None
        if not self.deterministic and model is ReturnModel.HISTORICAL_REPLAY:
            rows = replay_rows(history.rows, snap.months, offset, size)
        elif not self.deterministic and model is ReturnModel.BLOCK_BOOTSTRAP:
            rows = bootstrap_rows(history.rows, snap.months, size, rng)
        elif not self.deterministic and model is ReturnModel.HISTORICAL:
            rows = as_it_happened_rows(snap.months, offset, size)
        market = build_market(snap.months, size, snap.inflation, model, rng, self.deterministic, rows,
                              history if rows is not None else None)
        if options.stress is not None:
            apply_to_market(options.stress, market)
        market.life_events = LifeDraws.draw(snap.life, market.price_level, self.seed, number, self.deterministic).events
        streams = assemble(snap, self.schedule, market, self.buffers, self.should_stop)
        if options.stress is not None:
            apply_to_streams(options.stress, snap, streams)
        if len(self.sizes) == 1:
            self.only_chunk = streams, market
        return streams, market

    def household_inputs(self, streams: ChunkStreams, market: Market, shared: _Shared) -> ChunkInputs:
        return ChunkInputs(self.snap, self.schedule, streams, market.price_level, shared.weights, shared.expect,
                           market.life_events)

    def simulate(self, streams: ChunkStreams, market: Market, shared: _Shared, search: bool) -> ChunkResult:
        """The plan stopping at its stop month (full record), following the FI rule, and, with
        ``search``, each path's earliest successful stop month - all on the same markets and streams."""
        size, inputs = market.paths, self.household_inputs(streams, market, shared)
        rule = None
        if self.options.rule:  # both on the same paths, as one run where the chunk is small
            record, rule = record_and_rule(inputs, self.snap.target_stop_month, monthly=self.options.monthly,
                                           should_stop=self.should_stop)
        else:
            record = run_household(inputs, StopPolicy.at(self.snap.target_stop_month, size), full=True,
                                   should_stop=self.should_stop, monthly=self.options.monthly)
            assert isinstance(record, ChunkRecord)
        _checked(record)
        if market.shocks is not None:
            record.market_shock = market.shocks.mean(axis=1).T
        result = ChunkResult(record, rule, None)
        if search:
            result.earliest = self.search_chunk(streams, market, shared, result)
        return result

    def search_chunk(self, streams: ChunkStreams, market: Market, shared: _Shared,
                     result: ChunkResult) -> np.ndarray:
        known = (result.record.outcome,) if result.rule is None else (result.record.outcome, result.rule)
        return earliest_stops(self.household_inputs(streams, market, shared), known, self.should_stop)

    def simulate_chunk(self, number: int, shared: _Shared, window: list[int]) -> ChunkResult:
        """A chunk's runs; the leading chunks are searched, later ones run the stop months of ``window``."""
        streams, market = self.chunk_inputs(number)
        result = self.simulate(streams, market, shared, search=number < self.searched_chunks)
        if window:
            counts = _count_successes(self.household_inputs(streams, market, shared), window, self.should_stop)
            result.stop_counts = dict(zip(window, counts, strict=True))
        return result

    def successes(self, number: int, months: list[int], shared: _Shared) -> list[int]:
        """Paths of one chunk that succeed when every path stops in each of ``months``."""
        streams, market = self.chunk_inputs(number)
        return _count_successes(self.household_inputs(streams, market, shared), months, self.should_stop)

    def confirm(self, accumulator: Accumulator, shared: _Shared) -> None:
        """Confirm the estimated confident month by exact runs of the months around it (all paths):
        later chunks ran the window's months with their projection; the rest run now, in one more
        pass over the chunks that lack a month asked (with the window, on the first pass)."""
        def exact(months: list[int]) -> dict[int, float]:
            missing = {}
            for number in range(len(self.sizes)):
                known = self.counts.setdefault(number, {})
                if any(month not in known for month in months):
                    missing[number] = sorted(set(months) | set(self.window or ()) - set(known))
            calls = {number: self.call(_successes_task, self.successes, number, wanted, shared)
                     for number, wanted in missing.items()}
            for number, call in calls.items():
                self.counts[number].update(zip(missing[number], self.wait(call), strict=True))
            return {month: sum(self.counts[number][month] for number in range(len(self.sizes))) / self.paths
                    for month in months}

        curve = success_by_stop(accumulator.earliest[:accumulator.searched], self.snap.months)
        accumulator.confirm(*confirmed_month(curve, self.snap.confidence, exact))

    def window_around(self, accumulator: Accumulator) -> list[int]:
        """The stop months around the searched paths' estimate of the confident month."""
        months = self.snap.months
        curve = success_by_stop(accumulator.earliest[:accumulator.searched], months)
        month = confident_month(curve, self.snap.confidence)
        month = months - 1 if month is None else month
        return [m for m in range(month - WINDOW_BEFORE, month + WINDOW_AFTER + 1) if 0 <= m < months]

    def shared(self, streams: ChunkStreams, market: Market) -> _Shared:
        """From the first chunk's models: the allocation weights and FI expectations every chunk uses."""
        snap, schedule = self.snap, self.schedule
        weights = allocation_weights(snap, schedule, streams.reinvestable)
        expect = _expectations(snap, schedule, streams, market) if self.deterministic else \
            _expectations(snap, schedule)
        return _Shared(weights, expect)

    def start(self, streams: ChunkStreams, market: Market) -> tuple[_Shared, Accumulator]:
        """The chunks' shared inputs, and the accumulator with each stream's hours, yield and risk."""
        snap, schedule, options = self.snap, self.schedule, self.options
        hours = _total_hours(snap, schedule, streams.kind_hours)
        yield_rate, risk = yield_and_risk(snap, schedule, streams, market.price_level)
        accumulator = Accumulator(self.user_snap, order=self.order, paths_total=self.paths, mode=options.mode,
                                  model=self.model.value, seed=self.seed, hours=hours, yield_rate=yield_rate,
                                  risk=risk, monthly=options.monthly, search=options.search,
                                  target_month=self.target_month)
        if self.model is ReturnModel.HISTORICAL and not self.deterministic:
            starts = tuple(self.history.month_text(row) for row in range(self.paths))
            accumulator.history_starts = (self.history.name, starts)
        return self.shared(streams, market), accumulator

    def stop_success(self, shared: _Shared | None = None) -> tuple[float, _Shared]:
        """The share of paths that succeed stopping in the target stop month, from lean runs of
        every chunk (later chunks in the workers); and the chunks' shared inputs, for another call
        whose plan differs only in what changes no model (``StopSuccess``)."""
        first_streams, first_market = self.chunk_inputs(0)
        shared = shared or self.shared(first_streams, first_market)
        month = [self.snap.target_stop_month]
        self.pool = shared_pool() if len(self.sizes) > 1 else None
        self.run_id = new_run_id()
        calls = {number: self.call(_successes_task, self.successes, number, month, shared)
                 for number in range(1, len(self.sizes))}
        try:
            inputs = self.household_inputs(first_streams, first_market, shared)
            succeeded = _count_successes(inputs, month, self.should_stop)[0]
            succeeded += sum(self.wait(calls.pop(number))[0] for number in range(1, len(self.sizes)))
        finally:
            for call in calls.values():
                call.cancel()
            cancel(self.run_id)
        return succeeded / self.paths, shared

    def partials(self) -> Iterator[Partial]:
        first_streams, first_market = self.chunk_inputs(0)  # the models' outputs fix the weights and hours
        shared, accumulator = self.start(first_streams, first_market)
        sellable, paths, search = first_streams.sellable, self.paths, self.options.search
        self.pool = shared_pool() if len(self.sizes) > 1 else None
        self.run_id = new_run_id()
        # Later chunks go to the workers at once; this process runs the small first chunk meanwhile
        # and shows its projection before its search, so a chart appears at once. Results are taken
        # in chunk order, so they never depend on timing or on the number of workers.
        pending: dict[int, Future[ChunkResult] | LazyCall] = {}
        try:
            self.submit_ahead(pending, 1, shared)
            first_record = self.simulate(first_streams, first_market, shared, search=False)
            for number in range(len(self.sizes)):
                if number > 0 and self.stopped():
                    return
                self.submit_ahead(pending, number, shared)
                result = first_record if number == 0 else self.wait(pending.pop(number))
                accumulator.add(result, sellable)
                if result.stop_counts is not None:
                    self.counts[number] = result.stop_counts
                yield Partial(int(self.offsets[number + 1]), paths, accumulator)
                if number == 0 and search:
                    accumulator.add_earliest(0, self.search_chunk(first_streams, first_market, shared, first_record))
                    del first_streams, first_market
                    yield Partial(int(self.offsets[1]), paths, accumulator)
                if search and number + 1 == self.searched_chunks < len(self.sizes):  # later chunks follow
                    self.window = self.window_around(accumulator)
            if search and not self.stopped():
                self.confirm(accumulator, shared)
                yield Partial(paths, paths, accumulator)
        finally:
            for call in pending.values():
                call.cancel()
            cancel(self.run_id)  # chunks still running in a worker stop at their next month

    def submit_ahead(self, pending: dict[int, Future[ChunkResult] | LazyCall], number: int, shared: _Shared) -> None:
        """Keep the chunks from ``number`` on queued, one more than there are workers (the first is done
        apart). Chunks after the searched ones wait for the window the searched ones give."""
        ahead = 1 if self.pool is None else worker_count() + 1
        known = len(self.sizes) if self.window is not None or not self.searched_chunks else self.searched_chunks
        for later in range(max(number, 1), min(number + ahead, known)):
            if later not in pending:
                window = self.window if self.window is not None and later >= self.searched_chunks else []
                pending[later] = self.call(_chunk_task, self.simulate_chunk, later, shared, window)

    def call(self, task: Callable[..., Any], method: Callable[..., Any], *args: Any) -> Future[Any] | LazyCall:
        """``method(*args)`` of this run: as ``task`` in a worker process, or lazily here without a pool."""
        if self.pool is None:
            return LazyCall(method, *args)
        return self.pool.submit(task, self, self.run_id, *args)

    def wait(self, call: Future[Any] | LazyCall) -> Any:
        """A call's result; while it runs in a worker, a consumer's stop cancels the run."""
        if isinstance(call, LazyCall):
            return call.result()
        while True:
            try:
                return call.result(timeout=POLL_SECONDS)
            except WaitTimeout:
                if self.stopped():
                    cancel(self.run_id)
                    raise RunCancelled() from None
            except BrokenProcessPool:
                reset_pool()
                raise ProjectionError("a projection worker process stopped unexpectedly (out of memory?); "
                                      "try again with fewer paths") from None

    def stopped(self) -> bool:
        return self.should_stop is not None and self.should_stop()


def worker_ready() -> None:
    """Nothing: a worker that takes this task imports the engine (``workers.warm``)."""


def _chunk_task(run: _ChunkedRun, run_id: int, number: int, shared: _Shared, window: list[int]) -> ChunkResult:
    """In a worker: simulate one chunk of the run."""
    run.should_stop = worker_should_stop(run_id)
    return run.simulate_chunk(number, shared, window)


def _successes_task(run: _ChunkedRun, run_id: int, number: int, months: list[int], shared: _Shared) -> list[int]:
    """In a worker: one chunk's successes for each stop month asked."""
    run.should_stop = worker_should_stop(run_id)
    return run.successes(number, months, shared)


def _count_successes(inputs: ChunkInputs, months: list[int], should_stop: Callable[[], bool] | None) -> list[int]:
    """Paths that succeed when every path stops in each of ``months`` (lean runs on the same draws);
    a run whose money outgrew float64 is refused, as a full run's record is (``_checked``)."""
    stops = [np.full(inputs.paths, month, dtype=np.int64) for month in months]
    outcomes = lean_outcomes(inputs, stops, should_stop)
    if not all(outcome.finite.all() for outcome in outcomes):
        raise ProjectionError(OVERFLOW_MESSAGE)
    return [int(outcome.success.sum()) for outcome in outcomes]


def _checked(record: ChunkRecord) -> ChunkRecord:
    """Refuse a run whose money outgrew float64 (about 10^308) rather than show infinities."""
    if not all(np.isfinite(getattr(record, name)).all() for name in OVERFLOW_CHECKED):
        raise ProjectionError(OVERFLOW_MESSAGE)
    return record


def project(snap: Snapshot, options: RunOptions = RunOptions()) -> Projection:
    """Run to the end and return the full result."""
    partials = list(run(snap, options))
    return partials[-1].projection()


def stop_success(snap: Snapshot, options: RunOptions = RunOptions()) -> float:
    """``project(snap, options).success_probability`` (stopping in the target stop month, or
    ``options.stop_month``) from lean runs alone: no record, bands, FI rule or search."""
    return StopSuccess(snap, options)()


class StopSuccess:
    """``stop_success`` of one plan as its monthly saving and expenses move: a goal seek's runs,
    which read nothing but the success. Neither amount changes a random draw, a stream model or the
    FI expectations, so every call shares one run: a run of one chunk builds its market and streams
    once (``_ChunkedRun.only_chunk``), and the allocation weights and expectations are kept."""

    def __init__(self, snap: Snapshot, options: RunOptions) -> None:
        _check_mode(options)
        options = replace(options, search=False, rule=False, monthly=False)
        self._run = _ChunkedRun(snap, options, _path_count(snap, options), None)
        self._shared: _Shared | None = None

    def __call__(self, monthly_savings: float | None = None, monthly_expenses: float | None = None) -> float:
        run = self._run
        if monthly_savings is not None:
            run.snap = replace(run.snap, monthly_savings=float(monthly_savings))
        if monthly_expenses is not None:
            run.snap = replace(run.snap, monthly_expenses=float(monthly_expenses))
        success, self._shared = run.stop_success(self._shared)
        return success


def _expectations(snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams | None = None,
                  market: Market | None = None) -> Expectations:
    """The FI tests' expectations from the expected path (that of the chunk itself when it is one)."""
    if streams is None or market is None:
        market = build_market(snap.months, 1, snap.inflation, snap.return_model, np.random.default_rng(0), True)
        streams = assemble(snap, schedule, market, Buffers())
    return expectations(snap, streams, market.price_level)


def _total_hours(snap: Snapshot, schedule: StreamSchedule, kind_hours: np.ndarray) -> np.ndarray:
    """Hours of work per stream over the horizon: each month the larger of the upkeep the user
    entered and the hours the kind's own parameters imply (never both), plus up-front hours."""
    monthly = np.maximum(kind_hours, snap.upkeep_hours[None, :]) * schedule.active
    upfront = np.zeros(snap.stream_count)
    for group in snap.groups:
        if "upfront_hours" in group.params:
            upfront[group.rows] = group.params["upfront_hours"]
    return monthly.sum(axis=0) + upfront * schedule.active.any(axis=0)
