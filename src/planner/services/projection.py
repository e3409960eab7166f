"""Headless projections: open a plan, run the engine, write CSV or JSON."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from planner.domain.calendar import YearMonth
from planner.domain.enums import ReturnModel
from planner.domain.plan import Plan, Scenario
from planner.domain.scenarios import apply_scenario
from planner.engine.history import ReturnsTable, ReturnsTableError, parse_returns_table
from planner.engine.inputs import Snapshot, snapshot
from planner.engine.metrics import Projection
from planner.engine.projection import HISTORICAL_MODELS, ProjectionError, RunOptions, project
from planner.engine.projection import MONTE_CARLO as MONTE_CARLO  # re-exported: the ui names the mode it shows
from planner.engine.stress import PRESETS, StressRun, StressTest, preset, start_month_of
from planner.engine.tables import projection_document, projection_table
from planner.engine.workers import reset_pool
from planner.export.files import ExportFileError, atomic_write_text, read_text_file
from planner.export.tables import csv_text, json_text
from planner.services.errors import SimulationError
from planner.services.history import history_for


def stop_engine_workers() -> None:
    """Stop this process's engine worker processes at once: a child process that ran projections
    (the window's projection child, the report's) is joined with its children as it ends, so they
    must go first."""
    reset_pool(abandon=True)


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
    stop_at: str | None = None  # "YYYY-MM" or "age:N": one projection stopping then, no search
    return_model: str | None = None  # a ReturnModel value instead of the plan's own
    answer: bool = True  # search the confident stop month (tables that do not show it leave it out)


def load_returns_table(path: Path) -> ReturnsTable:
    try:
        return replace(parse_returns_table(read_text_file(Path(path))), name=Path(path).name)
    except ReturnsTableError as error:
        raise SimulationError(f"{path}: {error}") from None


def simulate(plan: Plan, request: SimulationRequest) -> Projection:
    """One projection of the plan (or a scenario) stopping at ``request.stop_at`` (default: the
    target age), with the search for the confident stop month unless a stop month is given."""
    snap = snapshot(plan, find_scenario(plan, request.scenario))
    try:
        if request.return_model is not None:
            snap = replace(snap, return_model=ReturnModel(request.return_model))
        if request.years is not None:
            snap = snap.with_years(request.years)
        stress = None
        if request.stress is not None:
            stress = StressRun(find_preset(request.stress), start_month_of(snap, request.stress_year))
    except ValueError as error:
        raise SimulationError(str(error)) from None
    check_model_options(snap, request)
    stop = None if request.stop_at is None else stop_month(snap, request.stop_at)
    history = load_returns_table(request.returns) if request.returns is not None else \
        history_for(plan, snap.return_model) if request.mode != "deterministic" else None
    options = RunOptions(request.mode, request.paths, request.seed, history, request.monthly, stress, stop,
                         search=stop is None and request.answer)
    try:
        return project(snap, options)
    except ProjectionError as error:
        raise SimulationError(str(error)) from None


def check_model_options(snap: Snapshot, request: SimulationRequest) -> None:
    """Refuse options the return model would silently ignore."""
    model = snap.return_model
    if request.returns is not None and (model not in HISTORICAL_MODELS or request.mode == "deterministic"):
        reason = ("the deterministic mode draws no returns" if request.mode == "deterministic"
                  else f"the {model.value.replace('_', ' ')} return model does not read it")
        raise SimulationError(f"--returns is read only by the Monte Carlo history models (historical, historical "
                              f"replay and block bootstrap), and "
                              f"{reason}; choose one with --return-model")
    if model in (ReturnModel.HISTORICAL_REPLAY, ReturnModel.HISTORICAL) and request.paths is not None and \
            request.mode != "deterministic":
        raise SimulationError(f"--paths does not apply to {model.value.replace('_', ' ')}: it runs one path per start "
                              "month of the returns table")


def stop_month(snap: Snapshot, text: str) -> int:
    """Months from the plan start to a stop given as "YYYY-MM" or "age:N" (January of the year the
    household turns N); refused outside the plan."""
    spec = text.strip()
    if spec.lower().startswith("age:"):
        number = spec[4:].strip()
        if not number.isdigit():
            raise SimulationError(f"--stop-at {text!r}: give an age as age:N, for example age:55")
        month = snap.stop_month_of_age(int(number))
        month = snap.months if month is None else month
    else:
        try:
            when = YearMonth.parse(spec)
        except ValueError:
            raise SimulationError(f"--stop-at {text!r}: give a month as YYYY-MM or an age as age:N") from None
        month = when.index - (snap.start_year * 12 + snap.start_month - 1)
    if not 0 <= month < snap.months:
        first = YearMonth.from_index(snap.start_year * 12 + snap.start_month - 1)
        last = first.plus(snap.months - 1)
        raise SimulationError(f"--stop-at {text!r} is outside the plan ({first} to {last}, ages "
                              f"{snap.age_at(0)} to {snap.age_at(snap.months - 1)})")
    return month


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


def summary_text(plan: Plan, projection: Projection, scenario: str | None = None) -> str:
    """A few lines for the terminal when no output file is asked for: the answer first."""
    from planner.services.answer import answer_lines

    last = projection.years - 1
    worth = projection.percentile(projection.net_worth["real"], 50)[last]
    income = projection.percentile(projection.passive_income["real"], 50)[last]
    backtest = projection.backtest
    paths = f"{projection.paths_done:,} path(s)" if backtest is None else \
        f"{len(backtest.starts):,} historical starts ({backtest.starts[0]} to {backtest.starts[-1]}, {backtest.table})"
    return "\n".join([
        *answer_lines(apply_scenario(plan, find_scenario(plan, scenario)).fi_rule.kind, projection),
        f"{plan.name}: {projection.mode}, {paths}, {projection.years} years to "
        f"{projection.until_text}, {projection.return_model.replace('_', ' ')} returns, today's money",
        f"in {int(projection.year_labels[last])}: median net worth {worth:,.0f}, median passive income "
        f"{income:,.0f} a year",
    ])
