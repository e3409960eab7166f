"""The one list of projection charts: the live view shows them as tabs in this order and the PDF
report draws each of them, so a chart added here appears in both. How tall a chart is printed is
its own ``report_height``, not a table kept elsewhere."""

from __future__ import annotations

from planner.ui.charts.accounts import AccountsChart
from planner.ui.charts.allocation import AllocationChart
from planner.ui.charts.base import ChartBase
from planner.ui.charts.fi_odds import FIChart
from planner.ui.charts.income import IncomeChart
from planner.ui.charts.net_worth import NetWorthChart
from planner.ui.charts.risk_yield import RiskYieldChart
from planner.ui.charts.timeline import TimelineChart

#: Every chart drawn from one run's results, in the live view's tab order.
PROJECTION_CHARTS: tuple[type[ChartBase], ...] = (NetWorthChart, IncomeChart, FIChart, AccountsChart,
                                                  AllocationChart, RiskYieldChart, TimelineChart)
