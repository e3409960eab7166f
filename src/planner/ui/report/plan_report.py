"""Put the report together: text sections and vector charts, in the order an adviser reads them,
handed to the PDF writer."""

from __future__ import annotations

from html import escape
from pathlib import Path

from planner.export.pdf_document import Block, DocumentInfo, DrawingBlock, PageBreak, TextBlock, write_pdf
from planner.services.report import ReportData
from planner.ui.charts.base import ChartBase, ChartContext
from planner.ui.charts.scenarios import ScenarioChart
from planner.ui.formatting import currency_symbol, user_locale
from planner.ui.report import sections
from planner.ui.report.chart_drawings import chart_aspect, drawn_charts, printed_legend, printed_notes, render_chart

#: One sentence under each chart, by the chart's tab title.
CAPTIONS = {
    "Net worth": "Shaded bands hold 90, 80 and 50 % of the simulated paths; the solid line is the "
                 "median, the dashed line the expected path without randomness.",
    "Passive income": "Mean after-tax passive income by stream over the paths, stacked, against the "
                      "household's expenses; the marker shows where income first covers them.",
    "When to stop": "Above: the success of stopping saving in each year, against the confidence, with the "
                    "earliest confident month and the target age marked. Below: when the FI test first holds "
                    "(12 months in a row) on the paths, with the 10 %, median and 90 % dates marked.",
    "Allocation": "How the capital is spread over the safe, core and speculative sleeves over time.",
    "Scenarios": "Each scenario's median net worth and median passive income, with the base plan's 10–90 % "
                 "band shaded, and the share of each scenario's paths whose FI test has held by each year.",
    "Risk vs yield": "Each stream's yield against its risk, as measured in the simulation; the area of a "
                      "bubble is proportional to the money in the stream.",
}


def _chart_blocks(chart: ChartBase) -> list[Block]:
    caption = CAPTIONS.get(chart.title, "")
    entries = printed_legend(chart)
    key = sections.legend(entries) if entries else ""
    key += "".join(f"<p>{escape(note)}</p>" for note in printed_notes(chart))
    return [DrawingBlock(lambda painter, rect, chart=chart: render_chart(chart, painter, rect), chart_aspect(chart),
                         keep_with_next=True),  # never a legend on the page after its chart
            TextBlock(f"{key}<p style='color:#44546a;'>{caption}</p>")]


def write_plan_report(path: Path, data: ReportData, page_size: str = "a4") -> int:
    """Write the report to path (atomically); returns its page count. Needs a QApplication."""
    plan = data.plan
    context = ChartContext(real=True, symbol=currency_symbol(plan.currency))
    scenarios = [(result.name, result.projection) for result in data.scenarios]
    with drawn_charts(data.deterministic, data.montecarlo, context, scenarios) as charts:
        blocks: list[Block] = [TextBlock(sections.title_section(data) + sections.summary_section(data)),
                               TextBlock(sections.household_section(plan)), PageBreak(),
                               TextBlock(sections.streams_section(plan, data.montecarlo)), PageBreak(),
                               TextBlock("<h2>Projection</h2>")]
        for chart in charts:
            if isinstance(chart, ScenarioChart):
                blocks += [PageBreak(), TextBlock(sections.scenario_section(data))]
            blocks += _chart_blocks(chart)
        blocks += [PageBreak(), TextBlock(sections.risk_section(data)), PageBreak(),
                   TextBlock(sections.method_section(plan)), TextBlock(sections.disclaimer_section())]
        made = user_locale().toString(data.made_on)
        info = DocumentInfo(title=f"{plan.name} — plan report", footer=f"{plan.name} · {made}", page_size=page_size)
        return write_pdf(str(path), info, blocks)
