"""Field references: the stored (target, field) texts are spelled and read in one place, and round-trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.field_refs import INCLUDED, PLAN, RECORDS, TAX_RATES, FieldRef, param_field, param_key
from planner.domain.plan import Override
from planner.domain.scenarios import apply_scenario
from tests.helpers import demo


def test_each_kind_of_reference_has_the_stored_form_files_already_use():
    assert FieldRef.plan("name").key == ("plan", "name")
    assert FieldRef.tax_rate("rental").key == ("tax_rates", "rental")
    assert FieldRef.record("household", "monthly_savings").key == ("household", "monthly_savings")
    assert FieldRef.stream("flatb", "weight").key == ("stream:flatb", "weight")
    assert FieldRef.stream("flatb", INCLUDED).key == ("stream:flatb", "included")
    assert FieldRef.stream_param("flatb", "monthly_rent").key == ("stream:flatb", "params.monthly_rent")


def test_a_record_must_be_one_of_the_plans_records():
    with pytest.raises(ValueError, match="not a record"):
        FieldRef.record("streams", "weight")


def test_parsing_tells_streams_parameters_and_records_apart():
    param = FieldRef.parse("stream:flatb", "params.monthly_rent")
    assert (param.owner, param.uid, param.name, param.param) == ("stream", "flatb", "monthly_rent", True)
    common = FieldRef.parse("stream:flatb", "sleeve")
    assert common.is_stream and not common.param and common.name == "sleeve"
    record = FieldRef.parse("strategy", "core_weight")
    assert record.is_record and not record.is_stream and record.uid == ""
    assert not FieldRef.parse(PLAN, "name").is_record and not FieldRef.parse(TAX_RATES, "rental").is_record


def test_parameter_field_texts():
    assert param_field("apy") == "params.apy"
    assert param_key("params.apy") == "apy"
    assert param_key("weight") is None


names = st.text(st.characters(codec="ascii", categories=("L", "N", "Pc")), min_size=1, max_size=20)


@given(uid=names, name=names, param=st.booleans())
def test_a_stream_reference_round_trips_through_its_stored_form(uid, name, param):
    ref = FieldRef.stream_param(uid, name) if param else FieldRef.stream(uid, name)
    assert FieldRef.parse(*ref.key) == ref
    assert Override.at(ref, "1").ref == ref


@given(owner=st.sampled_from((PLAN, TAX_RATES, *RECORDS)), name=names)
def test_a_plan_or_record_reference_round_trips_through_its_stored_form(owner, name):
    ref = FieldRef(owner, name)
    assert FieldRef.parse(*ref.key) == ref


def test_the_demo_scenarios_stored_overrides_still_apply():
    plan = demo()
    scenario = next(s for s in plan.scenarios if any(o.target.startswith("stream:") for o in s.overrides))
    seen = apply_scenario(plan, scenario)
    left_out = [o.ref.uid for o in scenario.overrides if o.ref.name == INCLUDED and o.value == "false"]
    assert left_out == ["flatb"]
    assert "flatb" not in {s.uid for s in seen.streams} and len(seen.streams) == len(plan.streams) - 1


def test_field_commands_name_the_field_they_set():
    from decimal import Decimal

    from planner.services.commands import SetRecordField, SetStreamField

    rent = SetStreamField("flatb", "params.monthly_rent", Decimal(1))
    assert rent.ref == FieldRef.stream_param("flatb", "monthly_rent")
    assert SetStreamField("flatb", "weight", Decimal(1)).ref == FieldRef.stream("flatb", "weight")
    savings = SetRecordField("household", "monthly_savings", Decimal(1))
    assert savings.ref == FieldRef.record("household", "monthly_savings")
