"""The `planner` command: opens the window, or runs a subcommand headless.

Every failure the user or the environment can cause ends with one line on stderr and a non-zero
status (1: the files or data are wrong, 2: the command line is wrong); bugs still show tracebacks.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planner import __version__
from planner.app import whatif_commands
from planner.app.whatif_commands import WHATIF_SUBCOMMANDS
from planner.domain.enums import ReturnModel
from planner.domain.problems import PlanProblems
from planner.export.files import ExportFileError
from planner.services.errors import ImportProblems, SimulationError
from planner.storage.errors import PlanFileError

SUBCOMMANDS = ("new", "catalogue", "export", "import", "restore", "simulate", "bench", *WHATIF_SUBCOMMANDS)
MAX_PROBLEMS_SHOWN = 20


class UsageError(Exception):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planner", description="Passive Income Planner. Without a subcommand, opens the window.")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)

    new = subparsers.add_parser("new", help="create an empty (or demo) plan file")
    new.add_argument("plan", type=Path, help="path of the new plan file")
    new.add_argument("--demo", action="store_true", help="fill it with the demo plan")
    new.add_argument("--name", help="the plan's name (default: the file name)")

    catalogue = subparsers.add_parser("catalogue", help="list the stream kinds with their parameters")
    catalogue.add_argument("--json", action="store_true", help="print JSON instead of text")

    export = subparsers.add_parser("export", help="write the plan as JSON, the projection as CSV, the report as PDF")
    export.add_argument("plan", type=Path)
    export.add_argument("--json", type=Path, metavar="OUT", help="the plan as JSON ('-' for stdout)")
    export.add_argument("--csv", type=Path, metavar="OUT", help="the projection table as CSV ('-' for stdout)")
    export.add_argument("--pdf", type=Path, metavar="OUT", help="the plan report as PDF")
    export.add_argument("--page-size", choices=("a4", "letter"), default="a4", help="paper of the PDF (default: a4)")
    export.add_argument("--scenario", metavar="NAME", help="the CSV's scenario (default: the base plan)")
    _add_table_options(export)
    export.add_argument("--paths", type=_counting_number, metavar="N", help="Monte Carlo paths (default: the plan's)")
    export.add_argument("--seed", type=_whole_number, metavar="S", help="random seed (default: the plan's)")

    imp = subparsers.add_parser("import", help="load a plan from JSON, or add holdings from CSV (all or nothing)")
    imp.add_argument("plan", type=Path, help="plan file (JSON: created, or replaced after a backup)")
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument("--json", type=Path, metavar="IN", help="JSON plan file to read")
    source.add_argument("--csv", type=Path, metavar="IN", help="holdings to add as streams (docs/data-exchange.md)")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                     help="CSV: the column for a stream field (default: recognised from the headers)")

    restore = subparsers.add_parser("restore", help="list a plan's backups, or put one back in its place")
    restore.add_argument("plan", type=Path)
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("--list", action="store_true", help="list the plan's backups, newest first")
    which.add_argument("--latest", action="store_true", help="restore the newest backup")
    which.add_argument("--backup", metavar="NAME", help="restore the backup of this name (see --list)")

    simulate = subparsers.add_parser("simulate", help="run the projection headless and write yearly results")
    simulate.add_argument("plan", type=Path)
    simulate.add_argument("--scenario", metavar="NAME", help="a scenario of the plan (default: the base plan)")
    simulate.add_argument("--mode", choices=("deterministic", "montecarlo"), default="montecarlo")
    simulate.add_argument("--paths", type=_counting_number, metavar="N", help="Monte Carlo paths (default: the plan's)")
    simulate.add_argument("--seed", type=_whole_number, metavar="S", help="random seed (default: the plan's)")
    simulate.add_argument("--years", type=_counting_number, metavar="Y",
                          help="horizon in years (default: to the plan-until age); success is then measured to the "
                               "end of this horizon")
    simulate.add_argument("--stop-at", metavar="YYYY-MM|age:N",
                          help="stop saving on every path in this month (default: at the target age, and search "
                               "the earliest month to stop with the plan's confidence)")
    simulate.add_argument("--return-model", choices=[m.value for m in ReturnModel], metavar="NAME",
                          help="return model instead of the plan's: " + ", ".join(m.value for m in ReturnModel))
    _add_table_options(simulate)
    simulate.add_argument("--returns", type=Path, metavar="CSV",
                          help="returns table for historical replay or block bootstrap (docs/engine.md)")
    simulate.add_argument("--csv", type=Path, metavar="OUT", help="yearly CSV to write ('-' for stdout)")
    simulate.add_argument("--json", type=Path, metavar="OUT", help="full JSON result to write ('-' for stdout)")
    whatif_commands.add_stress_options(simulate, _whole_number)

    whatif_commands.add_parsers(subparsers, _whole_number, _counting_number)

    bench = subparsers.add_parser("bench", help="print measured figures as JSON")
    bench.add_argument("target", choices=("engine", "whatif", "ui", "start"), nargs="?", default="engine")
    bench.add_argument("--paths", type=_counting_number, default=None, help="default: 10,000 (whatif: 1,000)")
    bench.add_argument("--years", type=_counting_number, default=None,
                       help="engine: the horizon (default: 40); ui: the live plan's (default: to age 95)")
    bench.add_argument("--streams", type=_counting_number, default=20)
    bench.add_argument("--edits", type=_counting_number, default=40, help="ui: edits timed on the plan and a scenario")
    bench.add_argument("--runs", type=_counting_number, default=3, help="ui: live projections timed after an edit")
    bench.add_argument("--executable", type=Path, default=None, help="start: time this frozen app, not the source")
    bench.add_argument("--repeat", type=_counting_number, default=1,
                       help="ui: the whole bench this many times, with each repeat's longest stall")
    return parser


def _add_table_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nominal", action="store_true", help="money as paid, not in today's prices")
    parser.add_argument("--monthly", action="store_true", help="CSV: one row per month instead of per year")
    parser.add_argument("--per-stream", action="store_true", help="CSV: add each stream's mean income")


def _whole_number(text: str) -> int:
    digits = text.strip()
    if digits.startswith("-") and digits[1:].isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is negative; give a whole number of 0 or more")
    if not digits.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number")
    return int(text)


def _counting_number(text: str) -> int:
    """A whole number of 1 or more (a count of paths, years, runs: none of them can be 0)."""
    digits = text.strip()
    if digits.removeprefix("-").isdigit() and int(digits) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not 1 or more")
    return _whole_number(text)


def build_window_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="planner", description="Passive Income Planner: opens PLAN, or the default plan.",
                     epilog=f"subcommands: {', '.join(SUBCOMMANDS)} (planner SUBCOMMAND --help)")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("plan", nargs="?", type=Path, help="plan file to open (default: the default plan)")
    parser.add_argument("--self-test", action="store_true", help="offscreen smoke test of the whole app")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in SUBCOMMANDS:
            return _run_subcommand(build_parser().parse_args(arguments))
        options = build_window_parser().parse_args(arguments)
        if options.self_test:
            from planner.app.self_test import run_self_test

            return run_self_test()
        from planner.app.gui import run_window

        return run_window(options.plan)
    except UsageError as error:
        print(f"planner: {error}", file=sys.stderr)
        return 2
    except PlanProblems as error:
        print(f"planner: {_problems_text(error)}", file=sys.stderr)
        return 1
    except (PlanFileError, ExportFileError, SimulationError, ImportProblems) as error:
        print(f"planner: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader left early (`planner simulate ... | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # a file the system refused that no layer above named: still one line
        where = f"{error.filename}: " if error.filename else ""
        print(f"planner: {where}{error.strerror or error}", file=sys.stderr)
        return 1


def _problems_text(error: PlanProblems) -> str:
    shown = [str(problem) for problem in error.problems[:MAX_PROBLEMS_SHOWN]]
    more = len(error.problems) - len(shown)
    text = f"{len(error.problems)} problem(s), nothing was written: " + "; ".join(shown)
    return text + (f"; and {more} more" if more else "")


def _run_subcommand(options: argparse.Namespace) -> int:
    from planner.services import plan_files

    if options.command == "new":
        session = plan_files.create_plan(options.plan, demo=options.demo, name=options.name)
        print(f"created {session.path} with {len(session.plan.streams)} streams")
        session.close()
    elif options.command == "catalogue":
        from planner.app.catalogue_text import catalogue_json, catalogue_text

        print(catalogue_json() if options.json else catalogue_text(), end="" if options.json else "\n")
    elif options.command == "export":
        return _export(options)
    elif options.command == "simulate":
        return _simulate(options)
    elif options.command == "restore":
        return _restore(options)
    elif options.command in WHATIF_SUBCOMMANDS:
        return whatif_commands.run(options)
    elif options.command == "bench":
        import json

        if options.target == "ui":
            import os

            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from planner.ui.benchmark import bench_ui

            try:
                figures = bench_ui(options.paths or 10_000, options.edits, options.runs, options.repeat, options.years)
            except ValueError as error:  # a horizon the bench plan cannot have, said in a line
                raise UsageError(str(error)) from None
            print(json.dumps(figures, indent=2))
            return 0
        from planner.services.benchmark import bench_engine, bench_whatif

        if options.target == "start":
            from planner.app.start_bench import bench_start

            print(json.dumps(bench_start(5, options.executable), indent=2))
            return 0
        try:
            if options.target == "whatif":
                figures = bench_whatif(options.paths or 1_000)
            else:
                figures = bench_engine(options.paths or 10_000, options.years or 40, options.streams)
        except ValueError as error:  # paths or years the engine refuses (ProjectionError is one), said in a line
            raise UsageError(str(error)) from None
        print(json.dumps(figures, indent=2))
    elif options.command == "import" and options.csv is not None:
        from planner.services.holdings_import import import_holdings

        count, backup = import_holdings(options.plan, options.csv, _column_map(options.map))
        print(f"imported {count} holding{'s' if count != 1 else ''} into {options.plan} (plan backed up to {backup})")
    elif options.command == "import":
        count, backup = plan_files.import_json(options.plan, options.json)
        saved = f" (previous plan backed up to {backup})" if backup else ""
        print(f"imported {count} stream{'s' if count != 1 else ''} into {options.plan}{saved}")
    return 0


def _column_map(items: list[str]) -> dict[str, str]:
    from planner.export.holdings import FIELDS

    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or field.strip() not in FIELDS:
            raise UsageError(f"--map {item!r}: use FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        mapping[field.strip()] = column.strip()
    return mapping


def _check_targets(*targets: Path | None) -> None:
    """Say a wrong output file before the projection runs, not after."""
    from planner.export.files import check_target

    for target in targets:
        if target is not None and str(target) != "-":
            check_target(Path(target))


def _export(options: argparse.Namespace) -> int:
    from planner.services import plan_files
    from planner.services import projection as service

    targets = [t for t in (options.json, options.csv, options.pdf) if t is not None]
    if not targets:
        raise UsageError("say what to export: --json, --csv and/or --pdf")
    if sum(str(t) == "-" for t in targets) > 1 or str(options.pdf) == "-":
        raise UsageError("only one of --json and --csv can go to stdout, and the PDF needs a file")
    _check_targets(options.csv, options.pdf)
    if options.json is not None:
        to_stdout = str(options.json) == "-"
        text = plan_files.export_json(options.plan, None if to_stdout else options.json)
        sys.stdout.write(text) if to_stdout else print(f"wrote {options.json}")
    if options.csv is not None:
        plan = plan_files.read_plan(options.plan)
        request = service.SimulationRequest(options.scenario, paths=options.paths, seed=options.seed,
                                            monthly=options.monthly, answer=False)
        texts = service.write_outputs(plan, request, service.simulate(plan, request), options.nominal,
                                      options.csv, None, options.per_stream)
        sys.stdout.write(texts["csv"]) if str(options.csv) == "-" else print(f"wrote {options.csv}")
    if options.pdf is not None:
        from planner.app.report_command import export_report

        pages = export_report(options.plan, options.pdf, options.page_size, options.paths, options.seed)
        print(f"wrote {options.pdf} ({pages} pages)")
    return 0


def _restore(options: argparse.Namespace) -> int:
    """List a plan's backups or put one back; the plan as it was is kept (backed up, or moved aside
    when it does not open), never deleted. The plan's lock is held meanwhile: a window that has the
    plan open would otherwise write its own copy over the restored one."""
    from planner.services import plan_rescue
    from planner.ui.formatting import plural
    from planner.ui.plan_lock import PlanLock

    found = plan_rescue.backups(options.plan)
    if options.list:
        print("\n".join(b.label() for b in found) if found else f"{options.plan}: no backups")
        return 0
    if not found:
        raise PlanFileError(f"{options.plan}: has no backups to restore")
    chosen = found[0] if options.latest else plan_rescue.find_backup(options.plan, options.backup)
    lock = PlanLock(options.plan)
    lock.acquire()
    try:
        session, kept = plan_rescue.restore(options.plan, chosen)
        streams = len(session.plan.streams)
        session.close()
    finally:
        lock.release()
    where = f"the plan as it was is kept as {kept}" if kept else "there was no plan file to keep"
    print(f"restored {chosen.name} into {options.plan} ({plural(streams, 'stream')}); {where}")
    return 0


def _simulate(options: argparse.Namespace) -> int:
    from planner.services import projection as service
    from planner.services.plan_files import read_plan

    if str(options.csv) == "-" and str(options.json) == "-":
        raise UsageError("only one of --csv and --json can go to stdout")
    _check_targets(options.csv, options.json)
    request = service.SimulationRequest(options.scenario, options.mode, options.paths, options.seed, options.years,
                                        options.returns, options.monthly, options.stress, options.stress_year,
                                        options.stop_at, options.return_model)
    plan = read_plan(options.plan)
    if options.stress is not None and options.csv is None and options.json is None:
        print(whatif_commands.stressed_summary(plan, request))
        return 0
    result = service.simulate(plan, request)
    texts = service.write_outputs(plan, request, result, options.nominal, options.csv, options.json,
                                  options.per_stream)
    for key, target in (("csv", options.csv), ("json", options.json)):
        if target is not None and str(target) == "-":
            sys.stdout.write(texts[key])
    if options.csv is None and options.json is None:
        print(service.summary_text(plan, result, options.scenario))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
