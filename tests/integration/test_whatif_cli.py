"""The what-if commands headless: answers, plain refusals, and nothing written unless asked."""

from __future__ import annotations

import re

import pytest

from planner.domain.enums import StrategyPreset
from planner.engine.stress import PRESETS
from tests.helpers import file_bytes, run_cli, stored_plan, until_age

FEW = ("--paths", "250", "--seed", "4")  # one chunk of the engine's (FIRST_CHUNK_PATHS)
FEWEST = ("--paths", "100", "--seed", "4")  # for the commands that run a stop-month search per mix or input


@pytest.fixture
def short_demo_file(tmp_path):
    """The demo plan to age 65 instead of 95, for the commands that run a projection per mix or per
    input: their plumbing is what is checked here, and 28 years instead of 58 halve every run."""

    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession

    path = tmp_path / "short-demo.plan"
    plan = demo_plan()
    PlanSession.create(path, until_age(plan, 65)).close()
    return path


@pytest.fixture
def small_demo_file(tmp_path):
    """The short demo with four of its streams (all three sleeves: an account, two funds, staking),
    its fixed saving and no scenarios, phases or events: each mix a suggestion tries runs its
    stop-month search on few streams, and some mixes keep the limit."""
    return small_demo(tmp_path, ("Emergency fund", "Total-market index fund", "Dividend ETF", "ETH staking"))


@pytest.fixture
def four_stream_demo_file(tmp_path):
    """The small demo to 60 with one stream in each sleeve and the rental: sensitivity moves 12
    inputs instead of 31, each down and up with its own search."""
    return small_demo(tmp_path, ("Emergency fund", "Total-market index fund", "Flat B", "ETH staking"), age=60)


def small_demo(tmp_path, kept, age=65):
    from dataclasses import replace

    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession

    path = tmp_path / "small-demo.plan"
    plan = demo_plan()
    streams = tuple(s for s in plan.streams if s.name in kept)
    household = replace(plan.household, saving_from_income=False)  # the fixed 2,800 a month
    PlanSession.create(path, replace(until_age(replace(plan, household=household), age), streams=streams,
                                     scenarios=(), phases=(), events=())).close()
    return path


def test_stress_list_names_every_preset_with_its_claim(capsys):
    status, out, _ = run_cli(capsys, "stress", "--list")
    assert status == 0
    for test in PRESETS:
        assert test.key in out and test.claim in out and test.source in out


@pytest.mark.slow
def test_simulate_with_a_stress_compares_it_with_the_unstressed_plan(capsys, demo_file):
    status, out, err = run_cli(capsys, "simulate", demo_file, "--stress", "equity-crash", *FEW)
    assert status == 0, err
    assert "Unstressed" in out and "2008-like equity crash" in out
    assert "Streams hit: Dividend ETF, Total-market index fund, REIT fund." in out
    confident_row = next(line for line in out.splitlines() if line.startswith("Can stop saving"))
    assert re.search(r"\(\+\d+ months?\)", confident_row)  # the crash puts off the confident stop month


@pytest.mark.slow
def test_simulate_stress_csv_differs_from_the_plain_csv(capsys, short_demo_file, tmp_path):
    plain, stressed = tmp_path / "plain.csv", tmp_path / "stressed.csv"
    assert run_cli(capsys, "simulate", short_demo_file, "--csv", plain, *FEW)[0] == 0
    assert run_cli(capsys, "simulate", short_demo_file, "--csv", stressed, "--stress", "high-inflation",
                   "--stress-year", "2030", *FEW)[0] == 0
    plain_rows, stressed_rows = plain.read_text().splitlines(), stressed.read_text().splitlines()
    assert plain_rows[:4] == stressed_rows[:4]  # header and the years before 2030
    assert plain_rows[-1] != stressed_rows[-1]


@pytest.mark.parametrize(("args", "message"), [
    (("--stress", "meteor"), "no stress test named 'meteor'"),
    (("--stress", "rate-shock", "--stress-year", "1990"), "within the projection"),
])
def test_bad_stress_requests_are_refused_in_one_line(capsys, demo_file, args, message):
    status, _, err = run_cli(capsys, "simulate", demo_file, *args, *FEW)
    assert status == 1 and message in err and len(err.strip().splitlines()) == 1


@pytest.fixture
def fixed_saving_file(tmp_path):
    """The demo to 65 saving its fixed 2,800 a month instead of what the salaries leave: a saving to
    solve for (each step of the search is a run of its own)."""
    from dataclasses import replace

    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession

    path = tmp_path / "fixed-saving.plan"
    plan = until_age(demo_plan(), 65)
    PlanSession.create(path, replace(plan, household=replace(plan.household, saving_from_income=False))).close()
    return path


@pytest.mark.slow
def test_solve_saving_answers_with_the_probability_achieved(capsys, fixed_saving_file):
    status, out, err = run_cli(capsys, "solve", fixed_saving_file, "--goal", "saving", "--fi-age", "50",
                               "--probability", "0.8", *FEW)
    assert status == 0, err
    match = re.match(r"Save ([\d,]+) USD a month .* it gives ([\d.]+) %, ([\d,]+) USD gives ([\d.]+) %", out)
    assert match, out
    saving, achieved, less, below = match.groups()
    assert int(less.replace(",", "")) == int(saving.replace(",", "")) - 1
    assert float(achieved) >= 80 > float(below)


def test_solve_saving_is_refused_in_one_line_when_saving_follows_income(capsys, tmp_path):
    from planner.services.plan_session import PlanSession
    from tests.helpers import life_plan

    path = tmp_path / "life.plan"
    PlanSession.create(path, life_plan()).close()
    status, _, err = run_cli(capsys, "solve", path, "--goal", "saving", *FEW)
    assert status == 1 and "follows from income" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_solve_answer_matches_a_simulation_of_the_plan_with_it(capsys, short_demo_file):
    from planner.services.plan_files import read_plan
    from planner.services.whatif.goals import solve

    plan = read_plan(short_demo_file)
    answer = solve(plan, "fi-age", 0.75, paths=250, seed=4)
    status, out, _ = run_cli(capsys, "solve", short_demo_file, "--goal", "fi-age", "--probability", "75%", *FEW)
    assert status == 0 and out.strip() == answer.text
    assert "With the plan as it is, the household can stop saving in" in out
    assert answer.answer.achieved >= 0.75 > answer.answer.step_beyond


def plan_without_money(capsys, tmp_path):
    """A new plan with no streams and no saving: nothing ever pays for a month of spending."""
    import json

    empty, exported = tmp_path / "empty.plan", tmp_path / "empty.json"
    assert run_cli(capsys, "new", empty)[0] == 0
    assert run_cli(capsys, "export", empty, "--json", exported)[0] == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["plan"]["household"]["monthly_savings"] = "0.00"
    exported.write_text(json.dumps(document), encoding="utf-8")
    broke = tmp_path / "broke.plan"
    assert run_cli(capsys, "import", broke, "--json", exported)[0] == 0
    return broke


def test_out_of_reach_goals_are_said_plainly(capsys, tmp_path):
    broke = plan_without_money(capsys, tmp_path)
    status, out, _ = run_cli(capsys, "solve", broke, "--goal", "fi-age", "--paths", "100", "--seed", "1")
    assert status == 0 and out.startswith("Not reachable before age 95:"), out
    # stopping in the first month leaves no time to save, whatever the saving
    first_age = str(stored_plan(broke).start.year - stored_plan(broke).household.birth_year)
    status, out, _ = run_cli(capsys, "solve", broke, "--goal", "saving", "--fi-age", first_age, "--paths", "100",
                             "--seed", "1")
    assert status == 0 and out.startswith("Out of reach:"), out


@pytest.mark.parametrize(("args", "message", "code"), [
    (("--goal", "saving", "--probability", "1.5"), "a probability lies between 0 and 1", 2),
    (("--goal", "saving", "--probability", "80"), "say 0.8 or 80%", 2),
    (("--goal", "saving", "--probability", "lots"), "is not a probability", 2),
    (("--goal", "expenses", "--fi-age", "200"), "age 200 is not within the plan", 1),
    (("--goal", "fi-age", "--fi-age", "50"), "give --probability, not --fi-age", 1),
    (("--goal", "wealth",), "invalid choice", 2),
    (("--goal", "saving", "--scenario", "Nope"), "no scenario named 'Nope'", 1),
])
def test_bad_goals_are_refused_in_one_line(capsys, demo_file, args, message, code):
    status, _, err = run_cli(capsys, "solve", demo_file, *args, *FEW)
    assert status == code and message in err, err


@pytest.mark.slow
def test_compare_lists_every_scenario_with_differences(capsys, short_demo_file):
    status, out, err = run_cli(capsys, "compare", short_demo_file, *FEWEST)
    assert status == 0, err
    header = out.splitlines()[0]
    assert "Base plan" in header and "Barbell" in header and "Dividend snowball" in header
    assert "months)" in out and "pts)" in out
    status, out, _ = run_cli(capsys, "compare", short_demo_file, "--scenario", "Barbell", "--scenario", "base", *FEWEST)
    assert status == 0 and out.splitlines()[0].split()[1] == "Barbell"


@pytest.mark.slow
def test_suggest_keeps_the_limit_and_saves_a_scenario_only_when_asked(capsys, small_demo_file):
    before = file_bytes(small_demo_file)
    args = ("suggest", small_demo_file, "--limit-age", "60", "--floor", "1000", "--step", "50", *FEWEST)
    status, out, err = run_cli(capsys, *args)
    assert status == 0, err
    assert "Suggested:" in out and "Trade-off" in out
    assert file_bytes(small_demo_file) == before
    status, out, err = run_cli(capsys, *args, "--save-scenario", "Suggested")
    assert status == 0, err
    scenario = stored_plan(small_demo_file).scenario("Suggested")
    fields = {(o.target, o.field): o.value for o in scenario.overrides}
    assert fields[("strategy", "preset")] == StrategyPreset.CUSTOM.value
    weights = [int(fields[("strategy", f"{s}_weight")]) for s in ("safe", "core", "speculative")]
    assert sum(weights) == 100
    status, _, err = run_cli(capsys, *args, "--save-scenario", "Suggested")
    assert status == 1 and "already has a scenario named 'Suggested'" in err


def test_suggest_with_an_impossible_floor_says_so(capsys, demo_file):
    status, out, _ = run_cli(capsys, "suggest", demo_file, "--limit-age", "60", "--floor", "1e9", "--step", "50",
                             *FEWEST)
    assert status == 0 and "No mix tried keeps the limit" in out


@pytest.mark.slow
def test_sensitivity_and_explain_print_their_tables(capsys, four_stream_demo_file):
    status, out, err = run_cli(capsys, "sensitivity", four_stream_demo_file, *FEWEST)
    assert status == 0, err
    assert "Monthly expenses ±10 %" in out and "Market returns ±1 point a year" in out and "Flat B: yield" in out
    status, out, err = run_cli(capsys, "explain", four_stream_demo_file, *FEWEST)
    assert status == 0, err
    assert "of the gap to the average path" in out and "stock markets:" in out
    assert "effective income sources" in out and "Passivity" in out


@pytest.fixture
def snowball_demo_file(tmp_path):
    """The short demo with the six streams its "Dividend snowball" scenario changes or needs (the
    dividend ETF, REITs and the rental it leaves out, and one stream in each sleeve), its scenarios,
    phases and events: a suggestion's mixes run their searches on six streams, not sixteen."""
    from dataclasses import replace

    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession

    path = tmp_path / "snowball-demo.plan"
    plan = until_age(demo_plan(), 65)
    kept = ("emergency", "divetf", "indexfund", "reits", "flatb", "staking")
    PlanSession.create(path, replace(plan, streams=tuple(s for s in plan.streams if s.uid in kept))).close()
    return path


def test_suggest_for_a_scenario_keeps_that_scenarios_changes_when_saved(capsys, snowball_demo_file):
    status, out, err = run_cli(capsys, "suggest", snowball_demo_file, "--limit-age", "60", "--floor", "1000",
                               "--step", "50", "--scenario", "Dividend snowball",
                               "--save-scenario", "Snowball suggestion", *FEWEST)
    assert status == 0, err
    assert "Flat B" not in out  # the scenario leaves the rental out
    plan = stored_plan(snowball_demo_file)
    saved = {(o.target, o.field): o.value for o in plan.scenario("Snowball suggestion").overrides}
    assert saved[("stream:flatb", "included")] == "false"
    assert saved[("strategy", "preset")] == StrategyPreset.CUSTOM.value


def test_solve_refuses_an_impossible_run_in_one_line(capsys, demo_file):
    status, _, err = run_cli(capsys, "solve", demo_file, "--goal", "fi-age", "--paths", "600000")
    assert status == 1 and "path-years" in err and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_compare_measures_every_scenario_at_the_base_plans_target_age(capsys, short_demo_file):
    from planner.domain.plan import Override, Scenario
    from planner.services.commands import AddScenario
    from planner.services.plan_session import PlanSession
    from planner.services.whatif.comparison import compare

    session = PlanSession.open(short_demo_file)
    # both adults seven years earlier, so that the partner stops as long after the household as before
    session.execute(AddScenario(Scenario("Early", "", (Override("household", "target_fi_age", "48"),
                                                        Override("household", "partner_target_fi_age", "46")))))
    plan = session.plan
    session.close()
    result = compare(plan, [None, "Early"], paths=100, seed=3)
    row = next(m for m in result.metrics if m.label == "Success stopping at age 55")
    base, early = result.projections
    assert early.stop_month == base.stop_month == base.target_month  # both stop at the base plan's 55
    assert early.target_month < base.target_month  # though the scenario's own target is 48
    assert row.values[1] == row.values[0]  # same plan but the target, same paths: the same success at 55
    status, out, _ = run_cli(capsys, "solve", short_demo_file, "--goal", "expenses", "--scenario", "Early", *FEWEST)
    assert status == 0 and "stopping saving at age 48" in out
