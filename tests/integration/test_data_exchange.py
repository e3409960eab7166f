"""`planner export --csv` (yearly, monthly, per stream, safe in spreadsheets) and `planner import --csv`
(all or nothing, after a backup)."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.domain.plan import plan_years
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from planner.engine.tables import MONTHLY_COLUMNS, SALE_PREFIX, STREAM_PREFIX, projection_table
from planner.export.tables import csv_text
from planner.services.holdings_import import sample_file
from planner.services.plan_files import read_plan
from tests.helpers import run_cli as run
from tests.helpers import stored_plan


@pytest.fixture(scope="module")
def monthly_run():
    return project(snapshot(demo_plan()), RunOptions(paths=400, monthly=True))


def test_monthly_figures_agree_with_the_yearly_ones_of_the_same_paths(monthly_run):
    p, monthly = monthly_run, monthly_run.monthly
    december = slice(11, None, 12)  # each projected year's last month
    for basis in ("real", "nominal"):
        assert np.allclose(monthly.net_worth[basis][:, december], p.net_worth[basis], rtol=1e-5)
    assert np.allclose(monthly.fi_probability[december], p.fi_probability)
    yearly_by_stream = monthly.stream_income.reshape(p.years, 12, -1).sum(axis=1)
    assert np.allclose(yearly_by_stream, np.array([s.income for s in p.streams]).T)
    assert monthly.year.size == 12 * p.years and set(monthly.month) == set(range(1, 13))


def test_monthly_table_has_a_row_per_month_and_a_column_per_stream(monthly_run):
    columns, rows = projection_table(monthly_run, monthly=True, per_stream=True)
    names = [s.name for s in monthly_run.streams]
    assert columns == MONTHLY_COLUMNS + tuple(STREAM_PREFIX + n for n in names)
    assert len(rows) == 12 * monthly_run.years
    first = rows[0]
    assert (first["year"], first["month"]) == (int(monthly_run.monthly.year[0]), int(monthly_run.monthly.month[0]))
    assert first[STREAM_PREFIX + names[0]] == round(float(monthly_run.monthly.stream_income_real[0, 0]), 2)


def test_a_monthly_table_needs_a_monthly_run():
    plain = project(snapshot(demo_plan()), RunOptions(mode="deterministic"))
    with pytest.raises(ValueError, match="without monthly"):
        projection_table(plain, monthly=True)


def test_export_csv_writes_the_yearly_table_with_stream_columns(demo_file, tmp_path, capsys):
    out = tmp_path / "projection.csv"
    status, printed, _ = run(capsys, "export", demo_file, "--csv", out, "--per-stream", "--paths", 300)
    assert status == 0 and "wrote" in printed
    raw = out.read_bytes()
    assert raw.startswith(b"year,age,") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    years = plan_years(stored_plan(demo_file))
    assert len(rows) == years and int(rows[-1]["age"]) == 97  # to the partner's plan-until age (2 years younger)
    assert f"{STREAM_PREFIX}Flat B" in rows[0]
    float(rows[0][f"{STREAM_PREFIX}Flat B"])  # a number, not text
    sales = [float(row[f"{SALE_PREFIX}Flat B"]) for row in rows]  # the rental's sale proceeds: a last resort
    assert all(value >= 0 for value in sales) and f"{SALE_PREFIX}Dividend ETF" not in rows[0]


def test_export_csv_monthly_to_stdout(demo_file, capsys):
    status, printed, _ = run(capsys, "export", demo_file, "--csv", "-", "--monthly", "--paths", 200)
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(printed)))
    assert len(rows) == 12 * plan_years(stored_plan(demo_file)) and rows[12]["month"] == rows[0]["month"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_text_that_a_spreadsheet_would_run_is_neutralised_and_numbers_stay_numbers(dangerous):
    text = csv_text(("name", "income: " + dangerous, "value"), [
        {"name": dangerous, "income: " + dangerous: -13470.5, "value": "-42.5"}])
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[1] == "income: " + dangerous  # not at the start of the cell: harmless
    assert row[0] == "'" + dangerous
    assert row[1] == "-13470.5" and row[2] == "-42.5"  # negative numbers are numbers, not formulas
    header_only = csv_text((dangerous,), [])
    assert next(csv.reader(io.StringIO(header_only)))[0] == "'" + dangerous


def test_a_stream_named_like_a_formula_cannot_inject_through_the_export(demo_file, tmp_path, capsys):
    exported = tmp_path / "plan.json"
    run(capsys, "export", demo_file, "--json", exported)
    document = json.loads(exported.read_text())
    document["plan"]["streams"][0]["name"] = "=cmd|'/c calc'!A1"
    exported.write_text(json.dumps(document))
    evil = tmp_path / "evil.plan"
    assert run(capsys, "import", evil, "--json", exported)[0] == 0
    out = tmp_path / "evil.csv"
    assert run(capsys, "export", evil, "--csv", out, "--per-stream", "--paths", 100)[0] == 0
    header = next(csv.reader(io.StringIO(out.read_text())))
    assert f"{STREAM_PREFIX}=cmd|'/c calc'!A1" in header
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in header)


def test_import_csv_adds_every_row_after_a_backup(demo_file, capsys):
    before = len(read_plan(demo_file).streams)
    status, printed, _ = run(capsys, "import", demo_file, "--csv", sample_file())
    assert status == 0 and "imported 5 holdings" in printed
    assert len(read_plan(demo_file).streams) == before + 5
    backups = list(demo_file.parent.glob("demo.plan.before-import-*.bak"))
    assert len(backups) == 1 and len(read_plan(backups[0]).streams) == before


def test_import_csv_with_a_bad_row_writes_nothing(demo_file, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,amount\nGood,index_fund,10\nBad,index_fund,-1\n")
    before = demo_file.read_bytes()
    status, _, err = run(capsys, "import", demo_file, "--csv", bad)
    assert status == 1 and "line 3" in err and "nothing was imported" in err
    assert demo_file.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_import_csv_columns_can_be_chosen_on_the_command_line(demo_file, tmp_path, capsys):
    odd = tmp_path / "odd.csv"
    odd.write_text("what,sort,how much\nBrokerage cash,high_yield_savings,2500\n")
    assert run(capsys, "import", demo_file, "--csv", odd)[0] == 1  # the headers say nothing
    status, printed, _ = run(capsys, "import", demo_file, "--csv", odd, "--map", "name=what", "--map", "kind=sort",
                             "--map", "starting_amount=how much")
    assert status == 0, printed
    assert read_plan(demo_file).streams[-1].name == "Brokerage cash"
    assert run(capsys, "import", demo_file, "--csv", odd, "--map", "colour=what")[0] == 2


def test_import_csv_puts_holdings_in_the_named_accounts_or_writes_nothing(demo_file, tmp_path, capsys):
    held = tmp_path / "held.csv"
    held.write_text("holding,type,value,account\nWork index,index_fund,5000,401(k)\nCash,high_yield_savings,900,\n")
    assert run(capsys, "import", demo_file, "--csv", held)[0] == 0
    streams = {s.name: s for s in read_plan(demo_file).streams}
    assert (streams["Work index"].account, streams["Cash"].account) == ("k401", "")
    stray = tmp_path / "stray.csv"
    stray.write_text("holding,type,value,account\nMore index,index_fund,5000,Offshore trust\n")
    before = demo_file.read_bytes()
    status, _, err = run(capsys, "import", demo_file, "--csv", stray)
    assert status == 1 and "line 2: account 'Offshore trust' is not an account of the plan" in err
    assert demo_file.read_bytes() == before


def test_export_needs_something_to_write(demo_file, capsys):
    status, _, err = run(capsys, "export", demo_file)
    assert status == 2 and "--json, --csv and/or --pdf" in err


@pytest.mark.parametrize("command", [["simulate", "--csv"], ["export", "--csv"], ["export", "--pdf"]])
def test_an_export_never_replaces_a_plan_chosen_as_its_output(demo_file, tmp_path, capsys, command):
    before = demo_file.read_bytes()
    status, _, err = run(capsys, command[0], demo_file, command[1], demo_file, "--paths", 100)
    assert status == 1 and "is a plan or another database" in err
    assert demo_file.read_bytes() == before
