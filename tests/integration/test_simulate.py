"""`planner simulate`: the documented CSV and JSON, reproducible seeds, clear refusals."""

import csv
import io
import itertools
import json
import math

import numpy as np
import pytest

from planner.engine.tables import CORE_COLUMNS
from tests.conftest import SHARED_DATA
from tests.helpers import run_cli as run

SHILLER = SHARED_DATA / "us_stocks_shiller_monthly.csv"






def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_documented_columns_one_row_per_year(demo_file, capsys):
    status, out, err = run(capsys, "simulate", demo_file, "--paths", 400, "--years", 12, "--csv", "-")
    assert status == 0, err
    header = next(csv.reader(io.StringIO(out)))
    assert tuple(header[: len(CORE_COLUMNS)]) == CORE_COLUMNS
    rows = rows_of(out)
    assert len(rows) == 12
    assert [int(r["year"]) for r in rows] == list(range(int(rows[0]["year"]), int(rows[0]["year"]) + 12))
    for row in rows:
        values = {k: float(v) for k, v in row.items()}
        assert all(math.isfinite(v) for v in values.values())
        assert values["net_worth_p10"] <= values["net_worth_p50"] <= values["net_worth_p90"]
        assert values["passive_income_p10"] <= values["passive_income_p50"] <= values["passive_income_p90"]
    probabilities = [float(r["fi_probability"]) for r in rows]
    assert probabilities == sorted(probabilities) and all(0 <= p <= 1 for p in probabilities)


def test_same_seed_same_output_and_another_seed_differs(demo_file, capsys):
    args = ("simulate", demo_file, "--paths", 300, "--years", 8, "--csv", "-")
    first = run(capsys, *args, "--seed", 7)[1]
    again = run(capsys, *args, "--seed", 7)[1]
    other = run(capsys, *args, "--seed", 8)[1]
    assert first == again
    assert first != other


def test_nominal_money_is_larger_than_todays_money_when_prices_rise(demo_file, capsys):
    args = ("simulate", demo_file, "--mode", "deterministic", "--years", 10, "--csv", "-")
    real = rows_of(run(capsys, *args)[1])
    nominal = rows_of(run(capsys, *args, "--nominal")[1])
    assert float(nominal[-1]["net_worth_p50"]) > float(real[-1]["net_worth_p50"]) * 1.2  # 2.5 % a year, 10 years
    # the demo's expenses and its children's phase (until 2039-08) in the tenth year, 2036
    spending = 3400 + 900
    assert float(nominal[-1]["expenses"]) == pytest.approx(sum(spending * 1.025 ** (m / 12) for m in range(108, 120)))
    assert float(real[-1]["expenses"]) == spending * 12


def test_json_holds_summary_yearly_rows_and_every_stream(demo_file, tmp_path, capsys):
    target = tmp_path / "out.json"
    status, _, err = run(capsys, "simulate", demo_file, "--paths", 300, "--years", 10, "--json", target)
    assert status == 0, err
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "passive-income-planner-projection" and document["paths"] == 300
    assert len(document["yearly"]) == 10 and len(document["streams"]) == 16
    assert set(document["summary"]) == {"plan_until_age", "stop_month", "success_probability", "ruin_probability",
                                        "fi_at_confidence"}
    assert {"median_fi_month", "success_when_stopping_at_fi"} <= set(document["fi_rule"])
    assert "max_drawdown" in document["risk"]
    saas = next(s for s in document["streams"] if s["name"] == "Invoice reminder app")
    assert saas["income_by_year"][0] == 0 and saas["income_by_year"][3] > 0  # starts a year in
    assert abs(sum(s["share_of_worst_outcomes"] for s in document["streams"]) - 1) < 1e-3


def test_scenarios_change_the_projection(demo_file, capsys):
    args = ("simulate", demo_file, "--mode", "deterministic", "--years", 10, "--json", "-")
    base = json.loads(run(capsys, *args)[1])
    snowball = json.loads(run(capsys, *args, "--scenario", "Dividend snowball")[1])
    assert snowball["scenario"] == "Dividend snowball"
    assert "Flat B" not in {s["name"] for s in snowball["streams"]}
    assert base["yearly"][-1]["net_worth_p50"] != snowball["yearly"][-1]["net_worth_p50"]


def test_summary_without_output_files_leads_with_the_answer(demo_file, capsys):
    status, out, _ = run(capsys, "simulate", demo_file, "--paths", 200)
    lines = out.splitlines()
    assert status == 0
    assert lines[0].startswith("You can stop saving in ") and "with 90 % confidence" in lines[0]
    assert lines[1].startswith("Stopping at your target age 55 (") and "success to age 97 (partner 95)" in lines[1]
    assert "run out" in lines[1] and lines[2].startswith("Penalty-free access: 401(k) from ")
    assert lines[3].startswith("Tax in ") and ", the first year after the stop: median " in lines[3]
    assert lines[4].startswith("FI test (income plus safe withdrawals): median FI")


@pytest.mark.parametrize(("extra", "status", "phrase"), [
    (["--scenario", "Nope"], 1, "no scenario named 'Nope'"),
    (["--paths", "0"], 2, "'0' is not 1 or more"),
    (["--paths", "lots"], 2, "not a whole number"),
    (["--paths", "-5"], 2, "'-5' is not 1 or more"),
    (["--years", "0"], 2, "'0' is not 1 or more"),
    (["--seed", "-1"], 2, "'-1' is negative; give a whole number of 0 or more"),
    (["--years", "101"], 1, "1 to 100 years"),
    (["--stop-at", "soon"], 1, "give a month as YYYY-MM or an age as age:N"),
    (["--stop-at", "age:x"], 1, "give an age as age:N"),
    (["--stop-at", "1999-01"], 1, "is outside the plan"),
    (["--stop-at", "age:120"], 1, "is outside the plan"),
    (["--returns", "table.csv"], 1, "--returns is read only by the Monte Carlo history models"),
    (["--return-model", "best"], 2, "invalid choice"),
    (["--mode", "guess"], 2, "invalid choice"),
    (["--paths", "1000000", "--years", "21"], 1, "use fewer paths or years"),
    (["--csv", "-", "--json", "-"], 2, "only one of"),
])
def test_bad_requests_get_one_line(demo_file, capsys, extra, status, phrase):
    code, _out, err = run(capsys, "simulate", demo_file, *extra)
    assert code == status
    assert phrase in err and err.count("\n") == 1 and "Traceback" not in err


def write_table(path, rows):
    lines = ["month,equities,rate,inflation"]
    for index, (equity, rate, inflation) in enumerate(rows):
        lines.append(f"{2000 + index // 12}-{index % 12 + 1:02d},{equity},{rate},{inflation}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def set_return_model(path, model, capsys, tmp_path):
    exported = tmp_path / "plan.json"
    run(capsys, "export", path, "--json", exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["plan"]["assumptions"]["return_model"] = model
    exported.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / f"{model}.plan"
    assert run(capsys, "import", target, "--json", exported)[0] == 0
    return target


def test_historical_models_replay_the_built_in_history_without_a_file(demo_file, capsys, tmp_path):
    plan = set_return_model(demo_file, "historical_replay", capsys, tmp_path)
    code, out, _ = run(capsys, "simulate", plan, "--years", 5)
    assert code == 0 and "historical replay returns" in out
    code, out, _ = run(capsys, "simulate", demo_file, "--years", 5, "--return-model", "historical")
    starts = 1830 - 1 - 5 * 12 + 1  # table months (the CSV's rows) with five years of history after them
    assert code == 0 and f"{starts:,} historical starts (1871-01 to " in out and "built-in US history" in out
    table = tmp_path / "bad.csv"
    table.write_text("month,equities\n2000-01,1\n2000-03,2\n", encoding="utf-8")
    code, _, err = run(capsys, "simulate", plan, "--years", 5, "--returns", table)
    assert code == 1 and "line 3" in err and "does not follow" in err


def test_replay_runs_one_path_per_table_month(demo_file, capsys, tmp_path):
    plan = set_return_model(demo_file, "historical_replay", capsys, tmp_path)
    rng = np.random.default_rng(3)
    table = tmp_path / "history.csv"
    write_table(table, zip(rng.normal(0.7, 4, 60), 4 + np.cumsum(rng.normal(0, 0.2, 60)),
                           rng.normal(0.2, 0.3, 60), strict=True))
    status, out, err = run(capsys, "simulate", plan, "--years", 5, "--returns", table, "--json", "-")
    assert status == 0, err
    assert json.loads(out)["paths"] == 60


def shiller_table(path, months=None):
    """Monthly total returns, long rate and inflation in the documented format."""
    if not SHILLER.exists():
        pytest.skip(f"shared test data not found at {SHILLER}")
    rows = list(csv.DictReader(SHILLER.open(encoding="utf-8")))[: months]
    lines = ["month,equities,rate,inflation"]
    for now, later in itertools.pairwise(rows):
        price, dividend, price_next = float(now["SP500"]), float(now["Dividend"]), float(later["SP500"])
        equity = 100 * ((price_next + dividend / 12) / price - 1)
        inflation = 100 * (float(later["Consumer Price Index"]) / float(now["Consumer Price Index"]) - 1)
        lines.append(f"{now['Date'][:7]},{equity:.6f},{now['Long Interest Rate']},{inflation:.6f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def test_shiller_history_replays_and_bootstraps(demo_file, capsys, tmp_path):
    table = tmp_path / "shiller.csv"
    months = shiller_table(table)
    replay = set_return_model(demo_file, "historical_replay", capsys, tmp_path)
    status, out, err = run(capsys, "simulate", replay, "--years", 10, "--returns", table, "--json", "-")
    assert status == 0, err
    document = json.loads(out)
    assert document["paths"] == months  # every historical start month
    bands = document["yearly"][-1]
    assert bands["net_worth_p10"] < bands["net_worth_p50"] < bands["net_worth_p90"]
    bootstrap = set_return_model(demo_file, "block_bootstrap", capsys, tmp_path)
    status, out, err = run(capsys, "simulate", bootstrap, "--years", 10, "--paths", 500, "--returns", table,
                           "--csv", "-")
    assert status == 0, err and len(rows_of(out)) == 10


def test_bench_engine_prints_its_figures_as_json(capsys):
    status, out, _ = run(capsys, "bench", "engine", "--paths", 300, "--years", 2, "--streams", 20)
    figures = json.loads(out)
    assert status == 0 and figures["streams"] == 20 and figures["paths"] == 300
    for key in ("wall_seconds", "first_chunk_seconds", "stream_months_per_second", "bare_numpy_loop_seconds",
                "peak_rss_mb", "answer_seconds"):
        assert figures[key] > 0
    assert figures["answer_seconds"] > figures["wall_seconds"]  # the search runs more than one projection
    demo = figures["demo"]
    assert demo["paths"] == 300 and demo["answer_seconds"] > demo["projection_seconds"] > 0
    assert demo["answer_to_bare_loop"] > demo["projection_to_bare_loop"] > 0


def test_bench_whatif_times_each_answer_against_one_projection():
    from planner.services.benchmark import bench_whatif

    figures = bench_whatif(paths=40, only=("goal_seek_fi_age",))
    assert figures["worker_processes"] >= 1 and figures["projection_seconds"] > 0
    timed = figures["goal_seek_fi_age"]
    assert timed["seconds"] > 0
    assert timed["to_projection"] == pytest.approx(timed["seconds"] / figures["projection_seconds"], rel=0.05)
    assert "sensitivity" not in figures


@pytest.mark.slow
def test_bench_ui_prints_editor_and_live_projection_figures_as_json(capsys, qapp):
    status, out, _ = run(capsys, "bench", "ui", "--paths", "100", "--edits", "3", "--runs", "1", "--years", "20")
    figures = json.loads(out)
    assert status == 0 and figures["edits_measured"] == 3
    assert figures["projection_plan"] == "the demo: 14 streams, 20 years to age 57, 100 paths"
    assert figures["projection_runs_measured"] == 1
    for key in ("window_shown_ms", "edit_to_views_ms_median", "scenario_edit_to_views_ms_median",
                "scenario_switch_to_views_ms_median", "undo_to_views_ms_median", "autosave_write_ms_median",
                "edit_to_deterministic_drawn_ms_median", "first_partial_ms", "first_headline_ms", "complete_ms",
                "edit_to_confident_month_shown_ms", "max_gui_stall_ms", "cancel_ms_max", "whatif_goal_seek_ms",
                "report_export_ms"):
        assert figures[key] > 0
    assert figures["first_partial_ms"] <= figures["first_headline_ms"] <= figures["edit_to_confident_month_shown_ms"]
    assert figures["complete_ms"] <= figures["edit_to_confident_month_shown_ms"]
    assert figures["frames_drawn"] >= 1 and figures["autosaves_measured"] == 3  # one an edit, at most five
    phases = figures["max_gui_stall_ms_by_phase"]
    assert set(phases) == {"edit", "scenario switch", "scenario edit", "undo", "autosave", "live run", "cancel",
                           "what-if", "report"}
    assert figures["max_gui_stall_ms"] == max(phases.values())
    assert all(stall["phase"] in phases and stall["ms"] > 30 for stall in figures["stalls_over_30ms"])


@pytest.mark.parametrize(("args", "said"), [
    (("engine", "--paths", "0"), "'0' is not 1 or more"),
    (("ui", "--edits", "-2"), "'-2' is not 1 or more"),
    (("ui", "--years", "500"), "500 years of the bench plan end at ages it does not allow: Plan until age"),
    (("whatif", "--runs", "x"), "'x' is not a whole number"),
    (("engine", "--paths", "2000000"), "paths must be 1 to 1,000,000, not 2,000,000"),
    (("engine", "--paths", "10", "--years", "500"), "the horizon must be 1 to 100 years, not 500"),
])
def test_bench_sizes_it_cannot_run_are_refused_in_one_line(capsys, args, said):
    status, out, err = run(capsys, "bench", *args)
    assert status == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1


def test_bench_ui_repeats_and_counts_the_runs_within_the_stall_budget(capsys, monkeypatch):
    """Each repeat is a fresh `planner bench ui` process (one is timed whole by the test above); here
    the repeats' figures are gathered and counted, a failed repeat counting over the budget."""
    from planner.ui import benchmark

    runs = [{"max_gui_stall_ms": 31.0, "max_gui_busy_ms": 9.0}, {"failed": 134, "stderr_end": "abort"},
            {"max_gui_stall_ms": 75.0, "max_gui_busy_ms": 60.0}]
    given = iter(runs)
    asked = []
    monkeypatch.setattr(benchmark, "_bench_in_child", lambda *args: asked.append(args) or next(given))
    status, out, _ = run(capsys, "bench", "ui", "--paths", "100", "--edits", "2", "--runs", "1", "--repeat", "3",
                         "--years", "30")
    figures = json.loads(out)
    assert status == 0 and figures["repeats"] == 3 and figures["each"] == runs
    assert asked == [(100, 2, 1, 30)] * 3  # each repeat's process is asked for the same bench
    assert figures["max_gui_stall_ms_each"] == [31.0, None, 75.0]
    assert figures["max_gui_busy_ms_each"] == [9.0, None, 60.0]
    assert figures["stall_under_50ms"] == "1 of 3"


def summary_of(capsys, *args):
    status, out, err = run(capsys, "simulate", *args, "--json", "-")
    assert status == 0, err
    return json.loads(out)["summary"]


def test_the_json_summary_carries_the_answer(demo_file, capsys):
    summary = summary_of(capsys, demo_file, "--paths", 100, "--seed", 8)
    assert summary["plan_until_age"] == 97  # the first adult's age when the partner (2 years younger) turns 95
    assert summary["stop_month"].endswith("-01")  # January of the year the household turns 55
    assert 0 <= summary["ruin_probability"] <= 1 - summary["success_probability"] + 1e-9
    found = summary["fi_at_confidence"]
    assert set(found) == {"month", "age", "confidence", "success_probability", "sampling_error", "paths_measured"}
    assert found["confidence"] == 0.9 and found["success_probability"] >= 0.9
    success = found["success_probability"]  # measured on every path once confirmed
    assert found["paths_measured"] == 100
    assert found["sampling_error"] == pytest.approx(1.96 * (success * (1 - success) / 100) ** 0.5, abs=1e-4)
    year, month = (int(part) for part in found["month"].split("-"))
    assert 1 <= month <= 12 and found["age"] == year - (int(summary["stop_month"][:4]) - 55)


def test_stopping_at_the_confident_month_reproduces_its_success_and_a_month_earlier_falls_short(demo_file, capsys):
    summary = summary_of(capsys, demo_file, "--paths", 100, "--seed", 8)
    found = summary["fi_at_confidence"]
    at = summary_of(capsys, demo_file, "--paths", 100, "--seed", 8, "--stop-at", found["month"])
    assert at["fi_at_confidence"] is None and at["stop_month"] == found["month"]
    assert at["success_probability"] == found["success_probability"] >= 0.9
    year, month = (int(part) for part in found["month"].split("-"))
    earlier = f"{year - (month == 1)}-{(month - 2) % 12 + 1:02d}"
    assert summary_of(capsys, demo_file, "--paths", 100, "--seed", 8, "--stop-at", earlier)["success_probability"] < 0.9


def test_stop_at_an_age_is_january_of_the_year_the_household_turns_it(demo_file, capsys):
    by_age = summary_of(capsys, demo_file, "--mode", "deterministic", "--stop-at", "age:50")
    assert by_age["stop_month"].endswith("-01") and by_age["fi_at_confidence"] is None
    target = summary_of(capsys, demo_file, "--mode", "deterministic", "--stop-at", "age:55")
    default = summary_of(capsys, demo_file, "--mode", "deterministic")
    assert target["stop_month"] == default["stop_month"]
    assert int(target["stop_month"][:4]) - int(by_age["stop_month"][:4]) == 5


def test_the_age_of_a_month_is_the_same_in_simulate_and_compare(demo_file, capsys):
    found = summary_of(capsys, demo_file, "--paths", 100, "--seed", 3)["fi_at_confidence"]
    status, out, _ = run(capsys, "compare", demo_file, "--scenario", "base", "--paths", 100, "--seed", 3)
    assert status == 0 and f"{found['month']} (you {found['age']} / partner {found['age'] - 2})" in out


def test_historical_replay_refuses_a_path_count(demo_file, capsys, tmp_path):
    plan = set_return_model(demo_file, "historical_replay", capsys, tmp_path)
    code, _, err = run(capsys, "simulate", plan, "--returns", SHILLER, "--paths", 100)
    assert code == 1 and "--paths does not apply to historical replay" in err and err.count("\n") == 1


def test_the_expected_path_says_when_it_can_stop_without_claiming_a_confidence(demo_file, capsys):
    status, out, _ = run(capsys, "simulate", demo_file, "--mode", "deterministic")
    assert status == 0
    assert out.splitlines()[0].startswith("On the expected path (no randomness) you can stop saving in ")
    assert "confidence" not in out.splitlines()[0].split(";")[0]



def test_history_as_it_happened_lists_every_start_and_its_outcome_in_the_json(demo_file, capsys, tmp_path):
    code, out, err = run(capsys, "simulate", demo_file, "--return-model", "historical", "--years", 30, "--json", "-")
    assert code == 0, err
    document = json.loads(out)
    starts = document["history_starts"]
    assert len(starts) == 1829 - 30 * 12 + 1 and document["paths"] == len(starts)
    assert [s["start"] for s in starts[:2]] == ["1871-01", "1871-02"] and starts[-1]["start"] == "1993-06"
    assert set(starts[0]) == {"start", "success", "ruin_month", "ending_net_worth_real"}
    success = np.mean([s["success"] for s in starts])
    assert document["summary"]["success_probability"] == pytest.approx(success, abs=1e-4)
    assert document["history"]["success_rate"] == pytest.approx(success, abs=1e-4)
    ruined = [s for s in starts if s["ruin_month"] is not None]
    assert document["summary"]["ruin_probability"] == pytest.approx(len(ruined) / len(starts), abs=1e-4)
    assert all(not s["success"] for s in ruined)  # running out is never a success
    code, _, err = run(capsys, "simulate", demo_file, "--return-model", "historical", "--paths", 10)
    assert code == 1 and "--paths does not apply to historical" in err
