"""The Decimal-to-float boundary: units converted once, months as offsets, read-only arrays."""

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.tax_presets import FLAT, with_tax_preset
from planner.engine.inputs import POLICIES, snapshot
from tests.helpers import demo


def test_percentages_become_fractions_and_money_stays_money():
    plan = demo()
    snap = snapshot(plan)
    savings = next(g for g in snap.groups if g.kind == "high_yield_savings")
    assert savings.params["apy"][0] == pytest.approx(0.04)
    assert snap.starting_amount[snap.names.index("Emergency fund")] == 18000.0
    assert snap.inflation == pytest.approx(0.025)
    assert snap.sleeve_weights.tolist() == pytest.approx([0.30, 0.60, 0.10])
    flat_b = snap.names.index("Flat B")
    assert snap.tax_rate[flat_b] == 0.0 and snap.income_table[flat_b] == 0  # the demo's ordinary-income table
    flat = snapshot(replace(plan, assumptions=with_tax_preset(plan.assumptions, FLAT)))
    assert flat.tax_rate[flat_b] == pytest.approx(0.22) and flat.income_table[flat_b] == -1


def test_months_are_offsets_from_the_plan_start():
    snap = snapshot(demo())
    # born 1989, the partner 1991, both planning until 95, plan starts 2027-01: through December 2086
    # (the partner's 95th year), 60 whole years
    assert snap.months == (1991 + 95 - 2027 + 1) * 12
    assert snap.age_at(0) == 38 and snap.age_at(snap.months - 1) == 97 == snap.plan_until_age
    assert snap.start[snap.names.index("Flat B")] == 12
    assert snap.end.max() == snap.months - 1
    # target age 55: saving stops in January 2044 = month 204
    assert snap.target_stop_month == (1989 + 55 - 2027) * 12 == snap.month_of_age(55)


def test_scenarios_are_applied_before_conversion():
    plan = demo()
    snap = snapshot(plan, plan.scenario("Dividend snowball"))
    assert "Flat B" not in snap.names
    assert snap.weight[snap.names.index("Dividend ETF")] == 3.0
    assert POLICIES[snap.policy[snap.names.index("REIT fund")]].value == "reinvest"


def test_arrays_are_read_only():
    snap = snapshot(demo())
    with pytest.raises(ValueError):
        snap.starting_amount[0] = 1.0
    group = snap.groups[0]
    with pytest.raises(ValueError):
        next(iter(group.params.values()))[0] = 1.0
    assert all(np.all(np.isfinite(a)) for g in snap.groups for a in g.params.values())
