"""Course module 6: the team builder."""

from __future__ import annotations

import html

import ipywidgets as w

from ..checks.team import team_report
from ..display.tables import Strong, html_table
from . import new_case
from .base import Panel, customer_dropdown, wrapping


class TeamBuilder(Panel):
    """Course module 6: choose a customer and the partners at the table; see at once which barriers
    are covered, who lacks a release and where eligibility is missing."""

    def __init__(self, book=None):
        super().__init__(book)
        self.made = new_case.kept_count(self.NEW)  # practice customers asked for before come back, in order
        for n in range(1, self.made + 1):
            self.book = new_case.with_customer(self.book, new_case.practice_customer(self.book, n))
        self.customer = customer_dropdown(self.book)
        self.new = new_case.new_customer_button()
        self.new.on_click(lambda _b: self.new_customer())
        self.said = w.HTML()
        # the partners grouped by system and sorted by name, so a long directory reads like one
        by_system = sorted(self.book.programs.items(), key=lambda item: (item[1].system.label, item[1].name))
        self.boxes = {pid: w.Checkbox(value=False, description=p.name, indent=False, layout=w.Layout(width="auto"))
                      for pid, p in by_system}
        self.groups = []
        for label in dict.fromkeys(p.system.label for _, p in by_system):
            boxes = [self.boxes[pid] for pid, p in by_system if p.system.label == label]
            self.groups.append(w.VBox([w.HTML(f"<p><strong>{html.escape(label[:1].upper() + label[1:])}</strong></p>"), *boxes],
                                      # no shrinking: in the scrolling box below, a group allowed to
                                      # shrink is squeezed to a sliver and its ticks drawn over each other
                                      layout=w.Layout(margin="0 0 0.4em 0", flex="0 0 auto")))
        self.story = w.HTML()
        self.report = w.HTML()
        # the learner's customer and ticks come back before the panel follows them
        self.remember("customer", self.customer)
        for pid, box in self.boxes.items():
            self.remember(f"partner.{pid}", box)
        self.customer.observe(lambda _c: self._new_customer(), names="value")
        for box in self.boxes.values():
            box.observe(lambda _c: self.update(), names="value")
        self._tell_story()
        self.update()

    NEW = "TeamBuilder.new_customers"

    def new_customer(self):
        """Make the learner's next practice customer, add them to this panel's casebook and choose them."""
        self.made += 1
        customer = new_case.practice_customer(self.book, self.made)
        self.book = new_case.with_customer(self.book, customer)
        new_case.keep_count(self.NEW, self.made)
        self.customer.options = [(c.name, cid) for cid, c in self.book.customers.items()]
        self.customer.value = customer.id
        self.said.value = (f'<p role="status">{html.escape(customer.name)}, a new practice customer, is chosen in the '
                           "Customer list; the story is below.</p>")
        return customer

    def _new_customer(self) -> None:
        self.said.value = ""
        for box in self.boxes.values():
            box.value = False
        self._tell_story()
        self.update()

    def _tell_story(self) -> None:
        c = self.book.customers[self.customer.value]
        self.story.value = (f"<p><strong>{html.escape(c.name)}</strong>, {c.age}. {html.escape(' '.join(c.story.split()))}</p>"
                            + "<p>Systems already used: " + html.escape(", ".join(
                                self.book.programs[p].name for p in c.systems_used if p in self.book.programs) or "none")
                            + "</p>")

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
        # the partners in a box of their own height beside what they change, so each tick's effect is
        # in view (the directory is long: 29 partners in the kit's community)
        partners = w.VBox(self.groups, layout=w.Layout(max_height="30em", overflow="auto", flex="0 1 20em",
                                                       min_width="14em", padding="0 0.5em 0 0"))
        report = w.VBox([self.report], layout=w.Layout(flex="1 1 18em", min_width="14em"))
        return [wrapping(*self.boxes.values()),
                w.HBox([self.customer, self.new], layout=w.Layout(flex_flow="row wrap")), self.said, self.story,
                w.HTML("<p><strong>Who sits at the table?</strong> Tick each partner to invite; what the team "
                       "covers shows beside the list.</p>"),
                w.HBox([partners, report], layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))]


def team_builder(**kwargs) -> TeamBuilder:
    """Course module 6: ``team_builder()``."""
    return TeamBuilder(**kwargs)
