"""The report's page on accounts and tax, in words: the tax rules (a country's preset or flat
rates), each table with its allowance, brackets and what it sits on, how each category of income is
taxed, the marginal tax on pay, the withdrawal order after the stop, and the accounts with their
settings and the streams in them (docs/engine.md, "Accounts and tax"). Pure: tests read it directly."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from planner.domain.enums import AccountType, WithdrawalOrder
from planner.domain.plan import Account, Assumptions, Plan, TaxTable
from planner.domain.record_fields import TAX_RATE_FIELDS
from planner.domain.tax_presets import TAX_PRESETS
from planner.services.accounts import OWNER_NAMES, TYPE_NAMES, preset_names, streams_in
from planner.ui.charts.axes import full_money, percent
from planner.ui.formatting import currency_symbol
from planner.ui.report.sections import table

CATEGORY_NAMES = {spec.key: spec.label for spec in TAX_RATE_FIELDS}
_PENALTY = ("an account is drawn before its access age only when nothing else can pay, pro rata over the locked "
            "accounts, and pays its penalty with the year's tax.")
ORDER_SENTENCES = {
    WithdrawalOrder.TAXABLE_FIRST: "After the stop, money comes from taxable accounts first, then tax-deferred, "
                                   "then tax-free; " + _PENALTY,
    WithdrawalOrder.PROPORTIONAL: "After the stop, money comes from every account that can be drawn without a "
                                  "penalty, in proportion to its balance; " + _PENALTY,
    WithdrawalOrder.LOW_BRACKET_FIRST: "After the stop, money comes first from tax-deferred accounts, each year up "
                                       "to the ordinary-income table's allowance and lowest bracket, then from "
                                       "taxable accounts, then tax-deferred, then tax-free; " + _PENALTY,
}


def rate_text(rate: Decimal) -> str:
    """A percent as typed: "22 %", "26.4 %" (the locale's decimal point)."""
    decimals = 0 if rate == rate.to_integral_value() else max(-rate.normalize().as_tuple().exponent, 1)
    return percent(float(rate) / 100, min(int(decimals), 3))


def rules_text(assumptions: Assumptions) -> str:
    """Which tax rules the plan uses, with the preset's source."""
    if not assumptions.tax_tables:
        return ("<b>Flat rates</b>: each category of income pays its own rate on what it earns in a taxable "
                "account, withheld as earned.")
    preset = TAX_PRESETS.get(assumptions.tax_preset)
    if preset is None:
        return ("<b>Custom tables</b> (a preset's tables as edited, or the user's own); categories without a "
                "table pay their flat rate.")
    return f"<b>{escape(preset.label)}</b>. {escape(preset.source)}"


def table_rows(assumptions: Assumptions, symbol: str) -> list[list[str]]:
    """Each table: the categories it taxes, what it sits on, its allowance and its brackets."""
    taxed: dict[str, list[str]] = {}
    for category, name in assumptions.category_tables:
        taxed.setdefault(name, []).append(CATEGORY_NAMES[category.value])
    rows = []
    for t in assumptions.tax_tables:
        brackets = "<br/>".join(f"{escape(rate_text(b.rate))} from {escape(full_money(float(b.from_amount), symbol))}"
                                for b in t.brackets)
        rows.append([f"<b>{escape(t.name)}</b>", escape(", ".join(taxed.get(t.name, [])) or "no category"),
                     escape(_stacked_text(t)), escape(full_money(float(t.allowance), symbol)), brackets])
    return rows


def _stacked_text(t: TaxTable) -> str:
    return f"on top of {t.stacked_on}" if t.stacked_on else "on its own"


def flat_text(assumptions: Assumptions) -> str:
    """The categories no table taxes, with their flat rates."""
    flat = [f"{CATEGORY_NAMES[c.value].lower()} {rate_text(rate)}" for c, rate in assumptions.tax_rates
            if assumptions.table_of(c) is None]
    if not flat:
        return ""
    lead = "Categories at flat rates" if assumptions.tax_tables else "Flat rates by category"
    return f"{lead}: {escape(', '.join(flat))}."


def account_rows(plan: Plan, symbol: str) -> list[list[str]]:
    """Each account with its settings and the streams in it, in fill order."""
    presets = preset_names()
    rows = []
    for a in sorted(plan.accounts, key=lambda a: (a.fill_order, a.name)):
        about = [] if presets[a.preset.value] == a.name else [presets[a.preset.value]]
        about += [] if a.included else ["left out: held as taxable"]
        note = f"<br/><span style='color:#5b6b7f;'>{escape('; '.join(about))}</span>" if about else ""
        rows.append([f"{escape(a.name)}{note}", escape(TYPE_NAMES[a.account_type.value]),
                     escape(OWNER_NAMES.get(a.owner, str(a.owner))),
                     escape(", ".join(streams_in(plan, a.uid)) or "none"),
                     escape(full_money(float(a.yearly_limit), symbol) if a.yearly_limit > 0 else "none"),
                     str(a.access_age) if a.access_age else "any", escape(_penalty_text(a)),
                     str(a.required_from_age) if a.required_from_age else "never", str(a.fill_order)])
    return rows


def _penalty_text(account: Account) -> str:
    return rate_text(account.early_penalty) if account.access_age and account.early_penalty > 0 else "–"


def pay_text(assumptions: Assumptions) -> str:
    rate = assumptions.pay_tax_rate
    bought = 1 / (1 - float(rate) / 100) if rate < 100 else float("inf")
    return (f"Marginal tax on pay while working: <b>{escape(rate_text(rate))}</b>. Each unit of take-home pay saved "
            f"into a tax-deferred account buys {bought:.2f} units of contribution (the tax it saves); tax-free and "
            "taxable accounts take taxed pay as it is.")


WRAPPERS = ("Income inside tax-deferred and tax-free accounts is not taxed when earned; withdrawals from "
            "tax-deferred accounts are ordinary income of their year, from tax-free accounts free.")
REQUIRED = ("From the required age each December a tax-deferred account pays out at least its balance over the IRS "
            "Uniform Lifetime divisor, taxed as ordinary income and invested in taxable accounts.")
TABLES_NOTE = ("Amounts are a year in today's money, grown with each path's prices. A table taxes the income above "
               "its allowance by its brackets; a table on top of another fills its brackets from that table's "
               "taxable income up. Net pay fills the ordinary-income table first (its own tax is already out of it).")
SETTLING = ("A sale from a taxable account is taxed on its gain over the stream's average cost; a year's net loss is "
            "carried forward. The year's tax is settled each December and paid the next month.")


def tax_section(plan: Plan) -> str:
    """The whole page (the base plan's accounts and rules)."""
    a, symbol = plan.assumptions, currency_symbol(plan.currency)
    required = any(x.required_from_age and x.account_type is AccountType.TAX_DEFERRED for x in plan.accounts)
    html = "<h2>Accounts and tax</h2>" + _accounts_part(plan, symbol)
    html += f"<p>{escape(ORDER_SENTENCES[a.withdrawal_order])} {WRAPPERS}{' ' + REQUIRED if required else ''}</p>"
    html += "<h3>Tax rules</h3><p>" + rules_text(a) + "</p>"
    if a.tax_tables:
        html += (table(["Table", "Taxes", "Sits", "Allowance", "Brackets"], table_rows(a, symbol), numeric_from=3,
                       first_width=20) + f"<p style='color:#44546a;'>{TABLES_NOTE}</p>")
    flat = flat_text(a)
    return html + f"<p>{flat + ' ' if flat else ''}{pay_text(a)} {SETTLING}</p>"


def _accounts_part(plan: Plan, symbol: str) -> str:
    loose = [s.name for s in plan.streams if not s.account]
    if not plan.accounts:
        return ("<p>The plan has no accounts: every stream is held as in a taxable account, without limits or "
                "access ages.</p>")
    headers = ["Account", "Type", "Owner", "Streams", "Limit a year", "Access age", "Penalty", "Required from age",
               "Order"]
    html = "<h3>Accounts</h3>" + table(headers, account_rows(plan, symbol), numeric_from=4, first_width=16)
    html += ("<p style='color:#44546a;'>New savings fill the accounts in their order, each to its yearly limit "
             "(today's money); tax-deferred and tax-free accounts take money only from pay, before the stop. "
             "Access and required-withdrawal ages are the owner's, from January of the year the owner turns them.")
    if loose:
        html += f" In no account (held as taxable): {escape(', '.join(loose))}."
    return html + "</p>"


__all__ = ["ORDER_SENTENCES", "tax_section"]
