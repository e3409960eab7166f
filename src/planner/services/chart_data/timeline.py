"""The timeline of the plan's life: spending phases as bars between their months, one-off events as
markers on every month they may happen (costs and windfalls apart, uncertain ones marked), and the
adults' stop months, on the charts' calendar-year axis (year y spans y - 0.5 to y + 0.5, a month its
twelfth of it) with the first adult's age above.

It is drawn from the plan as the shown scenario sees it (``apply_scenario``), not from a projection:
phases and events the scenario leaves out are kept, marked not included, so the chart can grey them.
Money is today's money, as entered."""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.domain.calendar import YearMonth
from planner.domain.plan import OneOffEvent, Plan, SpendingPhase
from planner.services.chart_data.formats import Formats

EMPTY = ("No spending phases or one-off events yet. Add them in the Spending phases and One-off events tabs "
         "above the projection (View > Spending phases, Ctrl+6): children at home, a mortgage, a new car every "
         "8 years, an inheritance.")


@dataclass(frozen=True)
class Bar:
    """A phase: row (0 at the top), from ``start`` to ``end`` on the axis, a month's amount in today's
    money (negative: spending taken off), and its read-out."""

    row: int
    start: float
    end: float
    amount: float
    included: bool
    text: str


@dataclass(frozen=True)
class Marker:
    """One month an event may happen: ``uncertain`` when its probability is below 100 %."""

    row: int
    x: float
    windfall: bool
    uncertain: bool
    included: bool
    text: str


@dataclass(frozen=True)
class StopLine:
    """A stop month on the axis and its label ("you stop at 55")."""

    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    rows: tuple[str, ...]  # one label per row, top to bottom: the phases, then the events
    bars: tuple[Bar, ...]
    markers: tuple[Marker, ...]
    stops: tuple[StopLine, ...]
    first: float  # the plan's first month on the axis
    last: float  # the end of the plan's last year
    births: tuple[int, ...]  # the adults' birth years: the first adult's, then the partner's
    age_label: str  # the age axis's title

    @property
    def empty(self) -> bool:
        return not self.rows

    def row_y(self, row: int) -> float:
        """A row's height on the plot: the first row at the top."""
        return float(len(self.rows) - 1 - row)


def month_x(month: YearMonth) -> float:
    """Where a month starts on the calendar-year axis."""
    return month.year - 0.5 + (month.month - 1) / 12.0


def year_at(x: float) -> int:
    """The calendar year a point of the axis lies in."""
    return math.floor(x + 0.5)


def ages_in(births: tuple[int, ...], year: int) -> str:
    """"age 50", or "you 50 / partner 47" with a partner."""
    if len(births) == 1:
        return f"age {year - births[0]}"
    return f"you {year - births[0]} / partner {year - births[1]}"


def timeline(plan: Plan, formats: Formats, headline: YearMonth | None = None) -> Timeline:
    """The timeline of ``plan`` (a scenario's view); ``headline``: the earliest month the projection
    found one can stop with confidence, marked beside the target stop months when known."""
    household = plan.household
    births = tuple(adult.birth_year for adult in household.adults)
    first, last = month_x(plan.start), household.last_year + 0.5
    rows = tuple(p.name for p in plan.phases) + tuple(e.name for e in plan.events)
    bars = tuple(_bar(row, phase, births, last, formats) for row, phase in enumerate(plan.phases))
    markers = tuple(marker for row, event in enumerate(plan.events, start=len(plan.phases))
                    for marker in _markers(row, event, births, plan.start, last, formats))
    stops = [StopLine(month_x(YearMonth(adult.birth_year + adult.target_stop_age, 1)),
                      f"{who} at {adult.target_stop_age}")
             for adult, who in zip(household.adults, ("you stop", "partner stops"), strict=False)]
    if headline is not None:
        stops.append(StopLine(month_x(headline), "can stop"))
    kept = tuple(stop for stop in stops if first <= stop.x < last)
    partner = ""
    if household.partner:
        gap = household.partner_birth_year - household.birth_year
        partner = (f" (your partner is {abs(gap)} year{'s' * (abs(gap) != 1)} {'younger' if gap > 0 else 'older'})"
                   if gap else " (your partner is the same age)")
    return Timeline(rows, bars, markers, kept, first, last, births, ("Your age" if partner else "Age") + partner)


def _when(month: YearMonth, births: tuple[int, ...]) -> str:
    return f"{month} ({ages_in(births, month.year)})"


def _bar(row: int, phase: SpendingPhase, births: tuple[int, ...], last: float, formats: Formats) -> Bar:
    end = month_x(phase.end) + 1 / 12 if phase.end is not None else last
    amount = float(phase.monthly_amount)
    sign = "+" if amount >= 0 else "-"
    until = f"until {_when(phase.end, births)}" if phase.end is not None else "to the end of the plan"
    text = (f"<b>{phase.name}</b>: {sign}{formats.money(abs(amount))} a month (today's money) from "
            f"{_when(phase.start, births)} {until}" + ("" if phase.included else "<br>not included"))
    return Bar(row, month_x(phase.start), end, amount, phase.included, text)


def _markers(row: int, event: OneOffEvent, births: tuple[int, ...], start: YearMonth, last: float,
             formats: Formats) -> list[Marker]:
    """Each occurrence within the plan; the read-out says which of how many it is."""
    uncertain = event.probability < 100
    what = "windfall" if event.windfall else "cost"
    money = formats.money(float(event.amount)) + (" in today's money" if event.inflation_linked else "")
    chance = f", {event.probability.normalize():f} % chance" if uncertain else ""
    markers = []
    for number, month in enumerate(event.months(), start=1):
        x = month_x(month)
        if month < start or x >= last:
            continue
        count = f" ({number} of {event.times})" if event.times > 1 else ""
        text = (f"<b>{event.name}</b>{count}: {what} of {money} in {_when(month, births)}{chance}"
                + ("" if event.included else "<br>not included"))
        markers.append(Marker(row, x, event.windfall, uncertain, event.included, text))
    return markers


def timeline_hover(data: Timeline, x: float, y: float) -> str | None:
    """The read-out at a point: the year and the adults' ages, what the row under the pointer holds
    then (a phase running, an event that year), and a stop month that year."""
    if data.empty or not data.first <= x < data.last:
        return None
    year = year_at(x)
    lines = [f"<b>{year}</b>: {ages_in(data.births, year)}"]
    row = round(len(data.rows) - 1 - y)
    lines += [bar.text for bar in data.bars if bar.row == row and bar.start <= x < bar.end]
    lines += [m.text for m in data.markers if m.row == row and year_at(m.x) == year]
    lines += [stop.label for stop in data.stops if year_at(stop.x) == year]
    return "<br>".join(lines)


__all__ = ["EMPTY", "Bar", "Marker", "StopLine", "Timeline", "ages_in", "month_x", "timeline", "timeline_hover",
           "year_at"]
