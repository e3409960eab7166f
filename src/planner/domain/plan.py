"""The plan as immutable records. Every number the user owns is a Decimal; see fields.py for units.

Replace a field with ``dataclasses.replace``; services turn such replacements into undoable commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from planner.domain.calendar import YearMonth
from planner.domain.enums import (
    AccountPreset,
    AccountType,
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    StrategyPreset,
    TaxCategory,
    WithdrawalMethod,
    WithdrawalOrder,
)
from planner.domain.field_refs import FieldRef

#: The longest projection: a newborn planning to 100 (more paths x years than this would not fit).
MAX_PLAN_YEARS = 100
#: The key of the history that ships with the app (US 1871-2023, derived from Shiller's data).
BUILT_IN_HISTORY = "built-in"


@dataclass(frozen=True)
class Household:
    """Who the plan is for and what they live on.

    birth_year: for ages on charts and age-based goals.
    monthly_expenses: today's cost of living, grown by inflation in the projection.
    monthly_savings: what the household can put aside each month before FI.
    inflation: expected yearly inflation in percent.
    target_fi_age: the age at which the household means to stop saving (January of the year it
        turns that age).
    plan_until_age: the projection runs to the end of the year the household turns this age.
    partner: whether a second adult belongs to the plan; the ``partner_*`` fields are theirs (kept,
        but unused, while there is no partner). Ages on charts follow the first adult.
    monthly_salary, partner_monthly_salary: net pay a month in today's money, until each adult's
        stop month.
    salary_growth, partner_salary_growth: yearly rise of that pay above inflation, in percent.
    saving_from_income: True: the monthly saving before the stop is the salaries less the month's
        planned spending (negative draws on capital); False: ``monthly_savings``.
    part_time_income, part_time_hours, part_time_years: work after the stop month (net a month in
        today's money, hours a month, how many years from the stop month).
    """

    birth_year: int
    monthly_expenses: Decimal
    monthly_savings: Decimal
    inflation: Decimal
    target_fi_age: int
    plan_until_age: int
    partner: bool = False
    partner_birth_year: int = 1990
    partner_target_fi_age: int = 55
    partner_plan_until_age: int = 95
    monthly_salary: Decimal = Decimal(0)
    salary_growth: Decimal = Decimal(0)
    partner_monthly_salary: Decimal = Decimal(0)
    partner_salary_growth: Decimal = Decimal(0)
    saving_from_income: bool = False
    part_time_income: Decimal = Decimal(0)
    part_time_hours: Decimal = Decimal(0)
    part_time_years: int = 0

    def age_in(self, month: YearMonth) -> int:
        """The household's age in a month: the age it reaches in that calendar year. The one
        definition every screen, command and report uses."""
        return month.year - self.birth_year

    def ages_text(self, month: YearMonth) -> str:
        """"age 52", or with a partner "you 52 / partner 50": the adults' ages in a month."""
        return ages_words(self.age_in(month), month.year - self.partner_birth_year if self.partner else None)

    def adult(self, number: int) -> Adult:
        """The first adult (1) or the partner (2); ValueError when the plan has no partner."""
        if number == 1:
            return Adult(self.birth_year, self.target_fi_age, self.plan_until_age)
        if number == 2 and self.partner:
            return Adult(self.partner_birth_year, self.partner_target_fi_age, self.partner_plan_until_age)
        raise ValueError("the plan has no partner" if number == 2 else f"there is no adult {number}")

    @property
    def adults(self) -> tuple[Adult, ...]:
        return (self.adult(1), self.adult(2)) if self.partner else (self.adult(1),)

    @property
    def last_year(self) -> int:
        """The calendar year the plan runs to: the later of the adults' plan-until years."""
        return max(a.last_year for a in self.adults)


def ages_words(age: int, partner_age: int | None) -> str:
    """The one way ages are written: "age 52", or with a partner "you 52 / partner 50"."""
    return f"age {age}" if partner_age is None else f"you {age} / partner {partner_age}"


@dataclass(frozen=True)
class Adult:
    """One adult of the household: ages are those reached in a calendar year."""

    birth_year: int
    target_stop_age: int
    plan_until_age: int

    @property
    def last_year(self) -> int:
        return self.birth_year + self.plan_until_age


@dataclass(frozen=True)
class FIRule:
    """How the answer is judged (PRODUCT.md section 1): the FI test, withdrawals after the stop,
    what counts as success and how sure the headline must be.

    kind: income only, or income plus safe withdrawals from liquid capital.
    safe_withdrawal_rate: yearly percent of liquid capital, used when ``fixed_withdrawal_rate``.
    withdrawal_method: how capital is drawn after the stop month when income falls short.
    fixed_withdrawal_rate: True: the rate above; False: a rate that follows the years left.
    shortfall_tolerance: percent of planned spending a month may fall short without failing.
    confidence: percent of paths that must succeed for the headline's stop month.
    """

    kind: FIRuleKind
    safe_withdrawal_rate: Decimal
    withdrawal_method: WithdrawalMethod
    fixed_withdrawal_rate: bool
    shortfall_tolerance: Decimal
    confidence: Decimal


@dataclass(frozen=True)
class Strategy:
    """Where new savings go.

    preset: the named starting point the weights came from (custom once edited).
    safe_weight, core_weight, speculative_weight: percent of new savings per sleeve, summing to 100.
    rebalancing: none, yearly, or when a sleeve drifts beyond the threshold.
    rebalance_threshold: drift in percentage points that triggers threshold rebalancing.
    """

    preset: StrategyPreset
    safe_weight: Decimal
    core_weight: Decimal
    speculative_weight: Decimal
    rebalancing: Rebalancing
    rebalance_threshold: Decimal


@dataclass(frozen=True)
class TaxBracket:
    """From ``from_amount`` of taxable income a year (today's money, grown with inflation in the
    projection), each further unit pays ``rate`` percent, up to the next bracket's start."""

    from_amount: Decimal
    rate: Decimal


@dataclass(frozen=True)
class TaxTable:
    """A progressive schedule that the income of the categories using it is summed into each year.

    name: how categories and other tables refer to it; unique in the plan.
    allowance: a yearly amount, in today's money, taxed at nothing before the brackets start.
    brackets: ascending starts, the first at 0 (a single bracket is a flat rate).
    stacked_on: the name of another table whose taxable income this one sits on top of (as US
        long-term gains sit on ordinary income): its brackets are filled from there, and that
        table's unused allowance shelters this income first. "" : on its own.
    """

    name: str
    allowance: Decimal
    brackets: tuple[TaxBracket, ...]
    stacked_on: str = ""

    def tax(self, taxable: Decimal) -> Decimal:
        """Tax on ``taxable`` income above the allowance, in the table's own money (for tests and texts)."""
        due = Decimal(0)
        starts = [b.from_amount for b in self.brackets] + [None]
        for bracket, upper in zip(self.brackets, starts[1:], strict=True):
            top = taxable if upper is None else min(taxable, upper)
            if top > bracket.from_amount:
                due += (top - bracket.from_amount) * bracket.rate / 100
        return due


@dataclass(frozen=True)
class Assumptions:
    """How the projection is run and how a path pays its way.

    paths: Monte Carlo paths.
    seed: random seed; the same seed gives the same result.
    return_model: how market returns are drawn.
    tax_rates: percent charged on each category of income, one entry per TaxCategory.
    overdraft_rate: yearly percent charged on money owed when liquid money cannot pay a month.
    sell_property_last_resort: whether property is sold when liquid money cannot pay a month.
    history_table: which monthly history the historical models replay: BUILT_IN_HISTORY or the
        name of a table imported into the plan (Plan.returns_tables).
    tax_tables: progressive schedules (docs/engine.md, "Accounts and tax"); none: flat rates only.
    category_tables: (category, table name) for each category taxed by a table; a category not
        listed pays its flat rate from ``tax_rates``.
    tax_preset: the key of the preset the tables came from (domain/tax_presets.py), "custom" once edited.
    withdrawal_order: which accounts pay after the stop month.
    pay_tax_rate: percent, the marginal tax on pay while working: what saving into a tax-deferred
        account gets back, so each unit of take-home pay saved there buys 1 / (1 - rate) of contribution.
    """

    paths: int
    seed: int
    return_model: ReturnModel
    tax_rates: tuple[tuple[TaxCategory, Decimal], ...]
    overdraft_rate: Decimal
    sell_property_last_resort: bool
    history_table: str = BUILT_IN_HISTORY
    tax_tables: tuple[TaxTable, ...] = ()
    category_tables: tuple[tuple[TaxCategory, str], ...] = ()
    tax_preset: str = "flat"
    withdrawal_order: WithdrawalOrder = WithdrawalOrder.TAXABLE_FIRST
    pay_tax_rate: Decimal = Decimal(22)

    def tax_rate(self, category: TaxCategory) -> Decimal:
        return dict(self.tax_rates)[category]

    def table_of(self, category: TaxCategory) -> TaxTable | None:
        """The table a category's income is summed into, or None: it pays its flat rate."""
        name = dict(self.category_tables).get(category)
        return next((t for t in self.tax_tables if t.name == name), None) if name else None


@dataclass(frozen=True)
class Account:
    """A wrapper streams sit in (docs/engine.md, "Accounts and tax").

    uid, name, included, notes: as for a spending phase; a stream names its account by uid. An
        account left out (``included`` false) holds its streams as a taxable account would.
    account_type: taxable, tax-deferred or tax-free.
    preset: the real wrapper its settings came from (domain/tax_presets.py), custom once edited.
    yearly_limit: new money it may take a year, in today's money (0: no limit).
    access_age: the owner's age from whose January it may be drawn without the penalty (0: any time).
    early_penalty: percent of a withdrawal before the access age, charged with the year's tax.
    required_from_age: from the year the owner turns it, at least the balance over the IRS
        Uniform Lifetime divisor is drawn each year (0: never).
    owner: 1 (you) or 2 (the partner), whose ages the rules read.
    fill_order: new savings fill accounts from the lowest number up, each to its limit.
    """

    uid: str
    name: str
    account_type: AccountType
    preset: AccountPreset = AccountPreset.CUSTOM
    yearly_limit: Decimal = Decimal(0)
    access_age: int = 0
    early_penalty: Decimal = Decimal(0)
    required_from_age: int = 0
    owner: int = 1
    fill_order: int = 1
    included: bool = True
    notes: str = ""


@dataclass(frozen=True)
class Stream:
    """One product or side business.

    uid: stable identifier used by scenarios and files (not shown to users).
    name: the user's own name for it, unique in the plan.
    kind: key of its catalogue entry.
    start, end: first and last month it exists (end None: to the horizon).
    starting_amount: money in it at the start (or up-front cost already paid, for businesses).
    monthly_contribution: fixed money added each month on top of the strategy's allocation.
    income_policy: reinvest, pool for the allocator, or pay out.
    tax_category: how its income is taxed.
    sleeve: risk bucket for the strategy.
    weight: relative share within its sleeve when new savings are split.
    upkeep_hours: hours of work a month to keep it running.
    notes: free text.
    params: the kind's own parameters as (key, value) pairs in catalogue order.
    account: the uid of the account it sits in ("": none, taxed as a taxable account).
    """

    uid: str
    name: str
    kind: str
    start: YearMonth
    end: YearMonth | None
    starting_amount: Decimal
    monthly_contribution: Decimal
    income_policy: IncomePolicy
    tax_category: TaxCategory
    sleeve: Sleeve
    weight: Decimal
    upkeep_hours: Decimal
    notes: str
    params: tuple[tuple[str, Decimal], ...]
    account: str = ""

    def param(self, key: str) -> Decimal:
        for name, value in self.params:
            if name == key:
                return value
        raise KeyError(f"stream {self.name!r} has no parameter {key!r}")

    def with_param(self, key: str, value: Decimal) -> Stream:
        from dataclasses import replace

        self.param(key)  # KeyError for an unknown key
        return replace(self, params=tuple((k, value if k == key else v) for k, v in self.params))


@dataclass(frozen=True)
class SpendingPhase:
    """Spending added to (or, negative, taken from) the household's expenses between two months:
    children at home, a mortgage until it is paid off, health cover before a public scheme starts,
    a quieter late life.

    uid: stable identifier used by scenarios and files.
    name: the user's own name for it, unique among phases.
    monthly_amount: today's money a month, grown with inflation like the expenses; negative lowers them.
    start, end: first and last month it applies (end None: to the end of the plan).
    included: whether it counts in the base plan (a scenario may switch it either way).
    notes: free text.
    """

    uid: str
    name: str
    monthly_amount: Decimal
    start: YearMonth
    end: YearMonth | None
    included: bool = True
    notes: str = ""


@dataclass(frozen=True)
class OneOffEvent:
    """A cost or a windfall on one month, possibly repeating: a car, a roof, a wedding, college,
    an inheritance.

    uid, name, included, notes: as for a spending phase.
    amount: money in today's prices (``inflation_linked``) or as written (not linked), never negative.
    windfall: True: money comes in; False: a cost the household must pay that month.
    month: the first (or only) month it happens.
    probability: percent chance of each occurrence, drawn on every path on its own.
    every_years, times: repeats ``times`` occurrences in all, ``every_years`` apart (times 1: once).
    """

    uid: str
    name: str
    amount: Decimal
    windfall: bool
    month: YearMonth
    inflation_linked: bool = True
    probability: Decimal = Decimal(100)
    every_years: int = 0
    times: int = 1
    included: bool = True
    notes: str = ""

    def months(self) -> tuple[YearMonth, ...]:
        """Every month it may happen."""
        step = 12 * self.every_years if self.times > 1 else 0
        return tuple(YearMonth.from_index(self.month.index + k * step) for k in range(self.times))


@dataclass(frozen=True)
class Override:
    """One value a scenario changes: ``target`` is household, fi_rule, strategy, assumptions or
    ``stream:<uid>``; ``field`` a field name (or ``params.<key>``; ``included`` for streams);
    ``value`` its canonical text."""

    target: str
    field: str
    value: str

    @classmethod
    def at(cls, ref: FieldRef, value: str) -> Override:
        return cls(ref.target, ref.field, value)

    @property
    def ref(self) -> FieldRef:
        return FieldRef.parse(self.target, self.field)


@dataclass(frozen=True)
class Scenario:
    """A named variant of the base plan: the base plus these overrides."""

    name: str
    description: str
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True)
class ReturnsTableText:
    """A monthly returns table imported into the plan, kept as the CSV text the user brought
    (format: docs/engine.md, "Returns table"), so the plan file replays it on any machine.

    name: how the plan refers to it (Assumptions.history_table); unique in the plan.
    text: the CSV text, checked when imported.
    """

    name: str
    text: str


@dataclass(frozen=True)
class Plan:
    """Everything one plan file holds.

    name: shown in the title bar and reports.
    currency: ISO 4217 code of all money in the plan.
    start: first projected month.
    """

    name: str
    currency: str
    start: YearMonth
    household: Household
    fi_rule: FIRule
    strategy: Strategy
    assumptions: Assumptions
    streams: tuple[Stream, ...] = ()
    scenarios: tuple[Scenario, ...] = field(default=())
    phases: tuple[SpendingPhase, ...] = ()
    events: tuple[OneOffEvent, ...] = ()
    returns_tables: tuple[ReturnsTableText, ...] = ()
    accounts: tuple[Account, ...] = ()

    def stream(self, uid: str) -> Stream:
        for candidate in self.streams:
            if candidate.uid == uid:
                return candidate
        raise KeyError(f"no stream with id {uid!r}")

    def phase(self, uid: str) -> SpendingPhase:
        for candidate in self.phases:
            if candidate.uid == uid:
                return candidate
        raise KeyError(f"no spending phase with id {uid!r}")

    def event(self, uid: str) -> OneOffEvent:
        for candidate in self.events:
            if candidate.uid == uid:
                return candidate
        raise KeyError(f"no event with id {uid!r}")

    def account(self, uid: str) -> Account:
        for candidate in self.accounts:
            if candidate.uid == uid:
                return candidate
        raise KeyError(f"no account with id {uid!r}")

    def scenario(self, name: str) -> Scenario:
        for candidate in self.scenarios:
            if candidate.name == name:
                return candidate
        raise KeyError(f"no scenario named {name!r}")


def plan_years(plan: Plan) -> int:
    """Whole projected years from the plan's first month to the year the household turns its
    plan-until age (the later adult's, with a partner): projected year k ends in month start + 12k
    + 11, and the last one is the last that ends by December of that year (so with a January
    start, exactly at its end)."""
    last = plan.household.last_year * 12 + 11  # its December's index
    return (last - plan.start.index + 1) // 12
