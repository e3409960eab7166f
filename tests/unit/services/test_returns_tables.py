"""A plan's returns tables: reading a CSV file, naming it, adding and removing it undoably."""

import pytest

from planner.domain.plan import ReturnsTableText
from planner.domain.validation import validate_plan
from planner.services.returns_tables import (
    AddReturnsTable,
    RemoveReturnsTable,
    ReturnsTableRefused,
    free_table_name,
    read_returns_table,
)
from tests.helpers import demo, history_plan, returns_csv


def test_a_good_file_is_read_as_its_text_without_a_byte_order_mark(tmp_path):
    path = tmp_path / "nineties.csv"
    path.write_bytes(b"\xef\xbb\xbf" + returns_csv().encode())
    assert read_returns_table(path) == returns_csv()


@pytest.mark.parametrize(("content", "phrase"), [
    (returns_csv().replace("1990-05,", "1990-07,"), "line 6: month 1990-07 does not follow 1990-04"),
    (returns_csv().replace("\n1990-02,", "\n1990-02,x"), "line 3, equities"),
    ("month,gold\n", "unknown column 'gold'"),
    (b"\xff\xfe".decode("latin-1"), "UTF-8"),
])
def test_a_bad_file_is_refused_naming_the_file_and_the_line(tmp_path, content, phrase):
    path = tmp_path / "bad.csv"
    path.write_bytes(content.encode("latin-1") if "UTF-8" in phrase else content.encode())
    with pytest.raises(ReturnsTableRefused) as error:
        read_returns_table(path)
    assert phrase in str(error.value) and "bad.csv" in str(error.value) and "\n" not in str(error.value)


def test_a_missing_file_is_refused_in_one_line(tmp_path):
    with pytest.raises(ReturnsTableRefused, match="no such file"):
        read_returns_table(tmp_path / "none.csv")


def test_free_names_avoid_the_built_in_key_and_existing_tables():
    plan = history_plan()
    assert free_table_name(plan, "Shiller") == "Shiller"
    assert free_table_name(plan, "nineties") == "nineties 2"
    assert free_table_name(plan, "built-in") == "built-in 2"
    assert free_table_name(plan, "  ") == "Returns table"


def test_adding_a_table_replays_it_and_undo_restores_the_plan():
    plan = demo()
    command = AddReturnsTable(ReturnsTableText("Mine", returns_csv()))
    added, _ = command.apply(plan)
    assert [t.name for t in added.returns_tables] == ["Mine"] and added.assumptions.history_table == "Mine"
    assert validate_plan(added) == []
    assert command.revert(added)[0] == plan


def test_removing_the_replayed_table_goes_back_to_the_built_in_history_and_undo_puts_it_back():
    plan = history_plan()  # replays "Japan 1989", the second table
    command = RemoveReturnsTable("Japan 1989")
    removed, _ = command.apply(plan)
    assert [t.name for t in removed.returns_tables] == ["Nineties"]
    assert removed.assumptions.history_table == "built-in" and validate_plan(removed) == []
    assert command.revert(removed)[0] == plan
    other = RemoveReturnsTable("Nineties")
    kept, _ = other.apply(plan)
    assert kept.assumptions.history_table == "Japan 1989"
    assert other.revert(kept)[0] == plan
