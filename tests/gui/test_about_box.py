"""The About box names the built-in history's source and licence, as its licence asks."""

from __future__ import annotations


def test_the_about_box_credits_the_built_in_history_and_its_licence(demo_window, qtbot):
    help_menu = next(a.menu() for a in demo_window.menuBar().actions() if a.text() == "&Help")
    assert demo_window.about_action in help_menu.actions()
    demo_window.about_action.trigger()
    box = demo_window.about_box
    qtbot.waitUntil(box.isVisible)
    text = box.text()
    assert "Shiller" in text and "ODC-PDDL-1.0" in text and "1871-2023" in text
    assert "never uses the network" in text
    box.close()
