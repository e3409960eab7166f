"""Fixtures shared by the widget tests."""

import pytest


@pytest.fixture
def us_locale():
    """Pin the locale so texts are predictable, and restore it for the tests that follow."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)
