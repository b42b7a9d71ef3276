"""Course module 6: the team builder."""

from __future__ import annotations

import html

import ipywidgets as w

from ..checks.team import team_report
from ..display.tables import Strong, html_table
from .base import Panel, customer_dropdown


class TeamBuilder(Panel):
    """Course module 6: choose a customer and the partners at the table; see at once which barriers
    are covered, who lacks a release and where eligibility is missing."""

    def __init__(self, book=None):
        super().__init__(book)
        self.customer = customer_dropdown(self.book)
        self.boxes = {pid: w.Checkbox(value=False, description=f"{p.name} ({p.system.label})", indent=False,
                                      layout=w.Layout(width="auto"))
                      for pid, p in self.book.programs.items()}
        self.story = w.HTML()
        self.report = w.HTML()
        self.customer.observe(lambda _c: self._new_customer(), names="value")
        for box in self.boxes.values():
            box.observe(lambda _c: self.update(), names="value")
        self._new_customer()

    def _new_customer(self) -> None:
        c = self.book.customers[self.customer.value]
        self.story.value = (f"<p><strong>{html.escape(c.name)}</strong>, {c.age}. {html.escape(' '.join(c.story.split()))}</p>"
                            + "<p>Systems already used: " + html.escape(", ".join(
                                self.book.programs[p].name for p in c.systems_used if p in self.book.programs) or "none")
                            + "</p>")
        for box in self.boxes.values():
            box.value = False
        self.update()

    def chosen(self) -> list[str]:
        return [pid for pid, box in self.boxes.items() if box.value]

    def update(self):
        r = team_report(self.book, self.customer.value, self.chosen())
        barriers = html_table("Barriers and the partners who can address them",
                              ["Barrier", "What it looks like", "Partners at the table"],
                              [[b.barrier.label, " ".join(b.detail.split()),
                                ", ".join(b.partners) if b.partners else Strong("No partner yet")] for b in r.barriers])
        partners = html_table("Partners at the table", ["Program", "Eligibility", "Signed release"],
                              [[p.program.name, p.eligibility.label if p.eligibility else
                                ("not needed" if not p.program.eligibility.determined else "no application"),
                                "yes" if p.has_release else ("not needed" if not p.program.release_required else Strong("no"))]
                               for p in r.partners], empty="No partner chosen yet.")
        self.report.value = ('<div role="status" aria-live="polite"><ul>'
                             + "".join(f"<li>{html.escape(s)}</li>" for s in r.summary()) + "</ul></div>"
                             + barriers + partners)
        return r

    def controls(self) -> list[w.Widget]:
        return [self.customer, self.story,
                w.HTML("<p><strong>Who sits at the table?</strong> Tick each partner to invite.</p>"),
                w.VBox(list(self.boxes.values())), self.report]


def team_builder(**kwargs) -> TeamBuilder:
    """Course module 6: ``team_builder()``."""
    return TeamBuilder(**kwargs)
