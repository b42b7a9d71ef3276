"""What module 8's two readings of a worked plan share: the plan chosen and shown whole, the learner's
answers about it kept for their next visit, and a check whose feedback comes back with them."""

from __future__ import annotations

import html

import ipywidgets as w

from ..documents import plan_sheet
from ..documents.render import to_html_fragment
from . import progress
from .base import LAYOUT, STYLE, Panel


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


class WorkedPlanPanel(Panel):
    """A subclass makes ``self.check`` and its answer controls, then calls ``start``; it shows a plan's
    own parts in ``show_plan`` and checks in ``update``."""

    def __init__(self, book=None, plan_id: str | None = None):
        super().__init__(book)
        self.plan = plan_dropdown(self.book)
        if plan_id:
            self.plan.value = plan_id
        self.remember("plan", self.plan)
        self.sheet = w.HTML()
        self.result = w.HTML()

    @property
    def checked(self) -> str:
        """Where the plan the learner last checked is kept, so its feedback comes back."""
        return f"{type(self).__name__}.checked"

    def answer_controls(self) -> dict[str, w.Widget]:
        raise NotImplementedError

    def show_plan(self, plan) -> None:
        """Show what belongs to ``plan`` beyond its sheet."""

    def start(self) -> None:
        self.plan.observe(lambda _c: self._new_plan(), names="value")
        self.check.on_click(lambda _b: self._check())
        self._show_plan()
        for name, control in self.answer_controls().items():  # the answers come back after the plan they were for
            self.remember(name, control)
        if progress.saved(self.checked) == self.plan.value:  # checked last time: the feedback comes back too
            self.update()

    def _check(self) -> None:
        self.update()
        progress.save(self.checked, self.plan.value)

    def _new_plan(self) -> None:
        progress.save(self.checked, None)
        for control in self.answer_controls().values():
            control.value = ""
        self._show_plan()

    def __repr__(self) -> str:  # a plain text form: no module path or widget ids in a page's source
        return f"{type(self).__name__}(plan={self.plan.value!r})"

    def _show_plan(self) -> None:
        plan = self.book.plans[self.plan.value]
        self.sheet.value = sheet_html(plan, self.book)
        self.result.value = ""
        self.show_plan(plan)
