"""Regression tests from a hostile-input review: odd paths, crashes mid-save, absurd numbers."""

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from decimal import Decimal

import pytest

from planner.app.main import main
from planner.domain.calendar import YearMonth
from planner.domain.enums import StrategyPreset
from planner.domain.money import NumberError, parse_decimal
from planner.domain.problems import PlanProblems
from planner.export.plan_json import plan_from_json, plan_to_json
from planner.services.commands import ApplyPreset, SetRecordField, SetStreamField
from planner.services.plan_session import PlanSession
from planner.storage.errors import DamagedPlanError
from planner.storage.plan_store import PlanStore
from tests.helpers import demo


@pytest.mark.parametrize("name", ["dir#x/p.plan", "c%20d.plan", "b?x.plan", "ümlaut dir/plan 1.plan"])
def test_file_names_with_uri_characters_work(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    PlanStore.create(path, demo()).close()
    with PlanStore.open(path) as store:
        assert store.load() == demo()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_plan_left_mid_save_by_a_killed_process_reopens_with_its_last_commit(tmp_path):
    path = tmp_path / "crash.plan"
    PlanStore.create(path, demo()).close()
    child = textwrap.dedent(f"""
        import os, sqlite3
        connection = sqlite3.connect({str(path)!r}, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("DELETE FROM stream_params")
        connection.execute("UPDATE plan SET name = 'half-written'")
        connection.execute("PRAGMA cache_spill = 1")
        for _ in range(200):
            connection.execute("INSERT INTO scenarios(position, name, description) VALUES (1, hex(randomblob(8)), "
                               "hex(randomblob(4000)))")
        os.kill(os.getpid(), 9)
    """)
    subprocess.run([sys.executable, "-c", child], timeout=60)
    assert (tmp_path / "crash.plan-journal").exists()
    with PlanStore.open(path) as store:
        assert store.load() == demo()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("text", ["1e5000", "1e1000000", "1e-999999", "1" * 30, "0." + "1" * 30])
def test_absurd_numbers_are_refused_plainly(text):
    with pytest.raises(NumberError):
        parse_decimal(text)


@pytest.mark.parametrize("edit", [
    {"household": {"monthly_expenses": "1e5000"}},
    {"household": {"inflation": "2.12345678901234567890123456789"}},
    {"notes": "\ud800"},
])
def test_bad_values_in_json_become_problems_not_tracebacks(edit):
    document = json.loads(plan_to_json(demo()))
    if "notes" in edit:
        document["plan"]["streams"][0]["notes"] = edit["notes"]
    else:
        document["plan"]["household"].update(edit["household"])
    with pytest.raises(PlanProblems):
        plan_from_json(json.dumps(document))


def test_huge_json_integers_and_duplicate_keys_are_refused():
    with pytest.raises(PlanProblems, match="not a usable JSON"):
        plan_from_json('{"version": ' + "9" * 5000 + "}")
    with pytest.raises(PlanProblems, match="appears twice"):
        plan_from_json('{"format": "a", "format": "b"}')


def test_a_non_object_list_item_does_not_shift_the_reported_indexes():
    document = json.loads(plan_to_json(demo()))
    document["plan"]["streams"][0] = 5
    document["plan"]["streams"][3]["starting_amount"] = "-5.00"
    with pytest.raises(PlanProblems) as error:
        plan_from_json(json.dumps(document))
    assert [p.path for p in error.value.problems] == ["$.plan.streams[0]"]


@pytest.mark.parametrize("name", ["a\x7fb", "line\u2028break", "next\x85line"])
def test_names_with_control_characters_are_refused(name):
    document = json.loads(plan_to_json(demo()))
    document["plan"]["name"] = name
    with pytest.raises(PlanProblems, match="control characters"):
        plan_from_json(json.dumps(document))


def test_months_take_ascii_digits_only():
    with pytest.raises(ValueError):
        YearMonth.parse("٢٠٢٦-٠١")
    with pytest.raises(ValueError):
        YearMonth.parse(" 2026-01")


def test_a_decimal_in_a_whole_number_field_is_refused_and_saving_still_works(tmp_path):
    session = PlanSession.create(tmp_path / "p.plan", demo())
    with pytest.raises(PlanProblems, match="whole number"):
        session.execute(SetRecordField("household", "target_fi_age", Decimal("60")))
    session.execute(SetRecordField("household", "target_fi_age", 60))
    assert PlanSession.open(session.path).plan.household.target_fi_age == 60
    session.close()


def test_custom_preset_keeps_weights_and_uid_cannot_be_edited():
    plan = demo()
    changed, _ = ApplyPreset(StrategyPreset.CUSTOM).apply(plan)
    assert changed.strategy.preset is StrategyPreset.CUSTOM
    assert changed.strategy.safe_weight == plan.strategy.safe_weight
    with pytest.raises(ValueError):
        SetStreamField("emergency", "uid", "zzz")


def test_damaged_contents_are_refused_with_one_line(tmp_path, capsys):
    path = tmp_path / "p.plan"
    PlanStore.create(path, demo()).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE streams SET income_policy = 'bogus' WHERE position = 0")
        connection.commit()
    with pytest.raises(DamagedPlanError), PlanStore.open(path) as store:
        store.load()
    assert main(["export", str(path), "--json", "-"]) == 1
    assert "unreadable values" in capsys.readouterr().err


def test_reading_a_device_is_bounded(tmp_path, capsys):
    assert main(["import", str(tmp_path / "z.plan"), "--json", "/dev/zero"]) == 1
    assert "too large" in capsys.readouterr().err
    assert not (tmp_path / "z.plan").exists()


def test_export_keeps_normal_permissions_and_never_overwrites_the_plan(tmp_path, capsys):
    path = tmp_path / "p.plan"
    PlanStore.create(path, demo()).close()
    out = tmp_path / "out.json"
    assert main(["export", str(path), "--json", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    before = path.read_bytes()
    assert main(["export", str(path), "--json", str(path)]) == 1
    assert "plan itself" in capsys.readouterr().err
    assert path.read_bytes() == before
