"""A process that ends without closing its projection child still ends (services.live_projection)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    from planner.domain.demo import demo_plan
    from planner.services.live_projection import ChildProcessEngine, LiveJob

    if __name__ == "__main__":
        engine = ChildProcessEngine()
        engine.current.value = 1
        for message in engine.messages(LiveJob(1, demo_plan(), 10, monte_carlo=False)):
            pass
        assert engine._process.is_alive()
        print("left open", flush=True)  # and the script ends without engine.close()
""")


def test_a_child_left_open_is_ended_at_exit_not_waited_for():
    """The child is not a daemon (it has worker processes); multiprocessing's exit hook joins such
    children, and before the exit hook of live_projection ended them it waited for ever."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "left open"
