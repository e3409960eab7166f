"""Which monthly history a run replays: the table that ships with the app, or one imported into
the plan (Assumptions.history_table names it), or a file given on the command line."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import resources

from planner.domain.enums import ReturnModel
from planner.domain.plan import BUILT_IN_HISTORY, Plan
from planner.engine.history import ReturnsTable, ReturnsTableError, parse_returns_table
from planner.engine.projection import HISTORICAL_MODELS
from planner.services.errors import SimulationError

BUILT_IN_FILE = "us-history.csv"
BUILT_IN_LABEL = "Built-in US history 1871-2023 (Shiller)"
#: The source and licence of the built-in table, for the docs, the About box and reports.
BUILT_IN_SOURCE = ("US stocks (S&P composite with dividends), 10-year government bond total return from the long "
                   "rate, and consumer prices, monthly 1871-2023: derived from Robert Shiller's data "
                   "(econ.yale.edu/~shiller/data.htm), public domain under ODC-PDDL-1.0 as packaged by the "
                   "datasets/s-and-p-500 project.")


@lru_cache(maxsize=1)
def built_in_history() -> ReturnsTable:
    """The history that ships inside the package (read once per process)."""
    text = (resources.files("planner.resources") / BUILT_IN_FILE).read_text(encoding="utf-8")
    return replace(parse_returns_table(text), name="the built-in US history")


def plan_history(plan: Plan) -> ReturnsTable:
    """The table the plan's assumptions name: the built-in one or a table imported into the plan."""
    key = plan.assumptions.history_table
    if key == BUILT_IN_HISTORY:
        return built_in_history()
    for table in plan.returns_tables:
        if table.name == key:
            return _imported(table.name, table.text)
    raise SimulationError(f"the plan's history table {key!r} is not among its imported tables; pick the built-in "
                          "history or import the table again")


@lru_cache(maxsize=8)
def _imported(name: str, text: str) -> ReturnsTable:
    try:
        return replace(parse_returns_table(text), name=f"the imported table {name!r}")
    except ReturnsTableError as error:
        raise SimulationError(f"the imported returns table {name!r}: {error}") from None


def history_choices(plan: Plan) -> list[tuple[str, str]]:
    """(key, label) of every history the plan can replay: the built-in one first."""
    return [(BUILT_IN_HISTORY, BUILT_IN_LABEL), *((t.name, f"Imported: {t.name}") for t in plan.returns_tables)]


def history_for(plan: Plan, model: ReturnModel) -> ReturnsTable | None:
    """The history a run of ``model`` replays (None: the model draws its own returns)."""
    return plan_history(plan) if model in HISTORICAL_MODELS else None
