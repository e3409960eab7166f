"""Measured figures for `planner bench`: how fast the engine runs and how much memory it takes.

Figures are printed, never asserted: speed depends on the machine (see benchmarks/README.md).
"""

from __future__ import annotations

import resource
import time
from dataclasses import replace

import numpy as np

from planner.domain.calendar import YearMonth
from planner.domain.defaults import new_stream
from planner.domain.demo import demo_plan
from planner.domain.plan import Plan
from planner.domain.validation import validate_plan
from planner.engine.inputs import Snapshot, snapshot
from planner.engine.projection import RunOptions, project, run, worker_ready
from planner.engine.workers import warm, worker_count

#: Kinds added to the demo plan's 14 streams to make the 20-stream benchmark plan.
EXTRA_KINDS = ("dividend_stocks", "robo_advisor", "real_estate_crowdfunding", "defi_lending", "video_channel",
               "online_store")


def bench_plan(streams: int = 20, years: int | None = None) -> Plan:
    """The demo plan, with more streams of other kinds until it has ``streams`` of them; run over
    ``years`` whole years (both adults planning to the same year) when given, else to its own ages."""
    plan = demo_plan(YearMonth(2027, 1))
    extra = []
    for number in range(max(streams - len(plan.streams), 0)):
        kind = EXTRA_KINDS[number % len(EXTRA_KINDS)]
        extra.append(new_stream(kind, f"Bench {number + 1} ({kind})", plan.start, uid=f"bench{number + 1}"))
    plan = replace(plan, streams=(plan.streams + tuple(extra))[:streams])
    if years is None:
        return plan
    last_year, household = plan.start.year + years - 1, plan.household
    plan = replace(plan, household=replace(household, plan_until_age=last_year - household.birth_year,
                                           partner_plan_until_age=last_year - household.partner_birth_year))
    problems = validate_plan(plan)
    if problems:  # ages the plan does not allow: said in the words of the option
        raise ValueError(f"{years} years of the bench plan end at ages it does not allow: {problems[0].message}")
    return plan


def _resident_megabytes() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def bench_engine(paths: int = 10_000, years: int = 40, streams: int = 20, seed: int = 1) -> dict[str, object]:
    """The synthetic plan of ``streams`` streams (``bench_synthetic``), then the demo plan itself
    over the same years: its answer is what `planner simulate` computes."""
    warm(worker_ready, wait=True)  # the worker processes start once per process, not per run
    figures = bench_synthetic(paths, years, streams, seed)
    figures["demo"] = bench_demo(paths, years, seed)
    return figures


def bench_demo(paths: int, years: int, seed: int = 1) -> dict[str, object]:
    """The demo plan's projection and answer (the projection with the search for the confident
    month, as `planner simulate` runs it) against a bare loop of its size."""
    snap = snapshot(demo_plan(YearMonth(2027, 1))).with_years(years)
    projection, answer = _timed_projection(snap, paths, seed, False), _timed_projection(snap, paths, seed, True)
    bare = bare_numpy_loop(paths, years * 12, snap.stream_count, seed)
    return {
        "plan": f"demo ({snap.stream_count} streams)", "paths": paths, "years": years,
        "projection_seconds": round(projection, 3), "answer_seconds": round(answer, 3),
        "bare_numpy_loop_seconds": round(bare, 3),
        "projection_to_bare_loop": round(projection / bare, 2), "answer_to_bare_loop": round(answer / bare, 2),
        "answer_to_projection": round(answer / projection, 2),
    }


def _timed_projection(snap: Snapshot, paths: int, seed: int, search: bool) -> float:
    started = time.perf_counter()
    project(snap, RunOptions(paths=paths, seed=seed, search=search))
    return time.perf_counter() - started


def bench_synthetic(paths: int, years: int, streams: int, seed: int = 1) -> dict[str, object]:
    """Time a full Monte Carlo run (one projection, no search: ``simulate --stop-at``), the same run
    with the search for the confident stop month (the answer), and a bare numpy loop of the same size
    without any features."""
    snap = snapshot(bench_plan(streams)).with_years(years)
    started = time.perf_counter()
    project(snap, RunOptions(mode="deterministic"))
    deterministic = time.perf_counter() - started
    baseline = _resident_megabytes()
    started = time.perf_counter()
    first_chunk = None
    for partial in run(snap, RunOptions(paths=paths, seed=seed)):
        if first_chunk is None:
            partial.projection()
            first_chunk = time.perf_counter() - started
    result = partial.projection()
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    started = time.perf_counter()
    answer = project(snap, RunOptions(paths=paths, seed=seed, search=True))
    answer_wall = time.perf_counter() - started
    bare = bare_numpy_loop(paths, years * 12, snap.stream_count, seed)
    stream_months = paths * years * 12 * snap.stream_count
    return {
        "benchmark": "engine",
        "paths": paths, "years": years, "streams": snap.stream_count,
        "worker_processes": worker_count(),
        "wall_seconds": round(wall, 3),
        "first_chunk_seconds": round(first_chunk or 0.0, 3),
        "deterministic_seconds": round(deterministic, 3),
        "stream_months_per_second": round(stream_months / wall),
        "bare_numpy_loop_seconds": round(bare, 3),
        "ratio_to_bare_loop": round(wall / bare, 2),
        "answer_seconds": round(answer_wall, 3),  # the same run with the search for the confident month
        "answer_to_projection": round(answer_wall / wall, 2),
        "confident_month": None if answer.confident is None or answer.confident.month is None
        else str(answer.calendar_month(answer.confident.month)),
        "peak_rss_mb": round(peak, 1),
        "rss_before_run_mb": round(baseline, 1),
        "median_real_net_worth_at_end": round(float(result.percentile(result.net_worth["real"], 50)[-1])),
    }


def bare_numpy_loop(paths: int, months: int, streams: int, seed: int, chunk: int = 2000) -> float:
    """Seconds for the plainest Monte Carlo of the same size: a lognormal return per stream and
    month, compounding balances with a fixed contribution, no features at all."""
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    for first in range(0, paths, chunk):
        size = min(chunk, paths - first)
        gross = np.exp(0.005 + 0.04 * rng.standard_normal((months, size, streams)))
        balance = np.full((size, streams), 1000.0)
        totals = np.empty((months, size))
        for month in range(months):
            balance = balance * gross[month] + 100.0
            totals[month] = balance.sum(axis=1)
    return time.perf_counter() - started


def bench_whatif(paths: int = 1000, seed: int = 1, only: tuple[str, ...] | None = None) -> dict[str, object]:
    """Each what-if answer on the demo plan (``only``: those named), timed and divided by one
    projection of the same paths (and by the answer: the projection with the search for the
    confident month)."""
    from planner.services.whatif.allocation import suggest_allocation
    from planner.services.whatif.comparison import compare
    from planner.services.whatif.goals import solve
    from planner.services.whatif.sensitivity import plan_sensitivity

    plan = demo_plan(YearMonth(2027, 1))
    snap = snapshot(plan)
    warm(worker_ready, wait=True)
    projection = _timed_projection(snap, paths, seed, False)
    answer = _timed_projection(snap, paths, seed, True)
    three = [None, *(scenario.name for scenario in plan.scenarios)][:3]
    questions = {
        "goal_seek_expenses": lambda: solve(plan, "expenses", paths=paths, seed=seed),
        "goal_seek_fi_age": lambda: solve(plan, "fi-age", paths=paths, seed=seed),
        "compare_three": lambda: compare(plan, three, paths, seed),
        "sensitivity": lambda: plan_sensitivity(plan, paths=paths, seed=seed),
        "suggestion": lambda: suggest_allocation(plan, plan.household.target_fi_age, 0.0, paths=paths, seed=seed),
    }
    figures: dict[str, object] = {
        "benchmark": "whatif", "plan": f"demo ({snap.stream_count} streams, {snap.years} years)", "paths": paths,
        "worker_processes": worker_count(), "projection_seconds": round(projection, 3),
        "answer_seconds": round(answer, 3), "answer_to_projection": round(answer / projection, 2),
    }
    for name, ask in questions.items():
        if only is not None and name not in only:
            continue
        started = time.perf_counter()
        ask()
        took = time.perf_counter() - started
        figures[name] = {"seconds": round(took, 3), "to_projection": round(took / projection, 2),
                         "to_answer": round(took / answer, 2)}
    return figures
