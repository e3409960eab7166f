"""Reading other people's CSV files: encodings, delimiters, decimal commas, and a corpus of broken files
that must end in a clear message, never a traceback."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.export.csv_reading import CsvFormatError, decode, number_text, read_table

TEXT = "name,kind,amount\nCafé fund,High-yield savings,1200.50\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "UTF-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
    (TEXT.encode("utf-16"), "UTF-16"),  # with a byte-order mark
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
    (TEXT.encode("utf-16-le"), "UTF-16"),  # no mark: recognised by its zero bytes
    (TEXT.encode("utf-16-be"), "UTF-16"),
    (TEXT.encode("cp1252"), "Windows-1252"),
])
def test_every_supported_encoding_gives_the_same_table(data, encoding):
    table = read_table(data)
    assert table.encoding == encoding
    assert table.headers == ("name", "kind", "amount")
    assert table.rows == (("Café fund", "High-yield savings", "1200.50"),)


def test_a_byte_order_mark_never_reaches_the_first_header():
    assert decode(codecs.BOM_UTF8 + b"name\n")[0] == "name\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_detected(delimiter):
    text = delimiter.join(["name", "kind", "amount"]) + "\n" + delimiter.join(["A", "index_fund", "5"]) + "\n"
    table = read_table(text.encode())
    assert table.delimiter == delimiter
    assert table.rows == (("A", "index_fund", "5"),)


def test_a_decimal_comma_is_detected_and_numbers_are_read_with_it():
    table = read_table(b"name;amount\nA;1.234,50\nB;4,5\n")
    assert table.decimal_comma
    assert [number_text(row[1], table.decimal_comma) for row in table.rows] == ["1234.50", "4.5"]
    plain = read_table(b'name,amount\nA,"1,234.50"\n')
    assert not plain.decimal_comma
    assert number_text(plain.rows[0][1], False) == "1234.50"


def test_rows_keep_the_line_they_start_on_across_blank_lines_and_quoted_line_breaks():
    table = read_table(b'name,notes\n\nA,"two\nlines"\nB,x\n')
    assert table.lines == (3, 5)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b"\n\n  \n", "empty"),
    (b'name,notes\nA,"never closed\n', "line"),
    (b"name,Name\nA,B\n", "same name"),
    (b"\xff\xfe" + b"\x00\xd8" * 3, "UTF-16"),  # a lone surrogate in UTF-16
    (b"name\n" + b"x" * 20_000 + b"\n", "line"),  # one field larger than any holding needs
])
def test_malformed_files_are_refused_with_a_message(data, message):
    with pytest.raises(CsvFormatError, match=message):
        read_table(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_table_or_a_message(data):
    try:
        table = read_table(data)
    except CsvFormatError as error:
        assert str(error)
    else:
        assert all(isinstance(cell, str) for row in table.rows for cell in row)
