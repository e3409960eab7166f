"""Units, bounds, defaults and sources of the plan's own numbers (household, FI rule, strategy,
assumptions, and the fields every stream has). Stream-kind parameters live in the catalogue."""

from __future__ import annotations

from enum import StrEnum

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
from planner.domain.fields import FieldSpec, Unit, spec

HOUSEHOLD_FIELDS: tuple[FieldSpec, ...] = (
    spec("birth_year", "Birth year", Unit.YEAR, 1990, 1900, 2100,
         "Used for ages on charts and for age-based goals.", "Assumption."),
    spec("monthly_expenses", "Monthly expenses", Unit.MONEY_PER_MONTH, "4000.00", "0", "100000000",
         "Today's cost of living; the projection grows it with inflation.",
         "Assumption for a two-person household; the BLS Consumer Expenditure Survey 2023 puts "
         "average US household spending at about 6,400 a month (77,280 a year)."),
    spec("monthly_savings", "Monthly savings", Unit.MONEY_PER_MONTH, "1500.00", "0", "100000000",
         "What the household puts aside each month before FI; the strategy splits it.",
         "Assumption: a saving rate of roughly a quarter of take-home pay, usual among FI planners."),
    spec("inflation", "Inflation", Unit.PERCENT_PER_YEAR, "2.5", "-5", "50",
         "Expected yearly rise in prices; expenses and real (today's money) figures use it.",
         "US CPI-U averaged about 2.5 % a year from 1995 to 2024 (BLS); the Federal Reserve "
         "targets 2 %."),
    spec("target_fi_age", "Target stop age", Unit.YEARS, 55, 18, 100,
         "The age at which the household means to stop saving and live on its streams; the projection "
         "stops saving in January of the year the household turns this age.", "Assumption.",
         integer=True),
    spec("plan_until_age", "Plan until age", Unit.YEARS, 95, 50, 110,
         "The projection runs to the end of the year the household turns this age; success is measured "
         "from the stop month until then.",
         "US Social Security Administration: about one in four 65-year-olds will live past 90 and one in "
         "ten past 95 (ssa.gov, life expectancy calculator page); planning to 95 is the usual prudent choice.",
         integer=True),
    spec("partner_birth_year", "Partner's birth year", Unit.YEAR, 1990, 1900, 2100,
         "The second adult's birth year (used only with a partner): their pensions, salary and ages.",
         "Assumption."),
    spec("partner_target_fi_age", "Partner's target stop age", Unit.YEARS, 55, 18, 100,
         "The partner's salary ends in January of the year they turn this age; the search for the "
         "household's stop month moves both adults' stop months together.", "Assumption.", integer=True),
    spec("partner_plan_until_age", "Partner plans until age", Unit.YEARS, 95, 50, 110,
         "The plan runs until the later of the two adults' plan-until years; a pension then pays its "
         "survivor share after its owner's year.",
         "As for the first adult: about one in ten 65-year-olds lives past 95 (SSA).", integer=True),
    spec("monthly_salary", "Net salary", Unit.MONEY_PER_MONTH, "0", "0", "100000000",
         "Take-home pay a month in today's money, paid until your stop month.",
         "None until you enter yours: pay differs too much from one household to another for a default."),
    spec("salary_growth", "Salary growth above inflation", Unit.PERCENT_PER_YEAR, "0", "-10", "20",
         "Yearly rise of the salary beyond prices.",
         "Assumption: pay keeps pace with prices. US real hourly compensation rose about 1 % a year "
         "1995-2024 (BLS Productivity and Costs); 0 is the cautious choice."),
    spec("partner_monthly_salary", "Partner's net salary", Unit.MONEY_PER_MONTH, "0", "0", "100000000",
         "The partner's take-home pay a month in today's money, until their stop month.",
         "None until you enter it."),
    spec("partner_salary_growth", "Partner's salary growth above inflation", Unit.PERCENT_PER_YEAR,
         "0", "-10", "20", "Yearly rise of the partner's salary beyond prices.",
         "Assumption, as for the first adult."),
    spec("part_time_income", "Part-time income", Unit.MONEY_PER_MONTH, "0", "0", "100000000",
         "Net pay a month in today's money from work after the stop month (\"barista FI\").",
         "None until you enter it."),
    spec("part_time_hours", "Part-time hours", Unit.HOURS_PER_MONTH, "0", "0", "744",
         "Hours a month that work takes; they count against passivity like a stream's upkeep.",
         "Assumption: 0 until you enter the work; 20 hours a week is about 87 a month."),
    spec("part_time_years", "Part-time years", Unit.YEARS, 0, 0, 60,
         "How many years the part-time work lasts from the stop month.", "None until you enter it.",
         integer=True),
)

PHASE_FIELDS: tuple[FieldSpec, ...] = (
    spec("monthly_amount", "Amount a month", Unit.MONEY_PER_MONTH, "500.00", "-100000000", "100000000",
         "Today's money added to the expenses a month while the phase lasts (negative: taken off); "
         "grown with inflation like the expenses.",
         "Assumption. For scale: USDA (2017) put raising a child at about 1,000 a month in a "
         "middle-income two-parent US household."),
)

EVENT_FIELDS: tuple[FieldSpec, ...] = (
    spec("amount", "Amount", Unit.MONEY, "30000.00", "0", "1000000000000",
         "The cost or the windfall, in today's money when linked to inflation, else as written.",
         "Assumption. For scale: the average new car sold for about 48,000 USD in 2024 (Kelley Blue Book)."),
    spec("probability", "Probability", Unit.PERCENT, "100", "0", "100",
         "Chance of each occurrence on a path; each path draws it on its own.",
         "100: a planned cost happens. Lower it for an inheritance or a repair that may not come."),
    spec("every_years", "Every", Unit.YEARS, 0, 0, 100, "Years between occurrences when it repeats.",
         "Assumption: a car every 8 years is a common planning figure.", integer=True),
    spec("times", "Times", Unit.COUNT, 1, 1, 100, "How many occurrences in all (1: once).", "Once."),
)

ACCOUNT_FIELDS: tuple[FieldSpec, ...] = (
    spec("yearly_limit", "Yearly limit", Unit.MONEY, "0", "0", "1000000000000",
         "New money the account may take a year, in today's money, grown with inflation (0: no limit).",
         "Per wrapper, see the presets (e.g. 23,500 for a 401(k) in 2025, IRS Notice 2024-80)."),
    spec("access_age", "Access age", Unit.YEARS, 0, 0, 110,
         "From January of the year the owner turns this age the account may be drawn without the penalty "
         "(0: any time).",
         "US: 59 1/2 for IRAs and 401(k)s (IRC section 72(t)), entered as 60; UK: 57 for pensions from 2028.",
         integer=True),
    spec("early_penalty", "Early withdrawal penalty", Unit.PERCENT, "0", "0", "100",
         "Share of a withdrawal before the access age charged with the year's tax.",
         "US: 10 % additional tax (IRC section 72(t)); 20 % for an HSA not spent on health (IRC 223(f)(4))."),
    spec("required_from_age", "Required withdrawals from age", Unit.YEARS, 0, 0, 110,
         "From the year the owner turns this age at least the balance over the IRS Uniform Lifetime "
         "divisor is drawn each year and taxed (0: never).",
         "US: 73 for those born 1951-1959, 75 from 1960 (SECURE 2.0 Act, section 107).",
         integer=True),
    spec("owner", "Owner", Unit.COUNT, 1, 1, 2, "1: you, 2: your partner; the ages above are the owner's.",
         "You.", integer=True),
    spec("fill_order", "Fill order", Unit.COUNT, 1, 1, 100,
         "New savings fill accounts from the lowest number up, each to its yearly limit.",
         "A common order: workplace plan, then tax-free, then taxable.", integer=True),
)

FI_RULE_FIELDS: tuple[FieldSpec, ...] = (
    spec("safe_withdrawal_rate", "Fixed withdrawal rate", Unit.PERCENT_PER_YEAR, "4.0", "0", "20",
         "Share of liquid capital a year that the income-plus-withdrawals test counts, and that "
         "percent-of-portfolio and guardrail withdrawals aim at, when a fixed rate is chosen; otherwise "
         "the rate follows the years left (4 % for 30 years or fewer, 3.5 % for 40, 3.25 % for 50 or more).",
         "Bengen (1994) and the Trinity study (Cooley, Hubbard and Walz, 1998): 4 % of the "
         "starting portfolio, grown with inflation, lasted 30 years in most US histories."),
    spec("shortfall_tolerance", "Shortfall tolerance", Unit.PERCENT, "10", "0", "50",
         "A month counts as failed when the spending the household can pay falls short of its planned "
         "spending by more than this share (cuts by guardrails or percent-of-portfolio included).",
         "Assumption: a cut of up to a tenth can come out of discretionary spending (the BLS Consumer "
         "Expenditure Survey puts entertainment, eating out and apparel at about 13 % of spending)."),
    spec("confidence", "Confidence", Unit.PERCENT, "90", "50", "99",
         "The headline is the earliest month to stop saving whose success is at least this share of paths.",
         "Assumption: 90 % is the usual threshold of retirement-plan success in adviser software "
         "(e.g. a 75-90 % 'confidence zone' in MoneyGuidePro's documentation)."),
)

STRATEGY_FIELDS: tuple[FieldSpec, ...] = (
    spec("safe_weight", "Safe sleeve", Unit.PERCENT, "30", "0", "100",
         "Share of new savings that goes to safe streams.", "Assumption (balanced preset)."),
    spec("core_weight", "Core sleeve", Unit.PERCENT, "60", "0", "100",
         "Share of new savings that goes to core streams.", "Assumption (balanced preset)."),
    spec("speculative_weight", "Speculative sleeve", Unit.PERCENT, "10", "0", "100",
         "Share of new savings that goes to speculative streams.", "Assumption (balanced preset)."),
    spec("rebalance_threshold", "Rebalance threshold", Unit.PERCENT, "5", "0", "50",
         "Drift of a sleeve, in percentage points, that triggers threshold rebalancing.",
         "Common rule of thumb: rebalance when an allocation drifts 5 points."),
)

ASSUMPTION_FIELDS: tuple[FieldSpec, ...] = (
    spec("paths", "Monte Carlo paths", Unit.COUNT, 10000, 100, 1000000,
         "Number of simulated futures; more paths give smoother bands but take longer.",
         "10,000 paths put the standard error of a 50 % probability at 0.5 points."),
    spec("seed", "Random seed", Unit.COUNT, 20261121, 0, 4294967295,
         "The same seed gives the same projection; change it to see another sample.",
         "Any number works.", grouped=False),
    spec("overdraft_rate", "Overdraft interest", Unit.PERCENT_PER_YEAR, "8", "0", "50",
         "Yearly interest on money owed when liquid money cannot pay a month (an overdraft or a credit line).",
         "US rates in 2024: home-equity lines about 8-9 %, 24-month personal loans about 12 % (Federal "
         "Reserve G.19 consumer credit release); the lower end assumed."),
    spec("pay_tax_rate", "Marginal tax on pay", Unit.PERCENT, "22", "0", "99",
         "The tax on the last unit of pay while working: saving into a tax-deferred account gets it back, "
         "so each unit of take-home pay saved there buys 1 / (1 - rate) of contribution.",
         "US 2025 federal 22 % bracket (IRS Rev. Proc. 2024-40), where most two-earner households sit."),
)

#: Default tax rate per category, percent. US federal figures, as a starting point only.
TAX_RATE_FIELDS: tuple[FieldSpec, ...] = tuple(
    spec(category.value, label, Unit.PERCENT, default, "0", "100", help_text, source)
    for category, label, default, help_text, source in (
        (TaxCategory.INTEREST, "Interest", "22", "Tax on interest.",
         "US 2025 federal 22 % bracket (IRS Rev. Proc. 2024-40); interest is ordinary income."),
        (TaxCategory.QUALIFIED_DIVIDEND, "Qualified dividends", "15", "Tax on qualified dividends.",
         "US 2025 federal rate of 15 % for most filers (IRS Topic 404)."),
        (TaxCategory.ORDINARY_INCOME, "Ordinary income", "22", "Tax on other ordinary income.",
         "US 2025 federal 22 % bracket (IRS Rev. Proc. 2024-40)."),
        (TaxCategory.CAPITAL_GAIN, "Capital gains", "15", "Tax on realized long-term gains.",
         "US 2025 federal long-term rate of 15 % for most filers (IRS Topic 409)."),
        (TaxCategory.RENTAL, "Rental income", "22", "Tax on net rental income.",
         "US: net rent is ordinary income (IRS Topic 414); 22 % bracket assumed."),
        (TaxCategory.BUSINESS, "Business profit", "30", "Tax on side-business profit.",
         "US: 22 % bracket plus about 7.65 % effective self-employment tax on 92.35 % of profit."),
        (TaxCategory.CRYPTO, "Crypto rewards", "22", "Tax on staking and DeFi rewards.",
         "US: staking rewards are ordinary income when received (IRS Rev. Rul. 2023-14)."),
        (TaxCategory.TAX_FREE, "Tax-free", "0", "Income in tax-free accounts.",
         "Tax-free by definition (e.g. a Roth IRA or an ISA)."),
    )
)

STREAM_FIELDS: tuple[FieldSpec, ...] = (
    spec("starting_amount", "Starting amount", Unit.MONEY, "0", "0", "1000000000000",
         "Money in the stream at the start of the plan.", "Per kind, see the catalogue."),
    spec("monthly_contribution", "Monthly contribution", Unit.MONEY_PER_MONTH, "0", "0",
         "100000000", "Fixed money added each month on top of the strategy's share.",
         "Zero: the strategy allocates savings."),
    spec("weight", "Weight in sleeve", Unit.MULTIPLE, "1", "0", "1000",
         "Relative share of the sleeve's new savings; 2 gets twice what a 1 gets.",
         "Equal weights."),
    spec("upkeep_hours", "Upkeep", Unit.HOURS_PER_MONTH, "0", "0", "744",
         "Hours of work a month to keep it running; used for passivity.",
         "Per kind, see the catalogue."),
)

#: Fields that take one of a closed set of values, per record.
CHOICE_FIELDS: dict[str, dict[str, type[StrEnum]]] = {
    "fi_rule": {"kind": FIRuleKind, "withdrawal_method": WithdrawalMethod},
    "strategy": {"preset": StrategyPreset, "rebalancing": Rebalancing},
    "assumptions": {"return_model": ReturnModel, "withdrawal_order": WithdrawalOrder},
    "account": {"account_type": AccountType, "preset": AccountPreset},
    "stream": {"income_policy": IncomePolicy, "tax_category": TaxCategory, "sleeve": Sleeve},
}

#: Fields that are true or false, per record (files and overrides write "true"/"false").
BOOLEAN_FIELDS: dict[str, tuple[str, ...]] = {
    "household": ("partner", "saving_from_income"),
    "phase": ("included",),
    "event": ("windfall", "inflation_linked", "included"),
    "account": ("included",),
    "fi_rule": ("fixed_withdrawal_rate",),
    "assumptions": ("sell_property_last_resort",),
}

#: Numeric fields per record, by key.
NUMERIC_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "household": {f.key: f for f in HOUSEHOLD_FIELDS},
    "fi_rule": {f.key: f for f in FI_RULE_FIELDS},
    "strategy": {f.key: f for f in STRATEGY_FIELDS},
    "assumptions": {f.key: f for f in ASSUMPTION_FIELDS},
    "tax_rates": {f.key: f for f in TAX_RATE_FIELDS},
    "stream": {f.key: f for f in STREAM_FIELDS},
    "phase": {f.key: f for f in PHASE_FIELDS},
    "event": {f.key: f for f in EVENT_FIELDS},
    "account": {f.key: f for f in ACCOUNT_FIELDS},
}
