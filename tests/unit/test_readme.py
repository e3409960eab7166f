"""The README's Quick start stays true: two commands, and CI runs the test one verbatim."""

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def quick_start_commands() -> list[str]:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert commands[0].endswith("planner") and "[test]" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"({quick_start_commands()[1]})" in ci


def test_defaults_page_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_defaults", PROJECT / "docs" / "generate_defaults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (PROJECT / "docs" / "defaults.md").read_text(encoding="utf-8") == module.render()
