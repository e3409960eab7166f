"""The what-if subcommands: compare, solve, suggest, sensitivity, stress, explain (docs/what-if.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

WHATIF_SUBCOMMANDS = ("compare", "solve", "suggest", "sensitivity", "stress", "explain")


def probability(text: str) -> float:
    """0.8, or 80 %; anything else is a usage error."""
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a probability (say 0.8 or 80%)") from None
    value = value / 100 if text.strip().endswith("%") else value
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a probability lies between 0 and 1 (say 0.8 or 80%)")
    return value


def money(text: str) -> float:
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount of money") from None
    if not 0 <= value < 1e12:
        raise argparse.ArgumentTypeError(f"{text!r}: give an amount from 0 up")
    return value


def add_parsers(subparsers: argparse._SubParsersAction, whole_number, counting_number) -> None:  # type: ignore[type-arg]
    """``whole_number`` parses 0 or more (seeds, ages), ``counting_number`` 1 or more (paths)."""
    def common(parser: argparse.ArgumentParser, paths_default: str) -> None:
        parser.add_argument("plan", type=Path)
        parser.add_argument("--scenario", metavar="NAME", help="a scenario of the plan (default: the base plan)")
        parser.add_argument("--paths", type=counting_number, metavar="N", help=f"Monte Carlo paths ({paths_default})")
        parser.add_argument("--seed", type=whole_number, metavar="S", help="random seed (default: the plan's)")

    compare = subparsers.add_parser("compare", help="key metrics of scenarios side by side, with differences")
    compare.add_argument("plan", type=Path)
    compare.add_argument("--scenario", action="append", metavar="NAME", dest="scenarios",
                         help="a scenario to compare (repeat; 'base' is the base plan; default: all)")
    compare.add_argument("--paths", type=counting_number, metavar="N", help="Monte Carlo paths (default: the plan's)")
    compare.add_argument("--seed", type=whole_number, metavar="S", help="random seed (default: the plan's)")

    solve = subparsers.add_parser("solve", help="goal seek: the saving, expenses or stop month for a goal")
    common(solve, "default: 2,000 or the plan's if fewer")
    solve.add_argument("--goal", required=True, choices=("saving", "expenses", "fi-age"),
                       help="saving: the least monthly saving; expenses: the highest monthly expenses (both to "
                            "stop saving at --fi-age with the confidence); fi-age: the earliest month to stop")
    solve.add_argument("--fi-age", type=whole_number, metavar="AGE",
                       help="saving/expenses: stop saving at this age (default: the plan's target age)")
    solve.add_argument("--probability", type=probability, metavar="P",
                       help="the success asked for, 0.9 or 90%% (default: the plan's confidence)")

    suggest = subparsers.add_parser("suggest",
                                    help="sleeve and stream weights with the best success within a risk limit")
    common(suggest, "default: 1,000")
    suggest.add_argument("--limit-age", type=whole_number, required=True, metavar="AGE",
                         help="the age at which the worst outcomes are measured")
    suggest.add_argument("--floor", type=money, required=True, metavar="X",
                         help="yearly passive income (today's money) the worst outcomes must keep above")
    suggest.add_argument("--worst", type=whole_number, default=10, choices=(5, 10, 25), metavar="PERCENT",
                         help="the share of worst outcomes: 5, 10 or 25 (default: 10)")
    suggest.add_argument("--step", type=whole_number, default=10, metavar="PERCENT",
                         help="grid step of the sleeve weights (default: 10)")
    suggest.add_argument("--save-scenario", metavar="NAME", help="add the suggestion to the plan as a scenario")

    sensitivity = subparsers.add_parser("sensitivity",
                                        help="how the confident stop month and success move with each input")
    common(sensitivity, "default: 1,000")

    stress = subparsers.add_parser("stress", help="list the stress test presets")
    stress.add_argument("--list", action="store_true", required=True, help="list the presets")

    explain = subparsers.add_parser("explain", help="what drives the worst outcomes; passivity; diversification")
    common(explain, "default: the plan's")


def add_stress_options(parser: argparse.ArgumentParser, whole_number) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--stress", metavar="KEY", help="apply a stress test preset (planner stress --list)")
    parser.add_argument("--stress-year", type=whole_number, metavar="YEAR",
                        help="the stress's first year (default: the plan's first year)")


def run(options: argparse.Namespace) -> int:
    from planner.services.plan_files import read_plan

    if options.command == "stress":
        from planner.services.whatif.stress import presets_text

        print(presets_text())
        return 0
    plan = read_plan(options.plan)
    if options.command == "compare":
        from planner.services.whatif.comparison import compare, comparison_text

        names = None if not options.scenarios else [None if n.lower() == "base" else n for n in options.scenarios]
        print(comparison_text(plan, compare(plan, names, options.paths, options.seed)))
    elif options.command == "solve":
        from planner.services.whatif.goals import solve

        print(solve(plan, options.goal, options.probability, options.fi_age, options.scenario, options.paths,
                    options.seed).text)
    elif options.command == "suggest":
        return _suggest(plan, options)
    elif options.command == "sensitivity":
        from planner.services.whatif.sensitivity import plan_sensitivity, sensitivity_text

        print(sensitivity_text(plan, plan_sensitivity(plan, options.scenario, options.paths, options.seed)))
    elif options.command == "explain":
        from planner.services.whatif.explain import explain, explanation_text

        print(explanation_text(explain(plan, options.scenario, options.paths, options.seed), plan.currency))
    return 0


def _suggest(plan, options: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from planner.engine.allocation import RiskLimit
    from planner.services.errors import SimulationError
    from planner.services.whatif.allocation import (
        check_new_scenario_name,
        suggest_allocation,
        suggestion_scenario,
        suggestion_text,
    )

    if options.save_scenario is not None:
        check_new_scenario_name(plan, options.save_scenario)  # before the search, not after it
    suggestion, seen_by = suggest_allocation(plan, options.limit_age, options.floor, options.worst, options.step,
                                             options.scenario, options.paths, options.seed)
    print(suggestion_text(seen_by, RiskLimit(options.limit_age, options.floor, options.worst), suggestion))
    if options.save_scenario is not None:
        if suggestion.best is None:
            raise SimulationError("nothing to save: no mix keeps the risk limit")
        from planner.services.plan_session import PlanSession

        session = PlanSession.open(options.plan)
        try:
            session.execute(suggestion_scenario(session.plan, suggestion.best, options.save_scenario,
                                                options.scenario))
        finally:
            session.close()
        print(f"added scenario {options.save_scenario!r} to {options.plan}")
    return 0


def stressed_summary(plan, request) -> str:  # type: ignore[no-untyped-def]
    """simulate --stress without output files: the stressed plan beside the unstressed one."""
    from planner.services.whatif.comparison import Comparison, comparison_text, key_metrics
    from planner.services.whatif.stress import stress_run

    result = stress_run(plan, request)
    projections = [result.base, result.stressed]
    comparison = Comparison(("Unstressed", result.test.title), tuple(projections), key_metrics(plan, projections))
    hit = ", ".join(result.affected) if result.affected else "no stream directly"
    return "\n".join([f"{result.test.title} from {request.stress_year or plan.start.year}: {result.test.claim}.",
                      f"Streams hit: {hit}.", comparison_text(plan, comparison)])
