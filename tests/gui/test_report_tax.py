"""The report's Accounts and tax page for plans unlike the demo: flat rates and no accounts, the other
withdrawal orders, an account left out, and a UK table on top of income tax."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from planner.domain.enums import WithdrawalOrder
from planner.domain.tax_presets import with_tax_preset
from tests.helpers import classic_demo, demo


def test_flat_rates_and_no_accounts_say_so_with_each_category_s_rate(qapp, us_locale):
    from planner.ui.report.tax_section import tax_section

    plan = classic_demo()
    html = tax_section(plan)
    assert "<b>Flat rates</b>: each category of income pays its own rate" in html
    assert "The plan has no accounts: every stream is held as in a taxable account" in html
    rates = dict((c.value, r) for c, r in plan.assumptions.tax_rates)
    assert f"Flat rates by category: interest {rates['interest']:.0f} %, qualified dividends" in html
    assert "<table" not in html and "Uniform Lifetime" not in html  # no tax tables, no accounts to list
    assert "Marginal tax on pay while working: <b>22 %</b>" in html


def test_each_withdrawal_order_is_said_in_a_sentence(qapp, us_locale):
    from planner.ui.report.tax_section import ORDER_SENTENCES, tax_section

    assert set(ORDER_SENTENCES) == set(WithdrawalOrder)
    for order, start in ((WithdrawalOrder.PROPORTIONAL, "After the stop, money comes from every account that can "
                                                        "be drawn without a penalty, in proportion to its balance"),
                         (WithdrawalOrder.LOW_BRACKET_FIRST, "After the stop, money comes first from tax-deferred "
                                                             "accounts, each year up to the ordinary-income table")):
        plan = demo()
        plan = replace(plan, assumptions=replace(plan.assumptions, withdrawal_order=order))
        assert start in tax_section(plan)


def test_a_left_out_account_a_custom_rate_and_a_uk_table_on_income_tax(qapp, us_locale):
    from planner.ui.report.tax_section import tax_section

    plan = demo()
    accounts = (replace(plan.accounts[0], included=False), *plan.accounts[1:])
    uk = replace(with_tax_preset(plan.assumptions, "uk_2025"), pay_tax_rate=Decimal("40"))
    html = tax_section(replace(plan, accounts=accounts, assumptions=uk))
    assert "left out: held as taxable" in html
    assert "UK 2025/26 (England)" in html and "HMRC" in html
    assert "on top of Income tax" in html and "8.75 % from £0" not in html  # the plan's currency is USD
    assert "8.75 % from $0" in html and "33.75 % from $37,700" in html and "$500" in html
    assert "Marginal tax on pay while working: <b>40 %</b>" in html and "buys 1.67 units" in html
