"""Course module 8: the considerations checklist, run on a worked plan. The learner reads a plan
whole, says for each consideration whether the plan answers it, and checks that against the kit's
reading (``irt_sim.checks.considerations``), which says where in the plan the answer is."""

from __future__ import annotations

import html

import ipywidgets as w

from ..checks.considerations import ANSWERS, CHECKLIST, compare, read_considerations, summary
from ..display.tables import Strong, html_table
from ..documents import plan_sheet
from ..documents.render import to_html_fragment
from . import progress
from .base import LAYOUT, STYLE, Panel, wrapping

NOT_MARKED = "Not marked yet"


def plan_dropdown(book) -> w.Dropdown:
    return w.Dropdown(options=[(p.title or pid, pid) for pid, p in book.plans.items()], description="Worked plan",
                      style=STYLE, layout=w.Layout(**LAYOUT))


def sheet_html(plan, book) -> str:
    """The plan sheet, whole, in a box of its own that scrolls and takes the keyboard's focus (so it
    scrolls with the arrow keys too), named for a screen reader. The checker's open questions are
    left out: the learner reads the plan as the team agreed it."""
    body = to_html_fragment(plan_sheet(plan, book, findings=[]), top=3)
    name = html.escape(f"The plan: {plan.title or plan.id}", quote=True)
    return (f'<div role="region" aria-label="{name}" tabindex="0" style="border:1px solid #767676;'
            f'padding:0 1rem;max-height:32em;overflow:auto">{body}</div>')


class ConsiderationsChecklist(Panel):
    """Course module 8: read a worked plan whole, mark each consideration of the checklist as
    answered or left open by the plan, and compare with the kit's reading of the plan."""

    CHECKED = "ConsiderationsChecklist.checked"  # the plan the learner last checked, kept so its feedback comes back

    def __init__(self, book=None, plan_id: str | None = None):
        super().__init__(book)
        self.plan = plan_dropdown(self.book)
        if plan_id:
            self.plan.value = plan_id
        self.remember("plan", self.plan)
        self.sheet = w.HTML()
        self.marks = {c.key: w.Dropdown(options=[(NOT_MARKED, ""), *((label, key) for key, label in ANSWERS.items())],
                                        description=f"{i}. {c.label}: {c.question}", style=STYLE,
                                        layout=w.Layout(**LAYOUT))
                      for i, c in enumerate(CHECKLIST, 1)}
        self.check = w.Button(description="Check my reading", tooltip="Compare your reading with the kit's reading of this plan",
                              layout=w.Layout(width="auto"))
        self.result = w.HTML()
        self.plan.observe(lambda _c: self._new_plan(), names="value")
        self.check.on_click(lambda _b: self._check())
        self._show_plan()
        for key, control in self.marks.items():  # the learner's marks come back after the plan they were for
            self.remember(f"mark.{key}", control)
        if progress.saved(self.CHECKED) == self.plan.value:  # checked last time: the feedback comes back too
            self.update()

    def _check(self) -> None:
        self.update()
        progress.save(self.CHECKED, self.plan.value)

    def _new_plan(self) -> None:
        progress.save(self.CHECKED, None)
        for control in self.marks.values():
            control.value = ""
        self._show_plan()

    def _show_plan(self) -> None:
        self.sheet.value = sheet_html(self.book.plans[self.plan.value], self.book)
        self.result.value = ""

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

    def __repr__(self) -> str:  # a plain text form: no module path or widget ids in a page's source
        return f"ConsiderationsChecklist(plan={self.plan.value!r})"


def considerations_checklist(**kwargs) -> ConsiderationsChecklist:
    """Course module 8: ``considerations_checklist()``."""
    return ConsiderationsChecklist(**kwargs)
