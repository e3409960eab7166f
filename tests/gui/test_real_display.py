"""The window opens on a real X server (Xvfb), not only offscreen. .ci/run installs xvfb."""

import os
import shutil
import subprocess
import sys

import pytest

SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from planner.app.gui import application, open_window_session
from planner.ui.main_window import MainWindow
app = application()
assert QApplication.platformName() == "xcb", QApplication.platformName()
session, lock = open_window_session(None)
window = MainWindow(session, lock)
window.show()
for _ in range(50):
    app.processEvents()
image = window.grab()
assert image.width() > 800 and not image.isNull()
image.save(sys.argv[1])
window.close()
print("shown", len(session.plan.streams))
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (.ci/run installs it)")
def test_window_opens_under_xvfb(tmp_path):
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", sys.executable, "-c", SCRIPT, str(tmp_path / "x.png")],
        env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "shown 16" in result.stdout  # the demo plan, opened on first start
    assert (tmp_path / "x.png").stat().st_size > 20_000
