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
from planner.ui.report.life_section import life_section
from planner.ui.report.tax_section import tax_section


def _chart_blocks(chart: ChartBase) -> list[Block]:
    entries = printed_legend(chart)
    key = sections.legend(entries) if entries else ""
    key += "".join(f"<p>{escape(note)}</p>" for note in printed_notes(chart))
    return [DrawingBlock(lambda painter, rect, chart=chart: render_chart(chart, painter, rect), chart_aspect(chart),
                         keep_with_next=True),  # never a legend on the page after its chart
            TextBlock(f"{key}<p style='color:#44546a;'>{chart.report_caption}</p>")]


def write_plan_report(path: Path, data: ReportData, page_size: str = "a4") -> int:
    """Write the report to path (atomically); returns its page count. Needs a QApplication."""
    plan = data.plan
    context = ChartContext(real=True, symbol=currency_symbol(plan.currency), plan=plan)  # the timeline draws the plan
    scenarios = [(result.name, result.projection) for result in data.scenarios]
    with drawn_charts(data.deterministic, data.montecarlo, context, scenarios) as charts:
        blocks: list[Block] = [TextBlock(sections.title_section(data) + sections.summary_section(data)),
                               TextBlock(sections.household_section(plan)), PageBreak(),
                               TextBlock(sections.streams_section(plan, data.montecarlo)), PageBreak(),
                               TextBlock(tax_section(plan)), PageBreak(),
                               TextBlock(life_section(plan)), PageBreak(),
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
