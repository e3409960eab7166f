"""The report's page on the household's life: who it is, the work it does, its spending phases and
its one-off events, as the plan states them (the timeline chart shows them on the same page)."""

from __future__ import annotations

from html import escape

from planner.domain.plan import Household, Plan
from planner.ui.charts.axes import full_money, percent
from planner.ui.formatting import currency_symbol
from planner.ui.report.sections import table
from planner.ui.summary_panel import short_month


def household_rows(household: Household, currency: str) -> list[list[str]]:
    """The partner and the work, only where the plan has them."""
    symbol, rows = currency_symbol(currency), []
    if household.partner:
        rows.append(["Partner", f"born {household.partner_birth_year}, stops at {household.partner_target_fi_age}, "
                                f"plans until {household.partner_plan_until_age}"])
    for label, amount, growth in (("Net salary", household.monthly_salary, household.salary_growth),
                                  ("Partner's net salary", household.partner_monthly_salary,
                                   household.partner_salary_growth)):
        if amount > 0 and (household.partner or label == "Net salary"):
            rows.append([label, f"{full_money(float(amount), symbol)} a month, "
                                f"{percent(float(growth) / 100, 1)} a year above inflation, until the stop"])
    rows.append(["Saving before the stop", "salaries less planned spending" if household.saving_from_income
                 else f"{full_money(float(household.monthly_savings), symbol)} a month"])
    if household.part_time_income > 0 and household.part_time_years > 0:
        rows.append(["Part-time work after the stop",
                     f"{full_money(float(household.part_time_income), symbol)} a month for "
                     f"{household.part_time_years} years, {household.part_time_hours} hours a month"])
    return [[escape(a), escape(b)] for a, b in rows]


def life_section(plan: Plan) -> str:
    """Household, work, spending phases and events (nothing when the plan has none of them)."""
    symbol = currency_symbol(plan.currency)
    html = "<h2>Income and spending over a life</h2>" + table(["Item", "Value"],
                                                                household_rows(plan.household, plan.currency))
    phases = [[escape(p.name), escape(short_month(p.start) + " – " + (short_month(p.end) if p.end else "the end")),
               escape(full_money(float(p.monthly_amount), symbol)), "yes" if p.included else "no"]
              for p in plan.phases]
    if phases:
        html += "<h3>Spending phases (today's money a month)</h3>" + table(
            ["Phase", "Months", "Amount", "Counts"], phases, numeric_from=2)
    events = [[escape(e.name), escape(short_month(e.month) + (f", every {e.every_years} years, {e.times} times"
                                                              if e.times > 1 else "")),
               escape(("+" if e.windfall else "−") + full_money(float(e.amount), symbol)),
               escape(percent(float(e.probability) / 100)), "yes" if e.included else "no"]
              for e in plan.events]
    if events:
        html += "<h3>One-off events</h3>" + table(["Event", "When", "Amount", "Chance", "Counts"], events,
                                                  numeric_from=2)
    return html
