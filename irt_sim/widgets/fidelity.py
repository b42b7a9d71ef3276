"""Course module 9: a fidelity self-check on a sample agency."""

from __future__ import annotations

import html

import ipywidgets as w

from ..ips.fidelity import score_profile
from ..ips.implementation import check_implementation
from .base import LAYOUT, STYLE, Panel


class FidelityView(Panel):
    """Course module 9: a fidelity self-check on a sample agency, with the good-fidelity threshold."""

    def __init__(self, book=None):
        super().__init__(book)
        self.agency = w.Dropdown(options=[(a.name, aid) for aid, a in self.book.agencies.items()],
                                 description="Agency", style=STYLE, layout=w.Layout(**LAYOUT))
        self.threshold = w.BoundedIntText(value=100, min=25, max=125, description="Good fidelity from",
                                          style=STYLE, layout=w.Layout(**LAYOUT))
        self.view = w.HTML()
        self.remember("agency", self.agency)
        self.remember("threshold", self.threshold)
        for control in (self.agency, self.threshold):
            control.observe(lambda _c: self.update(), names="value")
        self.update()

    def update(self):
        profile = self.book.agencies[self.agency.value]
        result = score_profile(profile, threshold=self.threshold.value)
        plan = check_implementation(profile, threshold=self.threshold.value).plan_table()
        table = result.table().reset_index().to_html(index=False, border=0, na_rep="?")
        steps = plan.to_html(index=False, border=0) if len(plan) else "<p>Every implementation criterion is met.</p>"
        self.view.value = (f'<p role="status" aria-live="polite"><strong>{html.escape(result.summary())}</strong></p>'
                           f"<h3>Items</h3>{table}<h3>Implementation plan: action steps</h3>{steps}")
        return result

    def controls(self) -> list[w.Widget]:
        return [self.agency, self.threshold, self.view]
