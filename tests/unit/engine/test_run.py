"""The projection generator: chunks, partial results, cancellation, modes; the returns table."""

import threading

import numpy as np
import pytest

from planner.domain.enums import ReturnModel, WithdrawalMethod
from planner.engine.history import ReturnsTableError, bootstrap_rows, parse_returns_table, replay_rows
from planner.engine.inputs import snapshot
from planner.engine.projection import (
    CHUNK_ELEMENTS,
    FIRST_CHUNK_PATHS,
    ProjectionError,
    RunOptions,
    chunk_sizes,
    project,
    run,
)
from tests.helpers import START, demo, over_years, replace


def small_demo(years=6):
    return snapshot(demo()).with_years(years)


def test_chunks_start_small_cover_every_path_and_stay_bounded():
    sizes = chunk_sizes(10_000, 480, 20)
    assert sizes[0] == FIRST_CHUNK_PATHS and sum(sizes) == 10_000
    assert max(sizes) * 480 * 20 <= CHUNK_ELEMENTS
    assert chunk_sizes(10, 12, 0) == [10]


def test_partials_refine_until_every_path_is_done():
    partials = list(run(small_demo(), RunOptions(paths=900, seed=3)))
    done = [p.paths_done for p in partials]
    assert done[0] == FIRST_CHUNK_PATHS and done == sorted(done) and done[-1] == 900
    assert partials[-1].finished and not partials[0].finished
    first, last = partials[0].projection(), partials[-1].projection()
    assert first.paths_done == FIRST_CHUNK_PATHS and last.paths_done == 900


def test_a_run_can_be_cancelled_between_chunks():
    stop = threading.Event()
    partials = []
    for partial in run(small_demo(), RunOptions(paths=900), should_stop=stop.is_set):
        partials.append(partial)
        stop.set()
    assert [p.paths_done for p in partials] == [FIRST_CHUNK_PATHS]
    generator = run(small_demo(), RunOptions(paths=900))
    next(generator)
    generator.close()  # a consumer may also just stop iterating


def test_a_run_stops_inside_a_chunk_not_only_between_chunks():
    asked = []

    def stop_in_the_third_year() -> bool:
        asked.append(True)
        return len(asked) > 3

    assert list(run(small_demo(), RunOptions(paths=900), should_stop=stop_in_the_third_year)) == []
    assert len(asked) == 4  # once before the run, then inside the first chunk, which stopped at the first yes


def test_deterministic_mode_is_one_expected_path():
    result = project(small_demo(), RunOptions(mode="deterministic"))
    worth = result.net_worth["real"]
    assert result.paths_done == 1 and np.array_equal(worth[0], worth[-1])


def test_monte_carlo_paths_differ_and_seeds_reproduce():
    a = project(small_demo(), RunOptions(paths=300, seed=11))
    b = project(small_demo(), RunOptions(paths=300, seed=11))
    c = project(small_demo(), RunOptions(paths=300, seed=12))
    np.testing.assert_array_equal(a.net_worth["real"], b.net_worth["real"])
    assert not np.array_equal(a.net_worth["real"], c.net_worth["real"])
    assert (a.percentile(a.net_worth["real"], 10) < a.percentile(a.net_worth["real"], 90)).all()


def test_a_plan_without_streams_gives_finite_zero_income():
    plan = replace(demo(), streams=(), scenarios=(), phases=(), events=())
    plan = replace(plan, household=replace(plan.household, saving_from_income=False))  # the fixed saving
    result = project(snapshot(plan).with_years(3), RunOptions(paths=100))
    assert np.all(result.passive_income["real"] == 0)
    # savings with nowhere to go are kept as cash: net worth is what was saved, in today's money
    saving = float(plan.household.monthly_savings)
    assert result.percentile(result.net_worth["real"], 50)[-1] == pytest.approx(saving * 36, rel=0.05)


def test_unknown_mode_and_historical_model_without_table_are_refused():
    with pytest.raises(ProjectionError, match="unknown mode"):
        list(run(small_demo(), RunOptions(mode="fast")))
    plan = demo()
    plan = replace(plan, assumptions=replace(plan.assumptions, return_model=ReturnModel.BLOCK_BOOTSTRAP))
    with pytest.raises(ProjectionError, match="returns table"):
        list(run(snapshot(plan), RunOptions(paths=10)))


def table_text(rows=30, header="month,equities,inflation"):
    lines = [header] + [f"{1950 + i // 12}-{i % 12 + 1:02d},{(i % 7) - 2.5},{0.1 + (i % 3) / 10}" for i in range(rows)]
    return "\n".join(lines)


def test_returns_table_is_standardized_per_column():
    table = parse_returns_table(table_text())
    shocks = table.shocks(1)  # equities
    assert table.rows == 30 and table.first_month == "1950-01"
    assert abs(shocks.mean()) < 1e-12 and shocks.std() == pytest.approx(1.0)
    assert abs(table.inflation_deviation().mean()) < 1e-12


@pytest.mark.parametrize(("text", "phrase"), [
    ("", "empty"),
    ("equities\n1", "'month' column"),
    ("month,stocks\n2000-01,1", "unknown column 'stocks'"),
    (table_text(10), "at least 24 months"),
    (table_text().replace("1951-03", "1951-05"), "does not follow"),
    (table_text().replace("1951-03,", "1951-03,abc"), "not a number"),
    ("month,equities\n" + "\n".join(f"{2000 + i // 12}-{i % 12 + 1:02d},-100" for i in range(30)),
     "above -100"),
    ("month,equities\n" + "\n".join(f"{2000 + i // 12}-{i % 12 + 1:02d},1" for i in range(30)), "never changes"),
])
def test_bad_returns_tables_are_refused_with_a_reason(text, phrase):
    with pytest.raises(ReturnsTableError, match=phrase):
        parse_returns_table(text)


def test_replay_starts_each_path_one_month_later_and_wraps():
    rows = replay_rows(5, 7)
    assert rows.shape == (7, 5)
    assert rows[:, 0].tolist() == [0, 1, 2, 3, 4, 0, 1]
    assert rows[0].tolist() == [0, 1, 2, 3, 4]


def test_bootstrap_strings_together_consecutive_blocks():
    rows = bootstrap_rows(100, 36, 50, np.random.default_rng(1), block=12)
    steps = np.diff(rows, axis=0) % 100
    inside = np.ones(35, dtype=bool)
    inside[[11, 23]] = False  # block boundaries
    assert np.all(steps[inside] == 1)
    assert len(np.unique(rows[0])) > 30  # blocks start at random months


def test_fi_date_range_and_income_at_the_stop_come_from_the_paths():
    result = project(snapshot(demo()), RunOptions(paths=600, seed=5))
    low, high = result.fi_month_range
    assert low is not None and result.median_fi_month is not None
    assert low <= result.median_fi_month and (high is None or result.median_fi_month <= high)
    share_by_low = result.fi_probability[low // 12]
    assert share_by_low >= 0.1 - 1e-9  # by the end of that year, at least a tenth have reached FI
    stop_year = result.stop_month // 12
    assert result.income_at_stop_real == pytest.approx(result.percentile(result.passive_income["real"], 50)[stop_year])
    assert result.income_at_stop_real > 0


def savings_account(uid, start_month, amount, apy):
    from decimal import Decimal

    from planner.domain.defaults import new_stream
    from planner.domain.enums import IncomePolicy
    from tests.helpers import START

    stream = new_stream("high_yield_savings", uid, START.plus(start_month), uid=uid)
    stream = stream.with_param("rate_drift", Decimal(0)).with_param("apy", Decimal(apy))
    return replace(stream, starting_amount=Decimal(amount), income_policy=IncomePolicy.PAY_OUT)


@pytest.mark.parametrize("method", list(WithdrawalMethod))
def test_a_purchase_after_the_stop_is_paid_for_whatever_the_withdrawal_method(method):
    # Stopping at once (5 % on a million against 100 a month); a 100,000 account bought in month 13
    # must be paid for from capital, not booked as unpaid spending, so net worth is the same every way.
    from decimal import Decimal

    plan = demo()
    plan = replace(plan, scenarios=(), streams=(savings_account("a", 0, "1000000", "5"),
                                                savings_account("b", 13, "100000", "0")),
                   household=replace(plan.household, monthly_expenses=Decimal(100), monthly_savings=Decimal(0),
                                     inflation=Decimal(0)),
                   fi_rule=replace(plan.fi_rule, withdrawal_method=method))
    plan = over_years(plan, 3, stop_age=START.year - plan.household.birth_year)
    result = project(snapshot(plan), RunOptions(mode="deterministic"))
    reference = replace(plan, fi_rule=replace(plan.fi_rule, withdrawal_method=WithdrawalMethod.CONSTANT_REAL))
    expected = project(snapshot(reference), RunOptions(mode="deterministic"))
    assert result.stop_month == 0 and result.shortfall_real.sum() == 0 and result.success_probability == 1.0
    np.testing.assert_allclose(result.net_worth["nominal"], expected.net_worth["nominal"])


def test_money_owed_is_still_owed_after_the_stop():
    # No savings and no liquid money: a locked 1,000,000 crowdfunding stake bought in month 5 is
    # bought on credit. Net worth stays near the income earned less the interest owed, not a million.
    from decimal import Decimal

    from planner.domain.defaults import new_stream

    stake = replace(new_stream("real_estate_crowdfunding", "stake", START.plus(5), uid="stake"),
                    starting_amount=Decimal(1_000_000))
    plan = demo()
    plan = replace(plan, scenarios=(), streams=(stake,),
                   household=replace(plan.household, monthly_expenses=Decimal(100), monthly_savings=Decimal(0),
                                     inflation=Decimal(0)))
    plan = over_years(plan, 2, stop_age=START.year - plan.household.birth_year)
    result = project(snapshot(plan), RunOptions(mode="deterministic"))
    assert result.net_worth["nominal"][3][-1] < 150_000  # was 1.08 million when FI wrote the debt off


def test_a_chunk_of_replay_paths_is_the_matching_slice_of_all_of_them():
    assert np.array_equal(replay_rows(50, 30, 20, 10), replay_rows(50, 30)[:, 20:30])
