"""Course module 3: a customer's systems as silos, then connected through the team."""

from __future__ import annotations

import ipywidgets as w

from ..display.plots import team_network_chart
from .base import Panel, customer_dropdown


class SiloView(Panel):
    """Course module 3: a customer's systems as silos, then connected through the team."""

    def __init__(self, book=None):
        super().__init__(book)
        self.customer = customer_dropdown(self.book)
        self.mode = w.ToggleButtons(options=[("Separate silos", False), ("Connected through the team", True)],
                                    description="Show", style={"description_width": "initial", "button_width": "auto"})  # whole words
        self.chart = w.HTML()
        self.remember("customer", self.customer)
        self.remember("mode", self.mode)
        for control in (self.customer, self.mode):
            control.observe(lambda _c: self.update(), names="value")
        self.update()

    def update(self):
        c = self.book.customers[self.customer.value]
        systems = [self.book.programs[p].name for p, s in c.eligibility.items() if p in self.book.programs and s.counts]
        chart = team_network_chart(c.name, systems, connected=self.mode.value)
        self.chart.value = chart._repr_html_()
        return chart

    def controls(self) -> list[w.Widget]:
        return [self.customer, self.mode, self.chart]
