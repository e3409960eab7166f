"""Holdings rows become streams, or every bad row is named with its line and reason and none are taken."""

from __future__ import annotations

from decimal import Decimal

from planner.domain.calendar import YearMonth
from planner.domain.demo import demo_plan
from planner.domain.enums import IncomePolicy, Sleeve
from planner.export.csv_reading import read_table
from planner.export.holdings import MAX_STREAMS, kind_key, read_holdings, suggest_mapping
from planner.services.holdings_import import sample_file


def _read(text: str, plan=None):
    table = read_table(text.encode("utf-8"))
    return read_holdings(table, suggest_mapping(table.headers), plan or demo_plan())


def test_columns_are_recognised_from_common_header_names():
    mapping = suggest_mapping(("Holding", "Type", "Market value", "Upkeep", "Comment"))
    assert mapping == {"name": "Holding", "kind": "Type", "starting_amount": "Market value",
                       "upkeep_hours": "Upkeep", "notes": "Comment"}


def test_a_kind_is_found_by_its_key_or_its_name_in_any_case():
    assert kind_key("index_fund") == kind_key("INDEX FUND") == "index_fund"
    assert kind_key("High-yield savings") == "high_yield_savings"
    assert kind_key("gold bars") is None


def test_good_rows_become_streams_with_their_fields_and_parameters():
    result = _read("name;type;amount;apy;sleeve;income policy;start;notes\n"
                   "Rainy day;High-yield savings;12.000,50;4,2;speculative;Pay out;2027-03;bank A\n")
    assert result.problems == ()
    (stream,) = result.streams
    assert stream.name == "Rainy day" and stream.kind == "high_yield_savings"
    assert stream.starting_amount == Decimal("12000.50")
    assert stream.param("apy") == Decimal("4.2")
    assert stream.sleeve is Sleeve.SPECULATIVE and stream.income_policy is IncomePolicy.PAY_OUT
    assert stream.start == YearMonth(2027, 3) and stream.notes == "bank A"


def test_every_bad_row_is_reported_with_its_line_and_no_stream_is_taken():
    result = _read("name,kind,amount,sleeve,start\n"
                   "Fine,index_fund,100,,\n"          # line 2: good
                   "Emergency fund,index_fund,1,,\n"  # 3: the demo plan has this name
                   "X,gold bars,1,,\n"                # 4: unknown kind
                   "Y,index_fund,-5,,\n"              # 5: negative amount
                   "Z,index_fund,abc,,\n"             # 6: not a number
                   "W,index_fund,1,wild,\n"           # 7: unknown sleeve
                   "V,index_fund,1,,March\n"          # 8: not a month
                   "Fine,index_fund,1,,\n"            # 9: name used on line 2
                   "U,index_fund\n")                  # 10: too few fields
    assert result.streams == ()
    lines = [problem.line for problem in result.problems]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10]
    text = "\n".join(map(str, result.problems))
    for expected in ("already used by the plan", "'gold bars' is not a stream kind", "between 0 and",
                     "sleeve 'wild'", "'March' is not a month", "already used by line 2", "2 fields"):
        assert expected in text


def test_a_missing_required_column_is_said_before_any_row():
    result = _read("name,amount\nA,1\n")
    assert [str(p) for p in result.problems] == ["line 1: no column is chosen for kind"]


def test_an_import_is_bounded_to_a_household_sized_number_of_streams():
    rows = "".join(f"S{i},index_fund,1\n" for i in range(MAX_STREAMS + 1))
    result = _read("name,kind,amount\n" + rows)
    assert result.streams == ()
    assert f"at most {MAX_STREAMS}" in str(result.problems[0])


def test_the_sample_file_imports_cleanly_into_the_demo_plan_and_an_empty_one():
    from planner.domain.defaults import new_plan

    for plan in (demo_plan(), new_plan("Empty")):
        table = read_table(sample_file().read_bytes())
        result = read_holdings(table, suggest_mapping(table.headers), plan)
        assert result.problems == ()
        assert len(result.streams) == len(table.rows) == 5


def test_an_account_column_puts_each_row_in_the_plan_s_account_of_that_name_in_any_case():
    result = _read("name,kind,amount,account\n"
                   "Index A,index_fund,100,401(K)\n"
                   "Index B,index_fund,200,  roth ira (PARTNER) \n"
                   "Savings,high_yield_savings,300,\n")
    assert result.problems == ()
    assert [s.account for s in result.streams] == ["k401", "roth", ""]


def test_an_unknown_account_or_a_kind_that_cannot_sit_in_it_is_a_problem_of_its_line_and_nothing_is_taken():
    result = _read("name,kind,amount,account\n"
                   "Index A,index_fund,100,Brokerage\n"       # line 2: good
                   "Index B,index_fund,200,Offshore\n"        # 3: no such account
                   "Flat C,rental_property,90000,401(k)\n")   # 4: property in a tax-deferred account
    assert result.streams == ()
    assert [p.line for p in result.problems] == [3, 4]
    assert "'Offshore' is not an account of the plan" in result.problems[0].message
    assert "'401(k)'" in result.problems[0].message and "'Brokerage'" in result.problems[0].message
    assert "cannot sit in '401(k)'" in result.problems[1].message


def test_an_account_named_in_a_plan_without_accounts_says_to_add_it_first():
    from planner.domain.defaults import new_plan

    result = _read("name,kind,amount,account\nIndex A,index_fund,100,401(k)\n", new_plan("Empty"))
    assert result.streams == () and "no accounts yet" in str(result.problems[0])


def test_a_column_headed_account_names_the_account_not_the_holding():
    mapping = suggest_mapping(("Account", "Holding", "Type", "Value"))
    assert mapping == {"name": "Holding", "account": "Account", "kind": "Type", "starting_amount": "Value"}
