"""Test configuration: Qt offscreen, and no test ever touches the real user folders."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pytest

import planner  # noqa: F401  # first, before any test module loads numpy: it keeps OpenBLAS to one thread

# Forced, not defaulted: a desktop session's QT_QPA_PLATFORM (wayland, xcb, or an empty value) would
# otherwise put test windows on the user's screen, or abort Qt where there is no display.
# The offscreen screen is a 1920 x 1080 desktop (its default is 800 x 600, smaller than any screen
# the window is made for), so windows open at the size users see.
OFFSCREEN_SCREEN = Path(__file__).resolve().parent / "data" / "offscreen-1920x1080.json"
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFSCREEN_SCREEN}"

# One process per core already runs the tests (pytest-xdist): a pool of engine workers in each would
# only crowd the same cores. The workers have their own tests (tests/unit/engine/test_workers.py),
# which set the variable themselves; children (the window's projection process) inherit it.
os.environ.setdefault("PLANNER_WORKERS", "1")

#: The repository's shared test data, beside the project checkout (never copied into it).
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported so far (Qt, numpy, SQLAlchemy, every test module) lives as long as the
    test process: frozen out of the collector's reach, a full collection no longer walks it. The
    suite made about a hundred full collections of some 170 ms each (17 s of CPU) before."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def planner_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own PLANNER_HOME, so the default plan and logs land in a temp folder."""
    home = tmp_path_factory.mktemp("planner-home")
    monkeypatch.setenv("PLANNER_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    return home


# ----- privacy: no test may reach the network ---------------------------------------------------
#: Audit events of the network (PEP 578). A hook cannot be removed, so it guards the whole session.
NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                            "socket.getnameinfo", "socket.sendto", "socket.sendmsg"})
NETWORK_USES: list[str] = []


class NetworkUse(RuntimeError):
    """Raised inside the code that tried to use the network."""


def _network_audit(event: str, args: tuple) -> None:
    if event in NETWORK_EVENTS:
        NETWORK_USES.append(f"{event}{args!r}")
        raise NetworkUse(f"the planner must never use the network: {event}{args!r}")


sys.addaudithook(_network_audit)


@pytest.fixture(autouse=True)
def no_network():
    """Fails the test if anything it ran tried the network, even when the error was swallowed."""
    NETWORK_USES.clear()
    yield
    uses, NETWORK_USES[:] = list(NETWORK_USES), []
    assert not uses, f"network used: {uses}"
