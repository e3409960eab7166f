"""Test configuration: Qt offscreen, and no test ever touches the real user folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Forced, not defaulted: a desktop session's QT_QPA_PLATFORM (wayland, xcb, or an empty value) would
# otherwise put test windows on the user's screen, or abort Qt where there is no display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

#: The repository's shared test data, beside the project checkout (never copied into it).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def planner_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own PLANNER_HOME, so the default plan and logs land in a temp folder."""
    home = tmp_path_factory.mktemp("planner-home")
    monkeypatch.setenv("PLANNER_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    return home
