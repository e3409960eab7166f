"""Passive Income Planner: projects passive income from savings, investments and side businesses."""

__version__ = "0.1.0"
APP_NAME = "Passive Income Planner"
