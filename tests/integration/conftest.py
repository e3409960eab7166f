"""Fixtures shared by the command-line tests."""

import pytest

from tests.helpers import run_cli


@pytest.fixture
def demo_file(tmp_path, capsys):
    """A demo plan file made by `planner new --demo`."""
    path = tmp_path / "demo.plan"
    assert run_cli(capsys, "new", path, "--demo")[0] == 0
    return path
