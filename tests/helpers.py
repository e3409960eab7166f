"""Small builders shared by tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planner.domain.calendar import YearMonth
from planner.domain.demo import demo_plan
from planner.domain.plan import Plan

START = YearMonth(2027, 1)


def demo(start: YearMonth = START) -> Plan:
    return demo_plan(start)


def file_bytes(path: Path) -> bytes:
    return Path(path).read_bytes()


__all__ = ["START", "demo", "file_bytes", "replace"]
