"""Fixtures shared by the command-line tests."""

import pytest

from tests.helpers import fresh_demo_file


@pytest.fixture
def demo_file(tmp_path):
    """A demo plan file, as `planner new --demo` makes it (tests/integration/test_cli.py runs that
    command itself)."""
    return fresh_demo_file(tmp_path / "demo.plan")
