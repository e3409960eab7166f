"""Explanations in the window: what drove the worst outcomes, passivity per stream, diversification."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from planner.engine.metrics import WORST_SHARE
from planner.services.whatif.explain import Explanation, explain, market_sentence
from planner.ui.whatif.panel import WhatIfPanel
from planner.ui.window_context import WindowContext


class ExplainPanel(WhatIfPanel):
    title = "Explain"
    run_text = "Explain the projection"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.text = QTextBrowser()
        self.text.setObjectName("explanation")
        self.add_results(self.text, f"Press {self.run_text}: what drives the worst outcomes, how much work "
                                    "each stream's income takes and how spread the income is appear here.")

    def start(self) -> None:
        plan, scenario = self.plan, self.scenario

        def work(progress):  # type: ignore[no-untyped-def]
            progress(0, 1)
            return explain(plan, scenario)

        self.run("Projecting the plan…", work, lambda result: self.present(plan.currency, result))

    def present(self, currency: str, explanation: Explanation) -> None:
        share = f"{WORST_SHARE:.0%}"
        parts = [f"<p style='color:#c62828;'>⚠ {escape(w)}</p>" for w in explanation.warnings]
        parts += [f"<h3>What drives the worst {share} of outcomes</h3>",
                 "<p>Paths ranked by final net worth in today's money. Each stream's share of the gap between the "
                 "average path and the worst paths:</p><table cellpadding='3'>"]
        parts += [f"<tr><td>{escape(name)}</td><td align='right'>{part:.0%}</td></tr>"
                  for name, part in explanation.drivers[:10]]
        parts.append("</table><p>Markets on those paths:</p><ul>")
        parts += [f"<li>{escape(market_sentence(d))}</li>" for d in explanation.markets]
        parts.append("</ul><h3>Passivity</h3><table cellpadding='3'><tr><th align='left'>Stream</th>"
                     "<th>Hours a year</th><th>Income a year</th><th>Per hour</th></tr>")
        for s in explanation.passivity:
            rate = "no work" if s.income_per_hour == float("inf") else f"{s.income_per_hour:,.0f}"
            parts.append(f"<tr><td>{escape(s.name)}</td><td align='right'>{s.hours_a_year:,.0f}</td>"
                         f"<td align='right'>{s.income_a_year:,.0f} {escape(currency)}</td>"
                         f"<td align='right'>{rate}</td></tr>")
        parts.append(f"</table><h3>Diversification</h3><p>{explanation.effective_sources:.1f} effective income "
                     "sources in the last year (1 divided by the sum of squared income shares: 1 means one source, "
                     "n means n equal ones).</p>")
        self.text.setHtml("".join(parts))
