"""Stalls of the GUI thread, measured and explained (for `planner bench ui` and for finding them).

A 5 ms ``QTimer`` on the GUI thread ticks as long as the event loop turns: the gap between two ticks
is how long the window could not answer. A sampler thread looks at the GUI thread's Python stack
while a tick is late, so each long stall comes with where the GUI thread was (the deepest frames of
the planner and of the libraries it calls; a stack ending in the event loop itself means Qt's own
C++ work, painting or layout, or waiting for the GIL).

Each gap also carries the GUI thread's CPU time within it (``busy``): on a machine shared with other
work a gap can be long while the window did little (its thread waited for a core); the busy time
is what the window itself spent, and is steadier from run to run than the gap. Waiting for the GIL
held by another of the window's threads is a real stall but not busy time.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from types import FrameType

from PySide6.QtCore import QTimer

#: Interval of the heartbeat timer.
PROBE_MS = 5
#: A gap longer than this is a stall worth explaining.
EXPLAIN_MS = 30.0
#: How often the sampler looks at the GUI thread while a tick is late.
SAMPLE_S = 0.002
#: Frames of a sampled stack kept (innermost first), and how many stalls a probe keeps.
STACK_DEPTH = 6
KEPT = 12


@dataclass
class Stall:
    """One gap between ticks longer than EXPLAIN_MS: how long, in which phase, and where the GUI
    thread was most often while it lasted."""

    ms: float
    phase: str | None
    busy_ms: float = 0.0
    stacks: Counter[str] = field(default_factory=Counter)
    sampled: bool = True

    def where(self) -> str:
        if not self.sampled:
            return "not sampled"
        if not self.stacks:
            return "no Python frame sampled (Qt's own work, or no core for the sampler)"
        stack, samples = self.stacks.most_common(1)[0]
        return f"{stack} ({samples} of {sum(self.stacks.values())} samples)"


class StallProbe:
    """``start(phase)``, then ``phase(name)`` as the work moves on, then ``stop()``; ``longest``
    (seconds) overall and ``by_phase``, the same of the busy time in ``longest_busy`` and
    ``busy_by_phase``; ``stalls`` keeps the longest gaps over EXPLAIN_MS with their
    stacks. In phase None (building a window, say) gaps are not counted."""

    def __init__(self, sample: bool = True) -> None:
        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = self.longest_busy = 0.0
        self.by_phase: dict[str, float] = {}
        self.busy_by_phase: dict[str, float] = {}
        self._last_cpu = 0.0
        self.stalls: list[Stall] = []
        self._phase: str | None = None
        self._last = 0.0
        self._sample = sample
        self._current: Counter[str] = Counter()
        self._gui = threading.get_ident()
        self._running = threading.Event()
        self._sampler: threading.Thread | None = None

    def start(self, phase: str | None = None) -> None:
        self._phase = phase
        if phase is not None:
            self.by_phase.setdefault(phase, 0.0)
            self.busy_by_phase.setdefault(phase, 0.0)
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self.timer.start()
        if self._sample and self._sampler is None:
            self._running.set()
            self._sampler = threading.Thread(target=self._watch, name="stall-sampler", daemon=True)
            self._sampler.start()

    def phase(self, name: str | None) -> None:
        """Gaps from here on count for ``name`` (the gap running now ends in the phase it started in)."""
        if not self.timer.isActive():
            self.start(name)
            return
        self._tick()
        self._phase = name
        if name is not None:
            self.by_phase.setdefault(name, 0.0)
            self.busy_by_phase.setdefault(name, 0.0)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap, self._last = now - self._last, now
        busy, self._last_cpu = cpu - self._last_cpu, cpu
        samples, self._current = self._current, Counter()
        if self._phase is None:
            return
        self.longest, self.longest_busy = max(self.longest, gap), max(self.longest_busy, busy)
        self.by_phase[self._phase] = max(self.by_phase.get(self._phase, 0.0), gap)
        self.busy_by_phase[self._phase] = max(self.busy_by_phase.get(self._phase, 0.0), busy)
        if gap * 1000 > EXPLAIN_MS:
            self.stalls.append(Stall(round(gap * 1000, 1), self._phase, round(busy * 1000, 1), samples, self._sample))
            self.stalls.sort(key=lambda stall: -stall.ms)
            del self.stalls[KEPT:]

    def stop(self) -> None:
        self._tick()
        self.timer.stop()
        self._running.clear()
        if self._sampler is not None:
            self._sampler.join()
            self._sampler = None

    def _watch(self) -> None:
        """The sampler thread: the GUI thread's stack while a tick is late."""
        late = EXPLAIN_MS / 2000
        while self._running.is_set():
            time.sleep(SAMPLE_S)
            if time.perf_counter() - self._last > late:
                frame = sys._current_frames().get(self._gui)
                if frame is not None:
                    self._current[describe(frame)] += 1

    def report(self) -> list[dict[str, object]]:
        """The stalls kept, longest first, for the JSON."""
        return [{"ms": stall.ms, "busy_ms": stall.busy_ms, "phase": stall.phase, "where": stall.where()}
                for stall in self.stalls]


def describe(frame: FrameType | None) -> str:
    """The innermost STACK_DEPTH frames as "module:function:line < caller < ..."; the probe's own
    frames and the interpreter's are skipped."""
    parts = []
    while frame is not None and len(parts) < STACK_DEPTH:
        code = frame.f_code
        module = frame.f_globals.get("__name__", "?")
        if module != __name__:
            parts.append(f"{module}:{code.co_name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(parts)
