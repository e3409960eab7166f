"""Small builders shared by tests."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from planner.domain.calendar import YearMonth
from planner.domain.demo import demo_plan
from planner.domain.plan import Plan, plan_years

START = YearMonth(2027, 1)


def demo(start: YearMonth = START) -> Plan:
    return demo_plan(start)


def life_plan(start: YearMonth = START) -> Plan:
    """The demo with a partner, salaries, part-time work, spending phases and one-off events, and a
    scenario that changes and leaves out some of them: every field of a life in one plan."""
    from decimal import Decimal

    from planner.domain.plan import OneOffEvent, Override, Scenario, SpendingPhase

    plan = demo_plan(start)
    household = replace(plan.household, partner=True, partner_birth_year=plan.household.birth_year + 3,
                        partner_target_fi_age=57, partner_plan_until_age=97, monthly_salary=Decimal("6200.00"),
                        salary_growth=Decimal("1"), partner_monthly_salary=Decimal("3100.50"),
                        partner_salary_growth=Decimal("0.5"), saving_from_income=True,
                        part_time_income=Decimal("900.00"), part_time_hours=Decimal("60"), part_time_years=5)
    phases = (SpendingPhase("kids", "Children at home", Decimal("1200.00"), start, YearMonth(start.year + 14, 6)),
              SpendingPhase("late", "Quieter late life", Decimal("-600.00"), YearMonth(start.year + 40, 1), None,
                            notes="less travel"),
              SpendingPhase("boat", "Sailing boat", Decimal("300.00"), YearMonth(start.year + 20, 1), None,
                            included=False))
    events = (OneOffEvent("car", "New car", Decimal("32000.00"), False, YearMonth(start.year + 2, 3),
                          every_years=8, times=4),
              OneOffEvent("roof", "Roof", Decimal("18000.00"), False, YearMonth(start.year + 9, 5),
                          inflation_linked=False),
              OneOffEvent("gift", "Inheritance", Decimal("150000.00"), True, YearMonth(start.year + 25, 1),
                          probability=Decimal("60")))
    scenario = Scenario("Bigger life", "more children, no inheritance, a boat", (
        Override("phase:kids", "monthly_amount", "1800"), Override("phase:kids", "end", f"{start.year + 18}-06"),
        Override("event:gift", "included", "false"), Override("phase:boat", "included", "true"),
        Override("household", "partner_monthly_salary", "0")))
    return replace(plan, household=household, phases=phases, events=events, scenarios=(*plan.scenarios, scenario))


def until_age(plan: Plan, age: int) -> Plan:
    """The plan run to the year the first adult turns ``age``: the partner, if any, plans to the same year."""
    household = plan.household
    partner_age = age + household.birth_year - household.partner_birth_year
    return replace(plan, household=replace(household, plan_until_age=age, partner_plan_until_age=partner_age))


def classic_demo(start: YearMonth = START) -> Plan:
    """The demo as plans were before "income and spending over a life": one adult saving a fixed
    amount, no pensions, phases or events, and no accounts or tax tables (what an older file or
    document can hold; the partner's Roth IRA could not be one adult's anyway)."""
    plan = demo_plan(start)
    household = replace(plan.household, partner=False, saving_from_income=False, monthly_salary=Decimal(0),
                        partner_monthly_salary=Decimal(0), partner_birth_year=1990, partner_target_fi_age=55,
                        partner_plan_until_age=95)  # the partner's fields at the defaults an older file gets
    streams = tuple(s for s in plan.streams if s.kind != "state_pension")
    return before_accounts(replace(plan, household=household, streams=streams, phases=(), events=()))


def over_years(plan: Plan, years: int, stop_age: int | None = None) -> Plan:
    """The plan projected over ``years`` whole years (its plan-until age set to match, a partner's
    to the same year) that stops saving at ``stop_age`` (None: never - the target age lies beyond
    the plan)."""
    household = plan.household
    until = plan.start.year - household.birth_year + years - 1
    while plan_years(until_age(plan, until)) < years:
        until += 1
    plan = until_age(plan, until)
    target = until + 1 if stop_age is None else stop_age
    return replace(plan, household=replace(plan.household, target_fi_age=target))


_DEMO_TEMPLATE: list[Path] = []


def fresh_demo_file(path: Path) -> Path:
    """A demo plan file at ``path``, copied from one made once per test process: creating a plan
    file runs its schema migrations, a copy costs a fifth of that. (Creating one is tested on its
    own, by ``planner new`` and the storage tests.)"""
    import atexit
    import shutil
    import tempfile

    from planner.services.plan_files import create_plan

    if not _DEMO_TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="planner-demo-template-"))
        atexit.register(shutil.rmtree, folder, True)
        create_plan(folder / "demo.plan", demo=True).close()
        _DEMO_TEMPLATE.append(folder / "demo.plan")
    shutil.copyfile(_DEMO_TEMPLATE[0], path)
    return Path(path)


def file_bytes(path: Path) -> bytes:
    return Path(path).read_bytes()


def stored_plan(path: Path) -> Plan:
    """The plan as the file on disk holds it (a second connection, as a reopening app would)."""
    from planner.services.plan_files import read_plan

    return read_plan(path)


def saved_plan(window) -> Plan:  # type: ignore[no-untyped-def]
    """What the window's plan file holds once pending autosaves are written."""
    assert window.editor.flush()
    return stored_plan(window.session.path)


__all__ = ["START", "classic_demo", "demo", "file_bytes", "fresh_demo_file", "life_plan", "over_years", "replace",
           "saved_plan", "stored_plan", "until_age"]


def run_cli(capsys, *args) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """`planner ARGS` in this process: (exit status, stdout, stderr)."""
    from planner.app.main import main

    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def returns_csv(months: int = 36, first_year: int = 1990, columns: tuple[str, ...] = ("equities", "inflation")) -> str:
    """A small, valid monthly returns table as CSV text (docs/engine.md, "Returns table")."""
    lines = [",".join(("month", *columns))]
    for index in range(months):
        cells = [f"{first_year + index // 12:04d}-{index % 12 + 1:02d}"]
        cells += [f"{0.1 + index % 4 * 0.1:.1f}" if column == "inflation"
                  else f"{(index * 7 + position * 3) % 11 - 4.5:.1f}" for position, column in enumerate(columns)]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def history_plan(start: YearMonth = START) -> Plan:
    """The demo with two imported returns tables, replaying the second one."""
    from planner.domain.plan import ReturnsTableText

    plan = demo_plan(start)
    tables = (ReturnsTableText("Nineties", returns_csv()), ReturnsTableText("Japan 1989", returns_csv(48, 1989)))
    return replace(plan, returns_tables=tables, assumptions=replace(plan.assumptions, history_table="Japan 1989"))


def before_accounts(plan: Plan) -> Plan:
    """The plan as a file or document from before accounts and tax holds it: no accounts, every stream
    in none, no tax tables, and the domain's default preset, withdrawal order and tax on pay."""
    from dataclasses import fields

    from planner.domain.plan import Assumptions

    added = ("tax_tables", "category_tables", "tax_preset", "withdrawal_order", "pay_tax_rate")
    defaults = {f.name: f.default for f in fields(Assumptions) if f.name in added}
    return replace(plan, accounts=(), streams=tuple(replace(s, account="") for s in plan.streams),
                   assumptions=replace(plan.assumptions, **defaults))


def accounts_plan(start: YearMonth = START) -> Plan:
    """The demo with every field of accounts and tax away from its preset: an edited account, an own
    table stacked on another with an odd allowance, the proportional order, a tax on pay with a
    decimal, and a scenario that changes an account, moves a stream and changes the order."""
    from planner.domain.enums import AccountPreset, AccountType, TaxCategory, WithdrawalOrder
    from planner.domain.plan import Account, Override, Scenario, TaxBracket, TaxTable

    plan = demo_plan(start)
    hsa = Account("hsa", "Health savings", AccountType.TAX_FREE, AccountPreset.CUSTOM, Decimal("4312.50"), 65,
                  Decimal("17.5"), 0, owner=2, fill_order=4, included=False, notes="kept for late-life care")
    tables = (*plan.assumptions.tax_tables,
              TaxTable("Crypto", Decimal("1234.56"), (TaxBracket(Decimal(0), Decimal("0")),
                                                      TaxBracket(Decimal("5000.25"), Decimal("27.5"))),
                       stacked_on="Ordinary income"))
    categories = (*(c for c in plan.assumptions.category_tables if c[0] is not TaxCategory.CRYPTO),
                  (TaxCategory.CRYPTO, "Crypto"))
    assumptions = replace(plan.assumptions, tax_tables=tables, category_tables=categories, tax_preset="custom",
                          withdrawal_order=WithdrawalOrder.PROPORTIONAL, pay_tax_rate=Decimal("30.5"))
    scenario = Scenario("Roth first", "the bond fund in the Roth, the 401(k) open from 55", (
        Override("stream:treasuries", "account", "roth"), Override("stream:divetf", "account", ""),
        Override("account:k401", "access_age", "55"), Override("account:hsa", "included", "true"),
        Override("account:roth", "account_type", "tax_deferred"),
        Override("assumptions", "withdrawal_order", "low_bracket_first"),
        Override("assumptions", "pay_tax_rate", "12")))
    return replace(plan, accounts=(*plan.accounts, hsa), assumptions=assumptions,
                   scenarios=(*plan.scenarios, scenario))
