"""Course module 8: the considerations checklist, run on a worked plan. The learner reads a plan
whole, says for each consideration whether the plan answers it, and checks that against the kit's
reading (``irt_sim.checks.considerations``), which says where in the plan the answer is."""

from __future__ import annotations

import html

import ipywidgets as w

from ..checks.considerations import ANSWERS, CHECKLIST, compare, read_considerations, summary
from ..display.tables import Strong, html_table
from .base import LAYOUT, STYLE, wrapping
from .worked_plan import WorkedPlanPanel

NOT_MARKED = "Not marked yet"


class ConsiderationsChecklist(WorkedPlanPanel):
    """Course module 8: read a worked plan whole, mark each consideration of the checklist as
    answered or left open by the plan, and compare with the kit's reading of the plan."""

    def __init__(self, book=None, plan_id: str | None = None):
        super().__init__(book, plan_id)
        self.marks = {c.key: w.Dropdown(options=[(NOT_MARKED, ""), *((label, key) for key, label in ANSWERS.items())],
                                        description=f"{i}. {c.label}: {c.question}", style=STYLE,
                                        layout=w.Layout(**LAYOUT))
                      for i, c in enumerate(CHECKLIST, 1)}
        self.check = w.Button(description="Check my reading", tooltip="Compare your reading with the kit's reading of this plan",
                              layout=w.Layout(width="auto"))
        self.start()

    def answer_controls(self) -> dict[str, w.Widget]:
        return {f"mark.{key}": control for key, control in self.marks.items()}

    def answers(self) -> dict[str, str | None]:
        return {key: control.value or None for key, control in self.marks.items()}

    def update(self):
        """Check: each consideration with the learner's reading, the kit's, and where in the plan."""
        readings = read_considerations(self.book.plans[self.plan.value], self.book)
        comparisons = compare(readings, self.answers())
        rows = [[c.reading.consideration.label,
                 ANSWERS[c.answer] if c.answer else NOT_MARKED,
                 Strong(c.mark) if c.agrees is False else c.mark,
                 (Strong(c.reading.verdict), c.reading.sentence),
                 c.reading.where]
                for c in comparisons]
        table = html_table("Your reading beside the kit's, consideration by consideration",
                           ["Consideration", "Your reading", "Compared with the kit", "The kit's reading",
                            "Where in the plan"], rows)
        self.result.value = (f'<div role="status" aria-live="polite"><p><strong>{html.escape(summary(comparisons))}'
                             "</strong></p></div>" + table)
        return comparisons

    def controls(self) -> list[w.Widget]:
        return [wrapping(*self.marks.values()), self.plan, self.sheet,
                w.HTML("<p><strong>Your reading.</strong> For each consideration, say whether the plan answers it "
                       "or leaves it open. Then check.</p>"),
                *self.marks.values(), self.check, self.result]


def considerations_checklist(**kwargs) -> ConsiderationsChecklist:
    """Course module 8: ``considerations_checklist()``."""
    return ConsiderationsChecklist(**kwargs)
