"""Where plans live: the user's data folder (QStandardPaths), or PLANNER_HOME when set."""

from __future__ import annotations

import os
from pathlib import Path

from planner.storage.errors import PlanFileError

PLAN_SUFFIX = ".plan"
DEFAULT_PLAN_NAME = "default" + PLAN_SUFFIX
ORGANIZATION = "PassiveIncomePlanner"
APPLICATION = "Passive Income Planner"


def data_dir() -> Path:
    """The folder holding the default plan and logs; created on first use.

    PLANNER_HOME moves it (tests, portable installs); otherwise Qt's per-user application data
    location, e.g. ~/.local/share/PassiveIncomePlanner/Passive Income Planner on Linux.
    """
    override = os.environ.get("PLANNER_HOME")
    if override:
        folder = Path(override).expanduser()
    else:
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        folder = Path(location)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        source = "PLANNER_HOME" if override else "the user data folder"
        raise PlanFileError(f"{folder}: cannot be used as {source} ({error.strerror})") from None
    return folder


def default_plan_path() -> Path:
    return data_dir() / DEFAULT_PLAN_NAME


def log_path() -> Path:
    return data_dir() / "planner.log"


def settings_path() -> Path:
    """Window state such as the recent plans (an INI file beside the plans, so PLANNER_HOME moves it too)."""
    return data_dir() / "settings.ini"
