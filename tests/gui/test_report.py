"""The PDF plan report: opens, has its pages and text (read back with pdftotext), its charts are
vectors with text labels, both paper sizes work, its pages render, and a failed write leaves an
earlier file untouched."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest
from PySide6.QtCore import QLocale

from planner.domain.calendar import YearMonth
from planner.domain.demo import demo_plan
from planner.export.files import ExportFileError
from planner.export.pdf_document import DocumentInfo, DrawingBlock, TextBlock, write_pdf
from planner.services.report import gather_report

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _tool(name: str) -> str:
    """A poppler-utils program (.ci/run installs them); missing is a failure, not a skip."""
    path = shutil.which(name)
    assert path, f"{name} is needed to read the PDF back (install poppler-utils)"
    return path


def pdf_text(path) -> str:
    """The PDF's text, with ligatures such as "ﬁ" spelled out."""
    out = subprocess.run([_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return unicodedata.normalize("NFKC", out)


def pdf_info(path) -> dict[str, str]:
    out = subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


@pytest.fixture(scope="module")
def report_data():
    # the fewest paths: its text is checked; the plan starts the month after it is made, whatever today
    # is (the demo's ages and access dates follow its start year)
    return gather_report(demo_plan(YearMonth(2026, 12)), paths=100, made_on=date(2026, 11, 21))


@pytest.fixture(scope="module")
def report_pdf(report_data, tmp_path_factory, qapp):
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    from planner.ui.report.plan_report import write_plan_report

    path = tmp_path_factory.mktemp("report") / "plan.pdf"
    try:
        pages = write_plan_report(path, report_data, "a4")
    finally:
        QLocale.setDefault(previous)
    return path, pages


def test_the_report_opens_with_its_pages_numbered(report_pdf):
    path, pages = report_pdf
    info = pdf_info(path)
    assert int(info["Pages"]) == pages >= 8
    assert "A4" in info["Page size"]
    assert info["Title"] == "Demo household — plan report"
    text = pdf_text(path)
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text


def test_the_report_has_every_section_in_order(report_pdf):
    lines = [line.strip() for line in pdf_text(report_pdf[0]).splitlines()]
    sections = ["Demo household", "Summary", "Household and assumptions", "Streams", "Accounts and tax", "Projection",
                "Scenario comparison", "Risks and what drives the worst outcomes", "Method and assumptions",
                "Disclaimer"]
    positions = [lines.index(section) for section in sections]  # headings stand on lines of their own
    assert positions == sorted(positions)


def test_the_report_says_the_plan_s_figures_in_the_locale(report_pdf, report_data):
    text = " ".join(pdf_text(report_pdf[0]).split())
    plan = report_data.plan
    assert "Saturday, November 21, 2026" in text
    found = report_data.montecarlo.confident
    assert found is not None and found.confirmed
    when = plan.start.plus(found.month)
    ages = f"you {plan.household.age_in(when)} / partner {when.year - plan.household.partner_birth_year}"
    assert (f"You can stop saving in {US.standaloneMonthName(when.month, QLocale.FormatType.ShortFormat)} "
            f"{when.year} ({ages}) with 90 % confidence") in text
    assert f"Stopping at your target age {plan.household.target_fi_age}:" in text
    assert "$3,400.00/month" in text  # monthly expenses
    assert f"Random seed {plan.assumptions.seed}" in text
    assert f"{plan.assumptions.seed:,}" not in text  # a seed is a label, not an amount: no grouping
    assert "Flat B" in text and "Rental property" in text  # a stream and its kind
    for scenario in plan.scenarios:
        assert scenario.name in text
    assert "not financial, tax or legal advice" in text


def test_the_charts_are_vectors_whose_labels_are_text(report_pdf):
    text = pdf_text(report_pdf[0])
    for label in ("Net worth (today's money)", "Passive income by stream", "Success of stopping saving in each year",
                  "Capital by sleeve", "Median net worth", "Year", "Age",
                  "Capital by account type (today's money, median of", "401(k) penalty-free",
                  "stop saving at 55", "Tax paid each year"):
        assert label in text
    assert re.search(r"\$\d+M", text)  # money ticks in millions
    images = subprocess.run([_tool("pdfimages"), "-list", str(report_pdf[0])], capture_output=True, text=True,
                            check=True).stdout
    assert len(images.strip().splitlines()) == 2  # the list's two header lines only: no picture of a chart


def test_the_accounts_and_tax_page_explains_the_tax_rules_the_withdrawal_order_and_the_accounts(report_pdf,
                                                                                                   report_data):
    text = " ".join(pdf_text(report_pdf[0]).split())
    page = text[text.index("Accounts and tax Accounts"):text.index("Income and spending over a life")]
    for said in ("US federal 2025, married filing jointly", "IRS Rev. Proc. 2024-40",
                 "After the stop, money comes from taxable accounts first, then tax-deferred, then tax-free; an "
                 "account is drawn before its access age only when nothing else can pay",
                 "Ordinary income Interest, Ordinary on its own $31,500 10 % from $0",  # taxes, base, allowance
                 "12 % from $23,850", "37 % from $751,600", "on top of Ordinary", "15 % from $96,700",
                 "Marginal tax on pay while working: 22 %", "Categories at flat rates: tax-free 0 %",
                 "401(k) Tax- You Total- $23,500 60 10 % 75 1",  # type, owner, stream, limit, access, penalty, RMD
                 "Roth IRA Tax-free Partner REIT fund $7,000 60 10 % never 2", "Brokerage Taxable You Bond fund,",
                 "In no account (held as taxable): Emergency fund", "IRS Uniform Lifetime divisor"):
        assert said in page, said
    summary = text[:text.index("Household and assumptions")]
    from planner.ui.summary_panel import summary_texts

    previous = QLocale()
    QLocale.setDefault(US)
    try:
        texts = summary_texts(report_data.montecarlo, report_data.plan)
    finally:
        QLocale.setDefault(previous)
    assert f"Tax in the first year after the stop {texts['tax_after_stop']}" in summary
    assert texts["access"].startswith("401(k) from Jan 2048 (you 60 / partner 58)")
    assert "Penalty-free access 401(k) from Jan 2048" in summary


def test_every_page_renders_with_ink_on_it(report_pdf, tmp_path):
    from PySide6.QtGui import QImage

    path, pages = report_pdf
    subprocess.run([_tool("pdftoppm"), "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image_path in images:
        image = QImage(str(image_path))
        dark = sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
                   if image.pixelColor(x, y).lightness() < 160)
        assert dark > 20, f"{image_path.name} looks blank"


def test_letter_paper(report_data, tmp_path, qapp):
    from planner.ui.report.plan_report import write_plan_report

    path = tmp_path / "letter.pdf"
    write_plan_report(path, report_data, "letter")
    assert "letter" in pdf_info(path)["Page size"]


def test_a_plan_without_scenarios_has_no_comparison(tmp_path, qapp):
    from dataclasses import replace

    from planner.ui.report.plan_report import write_plan_report
    from tests.helpers import until_age

    data = gather_report(replace(until_age(demo_plan(), 65), scenarios=()), paths=100)
    path = tmp_path / "plain.pdf"
    write_plan_report(path, data)
    assert "Scenario comparison" not in pdf_text(path)


def test_a_failed_write_leaves_the_earlier_file_untouched(tmp_path, qapp):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF earlier report")

    def broken(painter, rect):
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError):
        write_pdf(str(target), DocumentInfo("t", "f"), [TextBlock("<p>x</p>"), DrawingBlock(broken, 0.5)])
    assert target.read_bytes() == b"%PDF earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary file left behind
    with pytest.raises(ExportFileError):
        write_pdf(str(tmp_path / "missing" / "r.pdf"), DocumentInfo("t", "f"), [TextBlock("x")])
    with pytest.raises(ExportFileError, match="page size"):
        write_pdf(str(target), DocumentInfo("t", "f", "a3"), [TextBlock("x")])


def test_long_text_is_split_between_pages(tmp_path, qapp):
    rows = "".join(f"<tr><td>Row {i}</td></tr>" for i in range(300))
    path = tmp_path / "long.pdf"
    pages = write_pdf(str(path), DocumentInfo("t", "f"), [TextBlock(f"<table>{rows}</table>")])
    text = pdf_text(path)
    assert pages >= 3 and "Row 0" in text and "Row 299" in text
    assert all(f"Row {i}\n" in text or f"Row {i} " in text for i in range(300))


def test_planner_export_pdf_on_the_command_line(tmp_path, capsys):
    from planner.app.main import main
    from planner.services.plan_session import PlanSession
    from tests.helpers import until_age

    plan = tmp_path / "demo.plan"  # the demo to 65: the command is checked here, the figures above
    PlanSession.create(plan, until_age(demo_plan(), 65)).close()
    out = tmp_path / "demo.pdf"
    assert main(["export", str(plan), "--pdf", str(out), "--page-size", "letter", "--paths", "100"]) == 0
    assert "pages" in capsys.readouterr().out
    assert "Disclaimer" in pdf_text(out)
