"""Parameters a kind gained (``catalogue.ADDED_PARAMS``): a plan file or JSON document written before they
existed loads, each taking the catalogue's default."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace

from planner.domain.catalogue import ADDED_PARAMS, KINDS
from planner.domain.defaults import new_plan, new_stream
from planner.domain.validation import validate_plan
from planner.export.plan_json import plan_from_json, plan_to_json
from planner.storage.plan_store import PlanStore
from tests.helpers import START


def added_kinds_plan():
    streams = tuple(new_stream(key, key, START, uid=key) for key in ADDED_PARAMS)
    return replace(new_plan("Added", START), streams=streams)


def test_a_document_without_the_added_parameters_reads_them_as_their_defaults():
    plan = added_kinds_plan()
    document = json.loads(plan_to_json(plan))
    for stream in document["plan"]["streams"]:
        for key in ADDED_PARAMS[stream["kind"]]:
            del stream["params"][key]
    read = plan_from_json(json.dumps(document))
    assert read == plan and validate_plan(read) == []
    for key, added in ADDED_PARAMS.items():
        assert [read.stream(key).param(name) for name in added] == [KINDS[key].param(name).default for name in added]


def test_a_plan_file_without_the_added_parameters_opens_with_their_defaults(tmp_path):
    path = tmp_path / "old.plan"
    plan = added_kinds_plan()
    PlanStore.create(path, plan).close()
    names = [name for added in ADDED_PARAMS.values() for name in added]
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(f"DELETE FROM stream_params WHERE key IN ({', '.join('?' * len(names))})", names)
    with PlanStore.open(path) as store:
        assert store.load() == plan
