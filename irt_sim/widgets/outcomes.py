"""The outcomes page: the IPS research funnel, or one agency's quarterly employment rate."""

from __future__ import annotations

import ipywidgets as w

import pandas as pd

from ..display.ips_charts import outcomes_trend_chart
from ..display.plots import Chart, funnel_chart
from ..display.tables import QuarterlyTable
from ..ips.outcomes import casebook_outcomes_by_quarter, quarterly_outcomes, read_caseload, roll_up
from ..simulator import run_preset
from .base import STYLE, Panel


def ips_overview_funnel(replicates: int = 50, seed: int = 1) -> Chart:
    """The simulator's IPS preset against the funnel the IPS overview deck reports (dashed lines)."""
    result, targets = run_preset("ips_overview_deck", replicates=replicates, seed=seed)
    return funnel_chart(result, targets=targets)


def casebook_outcomes(book) -> tuple[QuarterlyTable, Chart]:
    """Quarterly outcomes of every agency in the casebook, rolled up as a learning community's table
    (its figures in ``.data``), with the trend chart."""
    tables = casebook_outcomes_by_quarter(book)
    caption = f"The learning community: the {len(tables)} agencies' quarterly figures added up"
    return QuarterlyTable(roll_up(tables), caption), outcomes_trend_chart(pd.concat(tables, ignore_index=True))


class OutcomesView(Panel):
    """The outcomes page: the IPS research funnel, or one casebook agency's quarterly employment rate."""

    FUNNEL = "funnel"

    def __init__(self, book=None):
        super().__init__(book)
        options = [("What IPS research shows: 530 people in one San Diego program, from referral to a job kept", self.FUNNEL)]
        options += [(f"{a.name}: employment rate by quarter", aid) for aid, a in self.book.agencies.items()]
        self.show = w.Dropdown(options=options, value=self.FUNNEL, description="Show", style=STYLE,
                               layout=w.Layout(width="100%", max_width="62em"))  # whole choices, never cut
        self.chart = w.HTML()
        # the data behind each choice never changes while the page is open, so every chart is drawn
        # once, up front (before the visitor arrives, on a preheated demo page): switching is instant
        self._drawn = {value: self._draw(value) for _label, value in options}
        self.remember("show", self.show)
        self.show.observe(lambda _c: self.update(), names="value")
        self.update()

    def _draw(self, choice: str):
        """The chart for a choice, with its HTML (drawing the image is the slow part)."""
        chart = self._chart(choice)
        return chart, chart._repr_html_()

    def _chart(self, choice: str):
        if choice == self.FUNNEL:
            return ips_overview_funnel()
        agency = self.book.agencies[choice]
        table = quarterly_outcomes(read_caseload(self.book.caseload_file(choice), agency=agency.name))
        return outcomes_trend_chart(table, title=f"{agency.name}: served who worked, by quarter")

    def update(self):
        chart, page = self._drawn[self.show.value]
        self.chart.value = f'<div role="status" aria-live="polite">{page}</div>'
        return chart

    def controls(self) -> list[w.Widget]:
        return [self.show, self.chart]
