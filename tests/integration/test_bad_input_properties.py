"""Bad input at every boundary, by property tests: any JSON document, any text in any editor field,
any value of any engine parameter gives a clear message or a valid result; never a traceback, and
nothing is written when the input is refused. (CSV input: tests/unit/export/test_csv_reading.py.)"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.catalogue import ALL_KINDS, KINDS
from planner.domain.problems import PlanProblems
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.validation import validate_plan
from planner.engine.inputs import snapshot
from planner.engine.projection import DETERMINISTIC, ProjectionError, RunOptions, project
from planner.export.plan_json import plan_from_json, plan_to_json
from planner.services.plan_files import import_json
from planner.storage.errors import PlanFileError
from tests.helpers import demo, fresh_demo_file

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6)
TEXTS = st.one_of(st.text(max_size=40), st.sampled_from(["", "-1", "1e400", "NaN", "inf", "12,5", "1 000", "0x10",
                                                          "99999999999999999999999", "٣", "1.005", "--3"]))


def leaves(node, path=()):
    """Every (path, value) of a JSON document."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield from leaves(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from leaves(child, (*path, index))
    yield path, node


def replaced(document, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


DEMO_DOCUMENT = json.loads(plan_to_json(demo()))
DEMO_PATHS = [path for path, _ in leaves(DEMO_DOCUMENT)]


@SETTINGS
@given(where=st.sampled_from(DEMO_PATHS), value=JSON_VALUES)
def test_any_json_document_imports_whole_or_is_refused_with_problems_and_nothing_written(tmp_path_factory, where,
                                                                                         value):
    folder = tmp_path_factory.mktemp("json")
    target = folder / "plan.plan"
    fresh_demo_file(target)  # a copy of one made once: creating a plan file is tested on its own
    before = target.read_bytes()
    source = folder / "in.json"
    source.write_text(json.dumps(replaced(DEMO_DOCUMENT, where, value), allow_nan=True), encoding="utf-8")
    try:
        import_json(target, source)
    except PlanProblems as problems:
        assert problems.problems and all(p.message for p in problems.problems)
        assert target.read_bytes() == before
    except PlanFileError as error:
        assert str(error)
        assert target.read_bytes() == before
    else:
        assert not validate_plan(plan_from_json(source.read_text(encoding="utf-8")))


RECORD_SPECS = [(record, spec) for record, specs in NUMERIC_FIELDS.items() for spec in specs.values()]
PARAM_SPECS = [(kind.key, spec) for kind in ALL_KINDS for spec in kind.params]


@SETTINGS
@given(field=st.sampled_from(RECORD_SPECS + PARAM_SPECS), text=TEXTS)
def test_any_text_in_any_field_is_a_number_in_bounds_or_a_message(field, text):
    """As the editors read a field: the user's locale's number, then the field's own check."""
    from planner.ui.formatting import parse_user_number

    _owner, spec = field
    value, message = spec.check(parse_user_number(text) if text.strip() else text)
    if message is None:
        assert value is not None and spec.minimum <= value <= spec.maximum
    else:
        assert value is None and spec.label in message


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_parameter_value_is_refused_by_name_or_projects_to_finite_numbers(data):
    kind, spec = data.draw(st.sampled_from(PARAM_SPECS))
    value = data.draw(st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**9, max_value=10**9, places=4),
        st.sampled_from([spec.minimum, spec.maximum, spec.minimum - 1, spec.maximum + 1])))
    plan = demo()
    stream = next((s for s in plan.streams if s.kind == kind), None)
    if stream is None:
        from planner.domain.defaults import new_stream

        stream = new_stream(kind, KINDS[kind].name, plan.start, uid="extra")
        plan = replace(plan, streams=(*plan.streams, stream))
    changed = stream.with_param(spec.key, Decimal(value))
    plan = replace(plan, streams=tuple(changed if s.uid == stream.uid else s for s in plan.streams))
    problems = validate_plan(plan)
    if problems:
        assert any(spec.key in p.path for p in problems), problems
        return
    try:
        result = project(snapshot(plan), RunOptions(DETERMINISTIC))
    except ProjectionError as error:  # money beyond float64: said in one sentence
        assert "too large" in str(error) or "overflow" in str(error).lower() or str(error)
        return
    assert np.isfinite(result.net_worth["nominal"]).all()
    assert np.isfinite(result.passive_income["nominal"]).all()
