"""Closed sets of choices a plan makes; the string values are what files store."""

from __future__ import annotations

from enum import StrEnum


class Sleeve(StrEnum):
    """Risk bucket a stream belongs to; the strategy splits new savings between sleeves."""

    SAFE = "safe"
    CORE = "core"
    SPECULATIVE = "speculative"


class TaxCategory(StrEnum):
    """How a stream's income is taxed; each category has its own rate in the assumptions."""

    INTEREST = "interest"
    QUALIFIED_DIVIDEND = "qualified_dividend"
    ORDINARY_INCOME = "ordinary_income"
    CAPITAL_GAIN = "capital_gain"
    RENTAL = "rental"
    BUSINESS = "business"
    CRYPTO = "crypto"
    TAX_FREE = "tax_free"


class AccountType(StrEnum):
    """How a wrapper is taxed: taxable (income taxed as earned, gains on sales), tax-deferred
    (contributions untaxed, withdrawals ordinary income) or tax-free (qualified withdrawals free)."""

    TAXABLE = "taxable"
    TAX_DEFERRED = "tax_deferred"
    TAX_FREE = "tax_free"


class AccountPreset(StrEnum):
    """Real wrappers whose rules fill an account's settings (domain/tax_presets.py); CUSTOM once edited."""

    CUSTOM = "custom"
    NONE = "none"
    TAXABLE_BROKERAGE = "taxable_brokerage"
    US_401K = "us_401k"
    US_TRADITIONAL_IRA = "us_traditional_ira"
    US_ROTH_IRA = "us_roth_ira"
    US_HSA = "us_hsa"
    UK_ISA = "uk_isa"
    UK_SIPP = "uk_sipp"


class WithdrawalOrder(StrEnum):
    """Which accounts pay after the stop month, among those that may be touched without a penalty;
    penalised withdrawals come last whatever the order."""

    TAXABLE_FIRST = "taxable_first"
    PROPORTIONAL = "proportional"
    LOW_BRACKET_FIRST = "low_bracket_first"


class IncomePolicy(StrEnum):
    """What happens to a stream's income: kept in the stream, pooled for the allocator, or spent."""

    REINVEST = "reinvest"
    POOL = "pool"
    PAY_OUT = "pay_out"


class FIRuleKind(StrEnum):
    """Which money may count against expenses when deciding that FI is reached."""

    INCOME_ONLY = "income_only"
    INCOME_PLUS_WITHDRAWALS = "income_plus_withdrawals"


class WithdrawalMethod(StrEnum):
    """How capital is drawn after FI when income alone does not cover expenses."""

    NONE = "none"
    CONSTANT_REAL = "constant_real"
    PERCENT_OF_PORTFOLIO = "percent_of_portfolio"
    GUARDRAILS = "guardrails"


class Rebalancing(StrEnum):
    NONE = "none"
    YEARLY = "yearly"
    THRESHOLD = "threshold"


class ReturnModel(StrEnum):
    """How market returns are drawn in Monte Carlo mode.

    HISTORICAL replays history as it happened (its own returns and inflation, one path per start
    month); HISTORICAL_REPLAY and BLOCK_BOOTSTRAP keep history's shape (sequence, crashes, fat
    tails) but the means and volatilities the plan enters."""

    LOGNORMAL = "lognormal"
    STUDENT_T = "student_t"
    REGIME_SWITCHING = "regime_switching"
    HISTORICAL_REPLAY = "historical_replay"
    BLOCK_BOOTSTRAP = "block_bootstrap"
    HISTORICAL = "historical"


class StrategyPreset(StrEnum):
    """Named starting points for the sleeve weights; CUSTOM once the user changes them."""

    CUSTOM = "custom"
    BALANCED = "balanced"
    BARBELL = "barbell"
    DIVIDEND_SNOWBALL = "dividend_snowball"
