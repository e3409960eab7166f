"""The command line: every subcommand works, and bad input gives one line and a non-zero status."""

import json
import os
import subprocess
import sys

import pytest

from planner.domain.catalogue import ALL_KINDS
from tests.helpers import run_cli as run


def test_new_export_import_round_trip(tmp_path, capsys):
    plan, out_json, copy = tmp_path / "a.plan", tmp_path / "a.json", tmp_path / "b.plan"
    assert run(capsys, "new", str(plan), "--demo")[0] == 0
    assert run(capsys, "export", str(plan), "--json", str(out_json))[0] == 0
    status, out, _ = run(capsys, "import", str(copy), "--json", str(out_json))
    assert status == 0 and "imported 16 streams" in out
    status, out, _ = run(capsys, "export", str(copy), "--json", "-")
    assert out == out_json.read_text(encoding="utf-8")


def test_new_empty_plan_uses_the_given_name(tmp_path, capsys):
    plan = tmp_path / "mine.plan"
    assert run(capsys, "new", str(plan), "--name", "Our plan")[0] == 0
    _, out, _ = run(capsys, "export", str(plan), "--json", "-")
    document = json.loads(out)
    assert document["plan"]["name"] == "Our plan" and document["plan"]["streams"] == []


def test_catalogue_text_and_json(capsys):
    status, out, _ = run(capsys, "catalogue", "--json")
    kinds = json.loads(out)["kinds"]
    assert status == 0 and [k["key"] for k in kinds] == [k.key for k in ALL_KINDS]
    assert all(param["source"] for kind in kinds for param in kind["params"])
    status, out, _ = run(capsys, "catalogue")
    assert status == 0 and "micro_saas" in out and "rental_property" in out


@pytest.mark.parametrize(("args", "status", "phrase"), [
    (["export"], 2, "required"),
    (["new"], 2, "required"),
    (["catalogue", "--bogus"], 2, "unrecognized"),
    (["export", "missing.plan", "--json", "out.json"], 1, "no such file"),
    (["import", "x.plan", "--json", "missing.json"], 1, "no such file"),
])
def test_bad_command_lines_give_one_line(tmp_path, capsys, monkeypatch, args, status, phrase):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *args)
    assert code == status
    assert phrase in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_file_that_is_not_a_plan_gives_one_line(tmp_path, capsys):
    junk = tmp_path / "junk.plan"
    junk.write_text("not a plan")
    code, _, err = run(capsys, "export", str(junk), "--json", str(tmp_path / "o.json"))
    assert code == 1 and "not a Passive Income Planner plan" in err and err.count("\n") == 1
    assert not (tmp_path / "o.json").exists()


def test_creating_over_an_existing_file_is_refused(tmp_path, capsys):
    plan = tmp_path / "a.plan"
    run(capsys, "new", str(plan))
    code, _, err = run(capsys, "new", str(plan), "--demo")
    assert code == 1 and "already exists" in err


def test_opening_a_missing_plan_in_the_window_says_how_to_create_it(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "planner.app.main", str(tmp_path / "nope.plan")],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert "planner new" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["a file", "under /proc"])
def test_an_unusable_planner_home_gives_one_line(tmp_path, kind):
    home = tmp_path / "a-file" if kind == "a file" else "/proc/nope"
    (tmp_path / "a-file").write_text("x")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(home)}
    result = subprocess.run([sys.executable, "-m", "planner.app.main"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 1
    assert "PLANNER_HOME" in result.stderr and "Traceback" not in result.stderr


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    environment = {key: value for key, value in os.environ.items()
                   if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment["PLANNER_HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-c", "import sys; from planner.app.main import main; sys.exit(main([]))"],
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("planner: no display found:") and done.stderr.count("\n") == 1


def test_a_display_that_does_not_answer_is_said_in_one_line_too(tmp_path):
    """A stale DISPLAY (an X session that has ended) would make Qt abort with exit 134."""
    import os
    import subprocess
    import sys

    environment = {key: value for key, value in os.environ.items()
                   if key not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    environment.update(PLANNER_HOME=str(tmp_path), DISPLAY=":87")
    done = subprocess.run([sys.executable, "-c", "import sys; from planner.app.main import main; sys.exit(main([]))"],
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ("planner: no display found: the X display :87 does not answer; "
                           "the subcommands (planner simulate, export, ...) work without one\n")
