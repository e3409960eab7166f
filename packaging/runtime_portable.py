"""PyInstaller runtime hook: portable mode.

When a folder named ``portable-data`` sits beside the frozen executable (for example on a USB
stick), the app keeps its default plan, settings and log there instead of in the user's data
folder. An explicit PLANNER_HOME still wins.
"""

import os
import sys
from pathlib import Path

_portable = Path(sys.executable).resolve().parent / "portable-data"
if _portable.is_dir() and not os.environ.get("PLANNER_HOME"):
    os.environ["PLANNER_HOME"] = str(_portable)
