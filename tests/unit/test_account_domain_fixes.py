"""Accounts and tax in the domain as storage and the plan format need them: a tax table's amounts
are money (whole cents, up to the largest amount), so a plan that validates can always be stored;
an account's ages are whole numbers, as its dataclass and the file say."""

from dataclasses import replace
from decimal import Decimal

import pytest

from planner.domain.plan import Override, Scenario, TaxBracket
from planner.domain.record_fields import NUMERIC_FIELDS
from planner.domain.scenarios import apply_scenario
from planner.domain.validation import validate_plan
from tests.helpers import demo


def _with_first_table(**changes):
    plan = demo()
    tables = plan.assumptions.tax_tables
    return replace(plan, assumptions=replace(plan.assumptions,
                                             tax_tables=(replace(tables[0], **changes), *tables[1:])))


def _brackets(*starts):
    return tuple(TaxBracket(Decimal(start), Decimal(10 + index)) for index, start in enumerate(starts))


@pytest.mark.parametrize(("changes", "path", "phrase"), [
    ({"allowance": Decimal("100.005")}, "assumptions.tax_tables[0].allowance", "fractions of a cent"),
    ({"brackets": _brackets("0", "20000.001")}, "assumptions.tax_tables[0].brackets[1].from_amount",
     "fractions of a cent"),
    ({"brackets": _brackets("0", "1000000000000.01")}, "assumptions.tax_tables[0].brackets[1].from_amount",
     "1,000,000,000,000"),
])
def test_amounts_with_fractions_of_a_cent_or_beyond_the_largest_are_refused(changes, path, phrase):
    problems = {problem.path: problem.message for problem in validate_plan(_with_first_table(**changes))}
    assert path in problems and phrase in problems[path]


def test_amounts_in_whole_cents_are_accepted():
    assert validate_plan(_with_first_table(allowance=Decimal("100.01"),
                                           brackets=_brackets("0", "20000.99", "1000000000000"))) == []


def test_an_account_s_ages_are_whole_numbers_and_a_scenario_sets_them_as_such():
    assert all(spec.integer for key, spec in NUMERIC_FIELDS["account"].items() if key.endswith("_age"))
    plan = demo()
    scenario = Scenario("Early", "", (Override("account:k401", "access_age", "55"),
                                      Override("account:k401", "required_from_age", "73")))
    account = apply_scenario(plan, scenario).account("k401")
    assert (account.access_age, account.required_from_age) == (55, 73)
    assert type(account.access_age) is int and type(account.required_from_age) is int
