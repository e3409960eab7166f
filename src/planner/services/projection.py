"""Headless projections: open a plan, run the engine, write CSV or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner.domain.plan import Plan, Scenario
from planner.engine.history import ReturnsTable, ReturnsTableError, parse_returns_table
from planner.engine.inputs import snapshot
from planner.engine.metrics import Projection
from planner.engine.projection import ProjectionError, RunOptions, project
from planner.engine.stress import PRESETS, StressRun, StressTest, preset, start_month_of
from planner.engine.tables import projection_document, projection_table
from planner.export.files import ExportFileError, atomic_write_text, read_text_file
from planner.export.tables import csv_text, json_text
from planner.services.errors import SimulationError


@dataclass(frozen=True)
class SimulationRequest:
    scenario: str | None = None
    mode: str = "montecarlo"
    paths: int | None = None
    seed: int | None = None
    years: int | None = None
    returns: Path | None = None
    monthly: bool = False  # keep month-by-month figures for a monthly table
    stress: str | None = None  # key of a stress test preset (planner stress --list)
    stress_year: int | None = None  # its first year (default: the plan's first year)


def load_returns_table(path: Path) -> ReturnsTable:
    try:
        return parse_returns_table(read_text_file(Path(path)))
    except ReturnsTableError as error:
        raise SimulationError(f"{path}: {error}") from None


def simulate(plan: Plan, request: SimulationRequest) -> Projection:
    snap = snapshot(plan, find_scenario(plan, request.scenario))
    try:
        if request.years is not None:
            snap = snap.with_years(request.years)
        stress = None
        if request.stress is not None:
            stress = StressRun(find_preset(request.stress), start_month_of(snap, request.stress_year))
    except ValueError as error:
        raise SimulationError(str(error)) from None
    history = load_returns_table(request.returns) if request.returns is not None else None
    try:
        return project(snap, RunOptions(request.mode, request.paths, request.seed, history, request.monthly, stress))
    except ProjectionError as error:
        raise SimulationError(str(error)) from None


def find_preset(key: str) -> StressTest:
    try:
        return preset(key)
    except KeyError:
        raise SimulationError(f"no stress test named {key!r}; use one of {', '.join(p.key for p in PRESETS)} "
                              "(planner stress --list)") from None


def find_scenario(plan: Plan, name: str | None) -> Scenario | None:
    if name is None:
        return None
    try:
        return plan.scenario(name)
    except KeyError:
        names = ", ".join(s.name for s in plan.scenarios) or "none"
        raise SimulationError(f"the plan has no scenario named {name!r} (it has: {names})") from None


def projection_csv(projection: Projection, nominal: bool = False, monthly: bool = False,
                   per_stream: bool = False) -> str:
    """The projection table as CSV text (monthly needs a projection run with ``monthly``)."""
    return csv_text(*projection_table(projection, nominal, monthly, per_stream))


def write_outputs(plan: Plan, request: SimulationRequest, projection: Projection, nominal: bool,
                  csv_path: Path | None, json_path: Path | None, per_stream: bool = False) -> dict[str, str]:
    """CSV and JSON texts; written atomically to the paths given (not to '-')."""
    texts = {}
    if csv_path is not None:
        texts["csv"] = projection_csv(projection, nominal, request.monthly, per_stream)
    if json_path is not None:
        texts["json"] = json_text(projection_document(
            projection, nominal, plan=plan.name, scenario=request.scenario, currency=plan.currency,
            start=str(plan.start)))
    for key, target in (("csv", csv_path), ("json", json_path)):
        if target is not None and str(target) != "-":
            try:
                atomic_write_text(Path(target), texts[key])
            except OSError as error:
                raise ExportFileError(f"{target}: {error.strerror or error}") from None
    return texts


def summary_text(plan: Plan, projection: Projection) -> str:
    """A few lines for the terminal when no output file is asked for."""
    last = projection.years - 1
    median = projection.median_fi_month
    when = "not reached by half of the paths"
    if median is not None:
        when = f"{plan.start.plus(median)} (age {int(projection.ages[0]) - 1 + (median + 1) // 12})"
    worth = projection.percentile(projection.net_worth["real"], 50)[last]
    income = projection.percentile(projection.passive_income["real"], 50)[last]
    return "\n".join([
        f"{plan.name}: {projection.mode}, {projection.paths_done:,} path(s), {projection.years} years, "
        f"{projection.return_model.replace('_', ' ')} returns, today's money",
        f"median FI date: {when}; probability of FI by the target age: "
        + (f"{projection.fi_by_target:.0%}" if projection.target_in_horizon else "the target age is after the horizon"),
        f"in {int(projection.year_labels[last])}: median net worth {worth:,.0f}, median passive income "
        f"{income:,.0f} a year",
        f"probability of running out after FI: {projection.ruin_probability:.1%}",
    ])
