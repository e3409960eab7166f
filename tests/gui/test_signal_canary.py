"""Canary for PySide6 6.12.0 on Python 3.11, which aborts after ~1,000 Signal.emit() calls.

The emits run in a child process so an abort shows up as a failed test, not a dead test run.
"""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Emitter(QObject):
        changed = Signal(bool)

    app = QCoreApplication([])
    emitter = Emitter()
    seen = []
    emitter.changed.connect(seen.append)
    for index in range(20000):
        emitter.changed.emit(index % 2 == 0)
    print(len(seen))
""")


def test_many_signal_emits_do_not_abort():
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"child died with {result.returncode}: {result.stderr[-2000:]}"
    assert result.stdout.strip() == "20000"


def test_installed_pyside6_is_not_the_broken_combination():
    import PySide6

    assert not (PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12))
