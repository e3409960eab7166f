"""Property tests of the projection engine's invariants, on plans drawn at random.

Plans are built from the catalogue with every parameter drawn inside its FieldSpec bounds (ends
included), so anything a user can type is fair game. Example counts, paths and horizons are kept
small so the file runs in seconds.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from planner.domain.catalogue import KINDS, OWNER
from planner.domain.defaults import new_plan, new_stream
from planner.domain.enums import (
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    TaxCategory,
    WithdrawalMethod,
)
from planner.domain.fields import FieldSpec
from planner.domain.plan import Plan, Stream
from planner.domain.record_fields import HOUSEHOLD_FIELDS
from planner.engine.inputs import MAX_YEARS, snapshot
from planner.engine.market import CRYPTO, EQUITIES, build_market
from planner.engine.metrics import Projection
from planner.engine.projection import MAX_PATH_YEARS, MAX_PATHS, ProjectionError, RunOptions, project
from tests.helpers import START, demo, over_years

PROPERTY = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DETERMINISTIC = RunOptions(mode="deterministic")
PARAMETRIC_MODELS = (ReturnModel.LOGNORMAL, ReturnModel.STUDENT_T, ReturnModel.REGIME_SWITCHING)
UNREACHABLE = Decimal("100000000")  # expenses no test stream can cover: FI never interferes


# --------------------------------------------------------------------------------------------
# Strategies


def within(spec: FieldSpec) -> st.SearchStrategy[Decimal]:
    """A value the spec accepts, with its bounds and default drawn often."""
    ends = st.sampled_from([spec.minimum, spec.maximum, spec.default])
    if spec.integer:
        inner = st.integers(int(spec.minimum), int(spec.maximum)).map(Decimal)
    else:
        inner = st.decimals(min_value=spec.minimum, max_value=spec.maximum, places=2, allow_nan=False,
                            allow_infinity=False)
    return st.one_of(ends, inner)


@st.composite
def random_stream(draw: st.DrawFn, index: int, kinds: tuple[str, ...] = tuple(KINDS)) -> Stream:
    kind_key = draw(st.sampled_from(kinds))
    name = f"s{index}"
    stream = new_stream(kind_key, name, START.plus(draw(st.sampled_from([0, 0, 0, 7, 30]))), uid=name)
    for spec in KINDS[kind_key].params:
        # these plans have no partner, so a pension belongs to the first adult (validation refuses adult 2)
        stream = stream.with_param(spec.key, Decimal(1) if spec.key == OWNER else draw(within(spec)))
    return replace(stream,
                   starting_amount=draw(st.sampled_from([Decimal(0), Decimal("2500.00"), Decimal("100000.00")])),
                   monthly_contribution=draw(st.sampled_from([Decimal(0), Decimal("50.00")])),
                   income_policy=draw(st.sampled_from(list(IncomePolicy))),
                   tax_category=draw(st.sampled_from(list(TaxCategory))),
                   sleeve=draw(st.sampled_from(list(Sleeve))),
                   weight=draw(st.sampled_from([Decimal(0), Decimal(1), Decimal(3)])))


@st.composite
def random_plan(draw: st.DrawFn, streams: st.SearchStrategy[list[Stream]] | None = None) -> Plan:
    plan = new_plan("random", START)
    household_specs = {spec.key: spec for spec in HOUSEHOLD_FIELDS}
    household = replace(plan.household,
                        monthly_expenses=draw(st.sampled_from([Decimal("100.00"), Decimal("4000.00"),
                                                               Decimal("25000.00")])),
                        monthly_savings=draw(st.sampled_from([Decimal(0), Decimal("1500.00"),
                                                              Decimal("20000.00")])),
                        inflation=draw(within(household_specs["inflation"])))
    fi_rule = replace(plan.fi_rule, kind=draw(st.sampled_from(list(FIRuleKind))),
                      withdrawal_method=draw(st.sampled_from(list(WithdrawalMethod))),
                      fixed_withdrawal_rate=draw(st.booleans()),
                      safe_withdrawal_rate=draw(st.sampled_from([Decimal(0), Decimal(4), Decimal(20)])))
    strategy = replace(plan.strategy, rebalancing=draw(st.sampled_from(list(Rebalancing))))
    assumptions = replace(plan.assumptions, return_model=draw(st.sampled_from(PARAMETRIC_MODELS)),
                          seed=draw(st.integers(0, 2**32 - 1)),
                          sell_property_last_resort=draw(st.booleans()))
    years = draw(st.integers(5, 20))
    first_age = START.year - plan.household.birth_year
    stop_age = draw(st.one_of(st.none(), st.integers(first_age, first_age + years - 1)))
    if streams is None:
        count = draw(st.integers(1, 4))
        chosen = [draw(random_stream(i)) for i in range(count)]
    else:
        chosen = draw(streams)
    return over_years(replace(plan, household=household, fi_rule=fi_rule, strategy=strategy, assumptions=assumptions,
                              streams=tuple(chosen)), years, stop_age)


def finite_everywhere(projection: Projection) -> list[str]:
    """Names of the projection's numbers that are NaN or infinite (passivity may be infinite for
    a stream without hours, by definition)."""
    arrays = {
        "net_worth.nominal": projection.net_worth["nominal"], "net_worth.real": projection.net_worth["real"],
        "passive_income.nominal": projection.passive_income["nominal"],
        "passive_income.real": projection.passive_income["real"],
        "coverage": projection.coverage, "shortfall_real": projection.shortfall_real,
        "fi_probability": projection.fi_probability, "fi_year_share": projection.fi_year_share,
        "max_drawdown": projection.max_drawdown, "expenses": projection.expenses,
        "expenses_real": projection.expenses_real, "work_income_real": projection.work_income_real,
        "events_real": projection.events_real,
        "effective_sources": projection.effective_sources, "sleeve_value": projection.sleeve_value,
        "scalars": np.array([projection.fi_by_target, projection.ruin_probability, projection.success_probability,
                             projection.rule_success or 0.0]),
    }
    for figures in projection.streams:
        arrays[f"{figures.name}.income"] = figures.income
        arrays[f"{figures.name}.income_real"] = figures.income_real
        arrays[f"{figures.name}.totals"] = np.array([figures.total_income_real, figures.hours, figures.worst_share])
        passivity = figures.passivity
        if not (math.isfinite(passivity) or (passivity == math.inf and figures.hours == 0)):
            arrays[f"{figures.name}.passivity"] = np.array([passivity])
    return [name for name, array in arrays.items() if not np.all(np.isfinite(np.asarray(array, dtype=np.float64)))]


# --------------------------------------------------------------------------------------------
# Never NaN or inf


@PROPERTY
@given(plan=random_plan(), paths=st.integers(64, 200))
def test_random_plans_give_finite_projections_in_monte_carlo(plan, paths):
    try:
        projection = project(snapshot(plan), RunOptions(mode="montecarlo", paths=paths))
    except ProjectionError as refusal:  # extreme yields reinvested for decades: a clear refusal
        assert "overflows" in str(refusal)
        return
    assert finite_everywhere(projection) == []
    assert projection.paths_done == paths
    assert np.all(np.diff(projection.fi_probability) >= 0)
    assert np.all((projection.fi_probability >= 0) & (projection.fi_probability <= 1))


@PROPERTY
@given(plan=random_plan())
def test_random_plans_give_finite_projections_in_deterministic_mode(plan):
    try:
        projection = project(snapshot(plan), DETERMINISTIC)
    except ProjectionError as refusal:
        assert "overflows" in str(refusal)
        return
    assert finite_everywhere(projection) == []
    assert set(np.unique(projection.fi_probability)) <= {0.0, 1.0}  # one path: FI or not


# --------------------------------------------------------------------------------------------
# Money is conserved through reinvestment and pooling


#: Capital kinds whose growth factor is exactly 1 with these settings, so capital only changes by
#: money paid in and income kept; each earns a known, possibly zero, rate.
FLAT = {
    "high_yield_savings": ({"rate_drift": 0}, "apy"),
    # no early-withdrawal penalty: selling a CD to pay for a later stream would lose it, by design
    "certificate_of_deposit": ({"rate_drift": 0, "early_withdrawal_penalty_months": 0}, "apy"),
    "bonds": ({"rate_volatility": 0, "default_rate": 0, "expense_ratio": 0}, "bond_yield"),
    "p2p_lending": ({"default_rate": 0, "platform_fee": 0, "platform_failure_probability": 0}, "gross_rate"),
    "real_estate_crowdfunding": ({"appreciation": 0, "fees": 0, "loss_rate": 0}, "target_yield"),
}


@st.composite
def flat_stream(draw: st.DrawFn, index: int) -> Stream:
    kind_key = draw(st.sampled_from(sorted(FLAT)))
    fixed, rate_key = FLAT[kind_key]
    name = f"flat{index}"
    start = START.plus(draw(st.sampled_from([0, 0, 5, 13])))
    stream = new_stream(kind_key, name, start, uid=name)
    for key, value in fixed.items():
        stream = stream.with_param(key, Decimal(value))
    rate_spec = KINDS[kind_key].param(rate_key)
    stream = stream.with_param(rate_key, draw(st.one_of(st.just(Decimal(0)), within(rate_spec))))
    return replace(stream,
                   starting_amount=draw(st.decimals(0, 1_000_000, places=2)),
                   monthly_contribution=draw(st.sampled_from([Decimal(0), Decimal("75.50")])),
                   income_policy=draw(st.sampled_from(list(IncomePolicy))),
                   tax_category=draw(st.sampled_from(list(TaxCategory))),
                   sleeve=draw(st.sampled_from(list(Sleeve))),
                   weight=draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("2.5")])))


@PROPERTY
@given(data=st.data(), count=st.integers(1, 5), savings=st.decimals(0, 10_000, places=2),
       rebalancing=st.sampled_from(list(Rebalancing)), years=st.integers(5, 20))
def test_money_is_conserved_through_reinvesting_and_pooling(data, count, savings, rebalancing, years):
    streams = [data.draw(flat_stream(i)) for i in range(count)]
    plan = new_plan("conservation", START)
    # without interest on money owed (a later purchase with nothing liquid to pay it is owed; its
    # interest is a cost, conserved in tests/unit/engine/test_answer.py)
    plan = replace(plan, assumptions=replace(plan.assumptions, overdraft_rate=Decimal(0)))
    plan = over_years(replace(plan, streams=tuple(streams),
                              household=replace(plan.household, monthly_savings=savings, monthly_expenses=UNREACHABLE,
                                                inflation=Decimal(0)),
                              strategy=replace(plan.strategy, rebalancing=rebalancing)), years)
    snap = snapshot(plan)
    projection = project(snap, DETERMINISTIC)
    months = snap.months
    # Money in: starting amounts of streams held at the start (later ones are bought with the
    # household's own money), savings every month, and fixed contributions while a stream runs.
    held = sum(float(s.starting_amount) for s in streams if s.start == START)
    paid_in = float(savings) * months + sum(float(s.monthly_contribution) * (months - s.start.index + START.index)
                                            for s in streams)
    # Income kept: everything after tax except what is paid out (spent while saving).
    kept = sum(float(figures.income.sum()) for figures, s in zip(projection.streams, streams, strict=True)
               if s.income_policy is not IncomePolicy.PAY_OUT)
    final = projection.percentile(projection.net_worth["nominal"], 50)[-1]
    assert final == pytest.approx(held + paid_in + kept, rel=1e-5, abs=0.01)
    if all(s.param(FLAT[s.kind][1]) == 0 for s in streams):  # no income at all: only money paid in
        assert kept == 0.0
        assert final == pytest.approx(held + paid_in, rel=1e-6, abs=0.01)


@pytest.mark.parametrize("rebalancing", list(Rebalancing))
@pytest.mark.parametrize("later_weighted_stream", [False, True])
def test_rebalancing_keeps_the_money_of_streams_without_weight(rebalancing, later_weighted_stream):
    # Weight 0 means "send this stream no new savings", not "give its money away": whatever the
    # rebalancing, a zero-rate account of 50,000 plus 12 x 100 of savings a year must stay in
    # the household's net worth (the example the conservation property above shrank to).
    account = replace(new_stream("high_yield_savings", "old account", START, uid="old"), weight=Decimal(0),
                      starting_amount=Decimal("50000.00"), params=(("apy", Decimal(0)), ("rate_drift", Decimal(0))))
    streams = [account]
    if later_weighted_stream:  # the stream that takes new money only opens in year 3
        fund = replace(new_stream("high_yield_savings", "new account", START.plus(30), uid="new"),
                       starting_amount=Decimal(0), params=(("apy", Decimal(0)), ("rate_drift", Decimal(0))))
        streams.append(fund)
    plan = new_plan("weights", START)
    plan = over_years(replace(plan, streams=tuple(streams),
                              household=replace(plan.household, monthly_savings=Decimal("100.00"),
                                                monthly_expenses=UNREACHABLE, inflation=Decimal(0)),
                              strategy=replace(plan.strategy, rebalancing=rebalancing)), 5)
    projection = project(snapshot(plan), DETERMINISTIC)
    expected = 50_000.0 + 1_200.0 * np.arange(1, 6)
    assert projection.percentile(projection.net_worth["nominal"], 50) == pytest.approx(expected, rel=1e-6)


# --------------------------------------------------------------------------------------------
# More savings never lowers the chance of FI


#: Capital kinds and a business or two. Rebalancing is off in this test because it makes FI
#: non-monotone in savings: it splits a sleeve by current holdings, so savings that land on a
#: low-yield stream of a sleeve dilute the high-yield stream's share of it. Checked by hand:
#: safe sleeve = 10,000 at 25 % (weight 1) + an empty 0 % account (weight 1000), core = 1,000,000
#: at 0 %, expenses 5,000, yearly rebalancing: FI in month 20 saving nothing, month 65 saving
#: 5,000 a month. Without rebalancing every path's capital in every stream is non-decreasing in
#: savings (savings split by fixed weights, pro-rata sales), income is linear in capital, and FI
#: comes no later.
MONOTONE_KINDS = ("high_yield_savings", "certificate_of_deposit", "bonds", "dividend_stocks", "index_fund", "reit",
                  "robo_advisor", "p2p_lending", "real_estate_crowdfunding", "crypto_staking", "defi_lending",
                  "liquidity_pool", "trading_bot", "digital_collectibles", "digital_product", "online_store")


@PROPERTY
@given(data=st.data(), savings=st.sampled_from([Decimal(0), Decimal("1000.00"), Decimal("3000.00")]),
       extra=st.sampled_from([Decimal("500.00"), Decimal("3000.00"), Decimal("10000.00")]),
       expenses=st.sampled_from([Decimal("1000.00"), Decimal("2500.00"), Decimal("4000.00")]),
       mode=st.sampled_from(["montecarlo", "deterministic"]))
def test_more_savings_never_lowers_the_probability_of_fi(data, savings, extra, expenses, mode):
    count = data.draw(st.integers(1, 4))
    streams = st.tuples(*(random_stream(i, MONOTONE_KINDS) for i in range(count))).map(list)
    plan = data.draw(random_plan(streams))
    # savings and expenses of a size that puts FI inside the horizon on many paths
    household = replace(plan.household, monthly_savings=savings, monthly_expenses=expenses,
                        inflation=min(plan.household.inflation, Decimal(10)))
    plan = replace(plan, strategy=replace(plan.strategy, rebalancing=Rebalancing.NONE), household=household)
    richer = replace(plan, household=replace(household, monthly_savings=savings + extra))
    options = RunOptions(mode=mode, paths=100)
    try:
        base = project(snapshot(plan), options)
        more = project(snapshot(richer), options)
    except ProjectionError:  # e.g. a 30 % yield growing 50 % a year while the price halves: refused
        reject()  # (the richer plan may be the one that grows past 10^300)
    # (cumulative shares are float sums, equal counts may differ in the last bit)
    assert np.all(more.fi_probability >= base.fi_probability - 1e-12)
    assert more.fi_by_target >= base.fi_by_target


def test_more_savings_never_lowers_the_probability_of_fi_on_the_demo_plan():
    # A fixed anchor for the property above, on a plan where FI falls inside the horizon (saving the
    # fixed monthly amount, not what the salaries leave).
    plan = demo()
    plan = replace(plan, household=replace(plan.household, saving_from_income=False))
    plan = over_years(replace(plan, strategy=replace(plan.strategy, rebalancing=Rebalancing.NONE)), 25)
    curves = []
    for savings in ("0", "500.00", "1500.00", "4000.00"):
        richer = replace(plan, household=replace(plan.household, monthly_savings=Decimal(savings)))
        curves.append(project(snapshot(richer), RunOptions(mode="montecarlo", paths=200)).fi_probability)
    for less, more in itertools.pairwise(curves):
        assert np.all(more >= less - 1e-12)
    assert curves[-1].sum() > curves[0].sum()  # and saving more does help here


# --------------------------------------------------------------------------------------------
# Extreme inputs


def largest_values(kind_key: str, name: str) -> Stream:
    """A stream of the kind with every growth, return, yield and rate at its catalogue maximum
    and risks switched off, so nothing cancels the growth (a pension is the first adult's: these
    plans have no partner)."""
    stream = new_stream(kind_key, name, START, uid=name)
    for spec in KINDS[kind_key].params:
        key = spec.key
        if any(word in key for word in ("probability", "loss", "fee", "cost", "expense", "decay", "churn",
                                        "vacancy", "haircut", "default", "stop", OWNER)):
            value = spec.minimum
        else:
            value = spec.maximum
        stream = stream.with_param(key, value)
    return replace(stream, starting_amount=Decimal("1000000.00"))


def test_index_fund_total_return_is_bounded_by_the_catalogue():
    spec = KINDS["index_fund"].param("total_return")
    assert spec.maximum == Decimal(50)  # a 1000 % return cannot be entered; see the market test below
    assert spec.check("1000")[0] is None


def finite_or_refused(plan: Plan, options: RunOptions) -> list[str]:
    """Non-finite parts of the projection; a clear ProjectionError refusal is also acceptable."""
    try:
        projection = project(snapshot(plan), options)
    except ProjectionError as refusal:
        assert "\n" not in str(refusal)
        return []
    return finite_everywhere(projection)


@pytest.mark.parametrize("mode", ["deterministic", "montecarlo"])
@pytest.mark.parametrize("kind_key", list(KINDS))
def test_every_kind_at_its_largest_values_for_seventy_years_is_finite_or_refused(kind_key, mode):
    # seventy years of the largest values, saving for fifty of them and living on the result after
    plan = new_plan("extreme", START)
    plan = replace(plan, streams=(largest_values(kind_key, "max"),),
                   household=replace(plan.household, monthly_savings=Decimal("100000000"), inflation=Decimal(50)))
    plan = over_years(plan, 70, stop_age=START.year - plan.household.birth_year + 50)
    assert finite_or_refused(plan, RunOptions(mode=mode, paths=64)) == []


@pytest.mark.parametrize("mode", ["deterministic", "montecarlo"])
@pytest.mark.parametrize("kind_key", list(KINDS))
def test_every_kind_at_its_smallest_values_is_finite(kind_key, mode):
    stream = new_stream(kind_key, "min", START, uid="min")
    for spec in KINDS[kind_key].params:
        stream = stream.with_param(spec.key, spec.minimum)
    plan = new_plan("smallest", START)
    plan = replace(plan, streams=(replace(stream, starting_amount=Decimal("10000.00")),),
                   household=replace(plan.household, inflation=Decimal(-5)))
    plan = over_years(plan, 10, stop_age=START.year - plan.household.birth_year + 5)
    assert finite_everywhere(project(snapshot(plan), RunOptions(mode=mode, paths=64))) == []


@pytest.mark.parametrize("kind_key", ["dividend_stocks", "reit"])
def test_default_dividend_streams_stay_finite_over_seventy_years(kind_key):
    # Catalogue defaults, nothing extreme but the longest horizon and a thousand paths.
    plan = new_plan("long", START)
    plan = over_years(replace(plan, streams=(new_stream(kind_key, "payer", START, uid="payer"),),
                              household=replace(plan.household, monthly_savings=Decimal(0))), 70)
    assert finite_everywhere(project(snapshot(plan), RunOptions(mode="montecarlo", paths=1000))) == []


@pytest.mark.parametrize("shock_class", [EQUITIES, CRYPTO])
@pytest.mark.parametrize("model", PARAMETRIC_MODELS)
def test_market_gross_takes_a_1000_percent_mean(shock_class, model):
    mean, volatility, paths = np.array([10.0]), np.array([3.0]), 50_000
    det = build_market(12, 1, 0.0, model, np.random.default_rng(1), True)
    assert det.gross(mean, volatility, shock_class)[:, 0, 0] == pytest.approx(11.0 ** (1 / 12))
    market = build_market(12, paths, 0.0, model, np.random.default_rng(2), False)
    gross = market.gross(mean, volatility, shock_class)[:, :, 0]
    assert np.all(np.isfinite(gross)) and np.all(gross > 0)
    if model is ReturnModel.REGIME_SWITCHING:  # persistent regimes: the yearly mean is the one kept
        yearly = gross.prod(axis=0)
        assert abs(yearly.mean() - 11.0) < 4 * yearly.std() / math.sqrt(paths)
    else:  # each month keeps the entered mean: E[G] = 11^(1/12), within four standard errors
        assert abs(gross.mean() - 11.0 ** (1 / 12)) < 4 * gross.std() / math.sqrt(gross.size)


def test_horizon_runs_up_to_a_hundred_years_and_no_further():
    snap = snapshot(new_plan("horizon", START))
    assert snap.with_years(MAX_YEARS).months == 1200
    for years in (0, MAX_YEARS + 1):
        with pytest.raises(ValueError, match="1 to 100"):
            snap.with_years(years)


@pytest.mark.parametrize("mode", ["deterministic", "montecarlo"])
def test_a_plan_without_streams_keeps_its_savings_as_cash(mode):
    plan = new_plan("empty", START)
    plan = over_years(replace(plan, household=replace(plan.household, monthly_savings=Decimal("1000.00"),
                                                      inflation=Decimal(0))), MAX_YEARS)
    projection = project(snapshot(plan), RunOptions(mode=mode, paths=100))
    assert finite_everywhere(projection) == []
    assert projection.streams == ()
    assert np.all(projection.fi_probability == 0.0)
    assert np.all(projection.passive_income["nominal"] == 0.0)
    worth = projection.net_worth["nominal"]
    if mode == "deterministic":  # cash earns nothing: the savings paid in, exactly
        assert worth == pytest.approx(np.broadcast_to(12_000.0 * np.arange(1, MAX_YEARS + 1), worth.shape), rel=1e-6)
    else:  # savings follow each path's price level around the expected 0 % inflation
        assert np.all(np.diff(projection.percentile(worth, 5)) > 0)


@pytest.mark.parametrize(("paths", "years", "message"), [
    (MAX_PATHS + 1, 10, "paths must be 1 to 1,000,000"),
    (0, 10, "paths must be 1 to"),
    (10 * MAX_PATHS, 10, "paths must be 1 to"),
    (MAX_PATHS, MAX_YEARS, "path-years"),
    (MAX_PATH_YEARS // 60 + 1, 60, "path-years"),
])
def test_a_huge_path_count_is_refused_clearly(paths, years, message):
    plan = new_plan("huge", START)
    plan = over_years(replace(plan, streams=(new_stream("index_fund", "fund", START, uid="fund"),)), years)
    with pytest.raises(ProjectionError, match=message) as refused:
        project(snapshot(plan), RunOptions(mode="montecarlo", paths=paths))
    assert "\n" not in str(refused.value)
