"""Named starting points for accounts and tax: the rules of real wrappers and of a few countries'
tax tables, each with its year and source. A preset only fills settings; the user's own figures
always win (an edited account or table says "custom")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from planner.domain.enums import AccountPreset, AccountType, TaxCategory
from planner.domain.plan import Account, Assumptions, TaxBracket, TaxTable


@dataclass(frozen=True)
class AccountRules:
    """The settings a wrapper's preset fills, and where they come from."""

    label: str
    account_type: AccountType
    yearly_limit: Decimal
    access_age: int
    early_penalty: Decimal
    required_from_age: int
    source: str


def _rules(label: str, kind: AccountType, limit: int, access: int, penalty: int, required: int,
           source: str) -> AccountRules:
    return AccountRules(label, kind, Decimal(limit), access, Decimal(penalty), required, source)


_TAXABLE = "No wrapper: income is taxed as earned and gains when sold."
_US_AGE = ("Access at 59 1/2 entered as 60 (IRC section 72(t), 10 % additional tax before it); required "
           "withdrawals from 75 for those born 1960 or later (SECURE 2.0 Act, section 107).")

ACCOUNT_PRESETS: dict[AccountPreset, AccountRules] = {
    AccountPreset.NONE: _rules("None", AccountType.TAXABLE, 0, 0, 0, 0, _TAXABLE),
    AccountPreset.TAXABLE_BROKERAGE: _rules("Taxable brokerage", AccountType.TAXABLE, 0, 0, 0, 0, _TAXABLE),
    AccountPreset.US_401K: _rules("401(k)", AccountType.TAX_DEFERRED, 23500, 60, 10, 75,
                                  "Employee limit 23,500 for 2025 (IRS Notice 2024-80). " + _US_AGE),
    AccountPreset.US_TRADITIONAL_IRA: _rules("Traditional IRA", AccountType.TAX_DEFERRED, 7000, 60, 10, 75,
                                             "Limit 7,000 for 2025 (IRS Notice 2024-80). " + _US_AGE),
    AccountPreset.US_ROTH_IRA: _rules("Roth IRA", AccountType.TAX_FREE, 7000, 60, 10, 0,
                                      "Limit 7,000 for 2025 (IRS Notice 2024-80); qualified withdrawals from "
                                      "59 1/2 are tax-free, no required withdrawals for the owner (IRC 408A). "
                                      "The engine applies the penalty to the whole early withdrawal, though "
                                      "contributions themselves may come out any time."),
    AccountPreset.US_HSA: _rules("HSA", AccountType.TAX_FREE, 4300, 65, 20, 0,
                                 "Self-only limit 4,300 for 2025 (IRS Rev. Proc. 2024-25); 20 % additional tax "
                                 "on non-medical withdrawals before 65 (IRC 223(f)(4)). Treated as tax-free: "
                                 "withdrawals for health costs are."),
    AccountPreset.UK_ISA: _rules("ISA", AccountType.TAX_FREE, 20000, 0, 0, 0,
                                 "Annual subscription limit 20,000 GBP for 2025/26 (HMRC); withdrawals tax-free "
                                 "at any age."),
    AccountPreset.UK_SIPP: _rules("SIPP", AccountType.TAX_DEFERRED, 60000, 57, 55, 0,
                                  "Annual allowance 60,000 GBP for 2025/26 (HMRC); normal minimum pension age 57 "
                                  "from April 2028 (Finance Act 2022); an unauthorised payment before it is "
                                  "charged 40 % plus a 15 % surcharge (HMRC). The 25 % tax-free lump sum is not "
                                  "modelled: every withdrawal is income."),
}


def with_account_preset(account: Account, preset: AccountPreset) -> Account:
    """The account with a wrapper's settings (CUSTOM leaves the settings as they are)."""
    if preset is AccountPreset.CUSTOM:
        return replace(account, preset=preset)
    rules = ACCOUNT_PRESETS[preset]
    return replace(account, preset=preset, account_type=rules.account_type, yearly_limit=rules.yearly_limit,
                   access_age=rules.access_age, early_penalty=rules.early_penalty,
                   required_from_age=rules.required_from_age)


@dataclass(frozen=True)
class TaxPreset:
    """A country's tables and which categories each one taxes; categories not named keep their flat rate."""

    label: str
    tables: tuple[TaxTable, ...]
    category_tables: tuple[tuple[TaxCategory, str], ...]
    source: str


def _table(name: str, allowance: int, brackets: tuple[tuple[int, str], ...], stacked_on: str = "") -> TaxTable:
    return TaxTable(name, Decimal(allowance), tuple(TaxBracket(Decimal(f), Decimal(r)) for f, r in brackets),
                    stacked_on)


_ORDINARY = "Ordinary income"
_GAINS = "Qualified dividends and long-term gains"
_BUSINESS = "Business profit (with self-employment tax)"
_US_ORDINARY = (TaxCategory.INTEREST, TaxCategory.ORDINARY_INCOME, TaxCategory.RENTAL, TaxCategory.CRYPTO)
_US_GAINS = (TaxCategory.QUALIFIED_DIVIDEND, TaxCategory.CAPITAL_GAIN)
#: US self-employment tax: 15.3 % on 92.35 % of net earnings (IRS Schedule SE), about 14.13 % of profit.
_SELF_EMPLOYMENT = Decimal("14.13")


def _us(label: str, deduction: int, ordinary: tuple[tuple[int, str], ...], gains: tuple[tuple[int, str], ...]
        ) -> TaxPreset:
    business = tuple((start, str(Decimal(rate) + _SELF_EMPLOYMENT)) for start, rate in ordinary)
    tables = (_table(_ORDINARY, deduction, ordinary), _table(_GAINS, 0, gains, stacked_on=_ORDINARY),
              _table(_BUSINESS, 0, business, stacked_on=_ORDINARY))
    mapping = (*((c, _ORDINARY) for c in _US_ORDINARY), *((c, _GAINS) for c in _US_GAINS),
               (TaxCategory.BUSINESS, _BUSINESS))
    return TaxPreset(label, tables, mapping,
                     "US federal 2025: brackets and the 0/15/20 % thresholds from IRS Rev. Proc. 2024-40; the "
                     "standard deduction as the One Big Beautiful Bill Act (P.L. 119-21, section 70102) set it. "
                     "Side-business profit pays the income-tax brackets plus 14.13 % self-employment tax (15.3 % "
                     "on 92.35 % of profit, IRS Schedule SE; the Social Security wage base and the deduction of "
                     "half of it are not modelled). State tax and the 3.8 % net investment income tax are not "
                     "included.")


_UK_INCOME = "Income tax"
#: UK bands from the personal allowance up: the 45 % rate starts at 125,140 of income, i.e. 112,570 above it
#: (the allowance's taper above 100,000 is not modelled).
_UK_BANDS = (37700, 112570)
TAX_PRESETS: dict[str, TaxPreset] = {
    "us_2025_single": _us("US federal 2025, single", 15750,
                          ((0, "10"), (11925, "12"), (48475, "22"), (103350, "24"), (197300, "32"),
                           (250525, "35"), (626350, "37")),
                          ((0, "0"), (48350, "15"), (533400, "20"))),
    "us_2025_joint": _us("US federal 2025, married filing jointly", 31500,
                         ((0, "10"), (23850, "12"), (96950, "22"), (206700, "24"), (394600, "32"),
                          (501050, "35"), (751600, "37")),
                         ((0, "0"), (96700, "15"), (600050, "20"))),
    "uk_2025": TaxPreset(
        "UK 2025/26 (England)",
        (_table(_UK_INCOME, 12570, ((0, "20"), (_UK_BANDS[0], "40"), (_UK_BANDS[1], "45"))),
         _table("Dividends", 500, ((0, "8.75"), (_UK_BANDS[0], "33.75"), (_UK_BANDS[1], "39.35")),
                stacked_on=_UK_INCOME),
         _table("Capital gains", 3000, ((0, "18"), (_UK_BANDS[0], "24")), stacked_on=_UK_INCOME)),
        (*((c, _UK_INCOME) for c in (*_US_ORDINARY, TaxCategory.BUSINESS)),
         (TaxCategory.QUALIFIED_DIVIDEND, "Dividends"),
         (TaxCategory.CAPITAL_GAIN, "Capital gains")),
        "HMRC rates and allowances 2025/26: personal allowance 12,570; basic 20 % up to 37,700 above it, higher "
        "40 %, additional 45 %; dividend allowance 500 at 8.75/33.75/39.35 %; capital gains exempt amount 3,000 "
        "at 18/24 %. Approximations: the personal allowance's taper and the savings allowance are not "
        "modelled; the personal allowance left unused by income also shelters gains (HMRC allows it only "
        "against income); the dividend allowance does not use up band space; gains sit on income, not on "
        "income plus dividends."),
    "de_2025_capital": TaxPreset(
        "Germany 2025, capital income (single)",
        (_table("Abgeltungsteuer", 1000, ((0, "26.375"),)),),
        ((TaxCategory.INTEREST, "Abgeltungsteuer"), (TaxCategory.QUALIFIED_DIVIDEND, "Abgeltungsteuer"),
         (TaxCategory.CAPITAL_GAIN, "Abgeltungsteuer")),
        "Flat 25 % withholding tax plus 5.5 % solidarity surcharge on it (26.375 %), after the saver's allowance "
        "of 1,000 EUR (EStG section 20(9), 2023 on). Church tax is not included; rent and business profit keep "
        "their flat rates (the income tax formula of EStG section 32a is not a bracket table)."),
}

#: The key of "no tables": every category pays its flat rate.
FLAT = "flat"


def with_tax_preset(assumptions: Assumptions, key: str) -> Assumptions:
    """The assumptions with a preset's tables (FLAT: none, every category at its flat rate)."""
    if key == FLAT:
        return replace(assumptions, tax_tables=(), category_tables=(), tax_preset=FLAT)
    preset = TAX_PRESETS[key]
    return replace(assumptions, tax_tables=preset.tables, category_tables=preset.category_tables, tax_preset=key)


#: IRS Uniform Lifetime Table (Publication 590-B, Appendix B, Table III, in force from 2022): the divisor
#: of the previous year-end balance that gives a year's required withdrawal, by age 72 to 120.
UNIFORM_LIFETIME_DIVISORS: tuple[float, ...] = (
    27.4, 26.5, 25.5, 24.6, 23.7, 22.9, 22.0, 21.1, 20.2, 19.4, 18.5, 17.7, 16.8, 16.0, 15.2, 14.4, 13.7, 12.9,
    12.2, 11.5, 10.8, 10.1, 9.5, 8.9, 8.4, 7.8, 7.3, 6.8, 6.4, 6.0, 5.6, 5.2, 4.9, 4.6, 4.3, 4.1, 3.9, 3.7,
    3.5, 3.4, 3.3, 3.1, 3.0, 2.9, 2.8, 2.7, 2.5, 2.3, 2.0)
FIRST_DIVISOR_AGE = 72


def required_divisor(age: int) -> float:
    """The Uniform Lifetime divisor at an age (below 72: the age-72 figure; above 120: 2.0)."""
    index = min(max(age - FIRST_DIVISOR_AGE, 0), len(UNIFORM_LIFETIME_DIVISORS) - 1)
    return UNIFORM_LIFETIME_DIVISORS[index]
