"""Course module 4: would each system count a proposed goal as its outcome?"""

from __future__ import annotations

import ipywidgets as w

from ..checks.plan_rules import outcome_gaps
from ..display.tables import Strong, html_table
from ..model import Goal
from .base import LAYOUT, STYLE, Panel, customer_dropdown


class GoalCheck(Panel):
    """Course module 4: try a proposed goal for a customer and see which systems could count it."""

    def __init__(self, book=None):
        super().__init__(book)
        box = {"style": STYLE, "layout": w.Layout(**LAYOUT)}
        self.customer = customer_dropdown(self.book)
        self.job = w.Text(description="Job title", **box)
        self.wage = w.BoundedFloatText(description="Hourly wage ($)", min=0, max=200, step=0.25, **box)
        self.hours = w.BoundedFloatText(description="Hours a week", min=0, max=80, step=1, **box)
        self.cie = w.Checkbox(description="Competitive integrated employment", value=True, indent=False)
        self.result = w.HTML()
        self.customer.observe(lambda _c: self._load(), names="value")
        for control in (self.job, self.wage, self.hours, self.cie):
            control.observe(lambda _c: self.update(), names="value")
        self._load()
        # the learner's own goal comes back over the customer's proposed one
        for name in ("customer", "job", "wage", "hours", "cie"):
            self.remember(name, getattr(self, name))

    def _load(self) -> None:
        c = self.book.customers[self.customer.value]
        g = c.proposed_goal
        self.job.value, self.wage.value = (g.job_title or "", g.hourly_wage or 0) if g else ("", 0)
        self.hours.value, self.cie.value = (g.weekly_hours or 0, g.competitive_integrated) if g else (0, True)
        self.update()

    def update(self) -> list[tuple[str, list[str]]]:
        c = self.book.customers[self.customer.value]
        goal = Goal(job_title=self.job.value or None, hourly_wage=self.wage.value or None,
                    weekly_hours=self.hours.value or None, competitive_integrated=self.cie.value)
        rows, verdicts = [], []
        for pid, status in c.eligibility.items():
            program = self.book.program(pid)
            if program is None or not status.counts:
                continue
            gaps = [m for _, m in outcome_gaps(goal, program, c, self.book.minimum_wage)]
            rule = program.outcome.summary if program.outcome else "No employment outcome of its own."
            verdict = ("Counts" if not gaps else "Does not count yet") if program.outcome else (
                "Nothing to count: it supports the goal without an employment outcome of its own")
            verdicts.append((program.name, gaps))
            rows.append([program.name, " ".join(rule.split()), (Strong(verdict), " ".join(gaps))])
        table = html_table("Would each system count this goal as an outcome?", ["System", "What it counts", "This goal"], rows)
        self.result.value = f'<div role="status" aria-live="polite">{table}</div>'
        return verdicts

    def controls(self) -> list[w.Widget]:
        return [self.customer, self.job, self.wage, self.hours, self.cie, self.result]
