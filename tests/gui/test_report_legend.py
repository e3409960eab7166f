"""The report's chart legends are printed as text under each chart: every stream of the passive
income chart is listed, its name whole (wrapped, never cut), however many streams and however long
their names; the read-back is the PDF's own text, page by page."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QLocale

from planner.domain.demo import demo_plan
from planner.services.report import gather_report
from planner.ui.charts.base import ChartContext
from planner.ui.charts.income import IncomeChart
from tests.gui.test_report import _tool, pdf_info
from tests.helpers import until_age

#: Names of the kind that were cut off ("Dividend ETF (SCH") or pushed out of the legend.
LONG_NAMES = ("Dividend ETF (SCHD) reinvested quarterly", "Total-market index fund in the tax-free account",
              "Flat B — two-bedroom let on Harbour Street", "Emergency fund",
              "Stablecoin pool on a decentralised exchange, a name long enough to need two lines of the legend")


def page_texts(path) -> list[str]:
    """Each page's text, in reading order, with ligatures spelled out and runs of spaces and line
    breaks made single spaces (a name wrapped onto two lines reads whole)."""
    pages = int(pdf_info(path)["Pages"])
    texts = []
    for number in range(1, pages + 1):
        out = subprocess.run([_tool("pdftotext"), "-f", str(number), "-l", str(number), str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        texts.append(" ".join(unicodedata.normalize("NFKC", out).split()))
    return texts


def income_page(path) -> str:
    pages = [text for text in page_texts(path) if "Passive income by stream" in text]
    assert len(pages) == 1, "the passive income chart is on one page"
    return pages[0]


def write_report(plan, path, page_size: str = "a4") -> None:
    """The plan's report on 100 paths, to age 65 and without its scenarios: the legends are what is read."""
    from planner.ui.report.plan_report import write_plan_report

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        data = gather_report(until_age(replace(plan, scenarios=()), 65), paths=100, made_on=date(2026, 11, 21))
        write_plan_report(path, data, page_size)
    finally:
        QLocale.setDefault(previous)


def renamed(plan, names):
    """The plan's first streams, as many as there are names, called by those names (and no
    scenarios, which name streams left out)."""
    streams = tuple(replace(stream, name=name) for stream, name in zip(plan.streams, names, strict=False))
    return replace(plan, streams=streams, scenarios=())


def test_the_demo_s_income_legend_lists_all_sixteen_streams(tmp_path, qapp):
    plan = demo_plan()
    assert len(plan.streams) == 16
    path = tmp_path / "demo.pdf"
    write_report(plan, path)
    page = income_page(path)
    for stream in plan.streams:
        assert stream.name in page, f"{stream.name!r} is missing from the income chart's legend"
    for key in ("Total", "Expenses", "Income covers expenses"):
        assert key in page


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_long_stream_names_are_printed_whole(tmp_path, qapp, page_size):
    plan = renamed(demo_plan(), LONG_NAMES)
    assert [s.name for s in plan.streams] == list(LONG_NAMES)
    path = tmp_path / "long.pdf"
    write_report(plan, path, page_size)
    assert page_size in pdf_info(path)["Page size"].lower()
    page = income_page(path)
    for name in LONG_NAMES:
        assert name in page, f"{name!r} is cut or missing from the income chart's legend"


def test_the_printed_legend_has_every_entry_of_the_chart_and_wraps_long_names(qapp):
    from planner.ui.report import sections
    from planner.ui.report.chart_drawings import drawn_charts, printed_legend

    plan = renamed(until_age(demo_plan(), 65), LONG_NAMES)
    data = gather_report(plan, paths=100)
    with drawn_charts(data.deterministic, data.montecarlo, ChartContext()) as charts:
        income = next(chart for chart in charts if isinstance(chart, IncomeChart))
        entries = printed_legend(income)
        assert not any(legend.isVisible() for chart in charts for legend in chart.legends)  # text, not drawn
    names = [entry.name for entry in entries]
    assert names[:2] == ["Total", "Expenses"] and names[-len(LONG_NAMES):] == list(LONG_NAMES)
    html = sections.legend(entries)
    assert html.count("<tr>") == len(entries)  # one column: the longest name needs the whole width
    assert "Flat B — two-bedroom let on Harbour Street" in html
    expenses = next(entry for entry in entries if entry.name == "Expenses")
    assert expenses.line and expenses.dashed and expenses.shade == "#d62728"
    band = entries[-1]
    assert not band.line and band.shade != "#ffffff"


def test_a_chart_and_its_legend_share_a_page(tmp_path, qapp):
    from planner.export.pdf_document import DocumentInfo, DrawingBlock, TextBlock, write_pdf

    def chart(painter, rect):
        painter.drawText(rect, "CHART DRAWING")

    filler = TextBlock("".join(f"<p>Filler line {n}</p>" for n in range(24)))  # over half a page
    legend = TextBlock("".join(f"<p>Legend entry {n}</p>" for n in range(12)))
    path = tmp_path / "kept.pdf"
    write_pdf(str(path), DocumentInfo("t", "f"), [filler, DrawingBlock(chart, 0.3, keep_with_next=True), legend])
    pages = page_texts(path)
    with_chart = [text for text in pages if "CHART DRAWING" in text]
    assert len(with_chart) == 1 and "Legend entry 0" in with_chart[0] and "Legend entry 11" in with_chart[0]
    assert "Filler line 0" in pages[0] and "CHART DRAWING" not in pages[0]  # moved on together
    # without the flag the drawing stays where it fits and its legend goes over (the report's old fault)
    loose = tmp_path / "loose.pdf"
    write_pdf(str(loose), DocumentInfo("t", "f"), [filler, DrawingBlock(chart, 0.3), legend])
    assert "CHART DRAWING" in page_texts(loose)[0] and "Legend entry 0" not in page_texts(loose)[0]
