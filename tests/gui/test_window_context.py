"""The window's collaborators see it only through ``WindowContext``: the main window implements the
protocol, and the what-if window, the holdings import and the exchange commands work over a stand-in
that is not a ``MainWindow`` at all."""

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from planner.services.commands import Change
from planner.services.plan_files import create_plan
from planner.ui.exchange_commands import ExchangeCommands
from planner.ui.holdings_import_dialog import HoldingsImportDialog
from planner.ui.whatif.compare_panel import ComparePanel
from planner.ui.whatif.dialog import WhatIfDialog
from planner.ui.window_context import PlanHost, WindowContext


class _Signals(QObject):
    changed = Signal(object)


class StandIn:
    """Just the protocol: a session, the base plan, a recorder of commands and messages."""

    def __init__(self, session, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
        self.session = session
        self.scenario = None
        self.parent = parent
        self.signals = _Signals()
        self.performed: list = []
        self.said: list[str] = []

    @property
    def plan_changed(self):  # type: ignore[no-untyped-def]
        return self.signals.changed

    def perform(self, command):  # type: ignore[no-untyped-def]
        self.performed.append(command)
        return None

    def edit_field(self, target, field_name, value, label=""):  # type: ignore[no-untyped-def]
        return None

    def show_problem(self, text: str) -> None:
        self.said.append(text)

    def show_message(self, text: str, milliseconds: int = 8000) -> None:
        self.said.append(text)

    def flush(self) -> bool:
        return True

    def dialog_parent(self) -> QWidget:
        return self.parent


@pytest.fixture
def stand_in(qtbot, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    session = create_plan(tmp_path / "demo.plan", demo=True)
    yield StandIn(session, parent)
    session.close()


def test_the_main_window_is_a_plan_host(demo_window):
    assert isinstance(demo_window, PlanHost)
    assert isinstance(demo_window, WindowContext)
    assert demo_window.dialog_parent() is demo_window
    assert demo_window.plan_changed is not None


def test_the_stand_in_is_a_context_and_an_unrelated_object_is_not(stand_in):
    assert isinstance(stand_in, WindowContext)
    assert not isinstance(stand_in, PlanHost)  # no lock, no switching plans
    assert not isinstance(QWidget(), WindowContext)


def test_the_whatif_window_works_over_the_protocol(stand_in):
    dialog = WhatIfDialog(stand_in)
    assert dialog.parent() is stand_in.parent
    assert all(panel.plan is stand_in.session.plan for panel in dialog.panels)
    compare = next(panel for panel in dialog.panels if isinstance(panel, ComparePanel))
    listed = [compare.choices.item(i).text() for i in range(compare.choices.count())]
    assert listed[1:] == [scenario.name for scenario in stand_in.session.plan.scenarios]
    stand_in.plan_changed.emit(Change())  # the panels follow edits through the protocol's signal
    assert all(panel._edits == 1 for panel in dialog.panels)


def test_the_import_and_export_work_over_the_protocol(stand_in):
    exchange = ExchangeCommands(stand_in)
    assert exchange.import_action().parent() is stand_in.parent
    dialog = HoldingsImportDialog(stand_in)
    assert dialog.parent() is stand_in.parent
    exchange.stop()
