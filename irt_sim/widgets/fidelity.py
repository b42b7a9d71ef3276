"""Course module 9: a fidelity self-check on a sample agency."""

from __future__ import annotations

import html

import ipywidgets as w

from ..display.tables import html_table
from ..ips.fidelity import load_scale, score_profile
from ..ips.implementation import check_implementation
from ..words import day
from .base import LAYOUT, STYLE, Panel

#: Where each item's scoring comes from, in words (the scale's data calls it the anchor's confidence).
ANCHOR_WORDS = {"confirmed": "the published scale", "partly_confirmed": "the published scale, in part",
                "unverified": "the kit's own reading (an assumption, not yet checked against the scale)"}


def scale_section(section: str) -> str:
    return load_scale().sections[section]



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
        items = html_table("The agency's score on each item of the IPS fidelity scale",
                           ["Item", "Section", "What it measures", "Score (1 to 5)", "How it was scored",
                            "Where the kit's scoring comes from"],
                           [[i.item.id, scale_section(i.item.section), i.item.name, str(i.score) if i.score else "not scored",
                             i.basis, ANCHOR_WORDS.get(i.item.confidence.value, i.item.confidence.value)]
                            for i in result.items])
        steps = html_table("Implementation plan: the action steps still to take",
                           ["Implementation area", "Action step", "Who", "By"],
                           [[r["Implementation Area"], r["Action Steps"], r["Responsible Person(s)"], day(r["Target Date"])]
                            for r in plan.to_dict("records")], empty="Every implementation criterion is met.")
        self.view.value = (f'<p role="status" aria-live="polite"><strong>{html.escape(result.summary())}</strong></p>'
                           f"<p>{html.escape(result.anchor_confidence())}</p>{items}{steps}")
        return result

    def controls(self) -> list[w.Widget]:
        return [self.agency, self.threshold, self.view]
