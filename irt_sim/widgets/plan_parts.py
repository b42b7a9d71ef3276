"""Course module 8: a worked plan read whole, then taken apart. The learner names the part of the
plan each short excerpt comes from; the excerpts and the marking are ``irt_sim.documents.plan_parts``."""

from __future__ import annotations

import html

import ipywidgets as w

from ..documents.plan_parts import PARTS, mark_answers, plan_excerpts
from .base import LAYOUT, STYLE
from .worked_plan import WorkedPlanPanel

#: The most excerpts a plan gives (``plan_excerpts``); the panel keeps one row for each.
ROWS = 10
NO_ANSWER = "Choose a part"


class PlanParts(WorkedPlanPanel):
    """Course module 8: read a worked plan whole, then name the part of the plan each excerpt of it
    comes from (attendees, the three agenda items, action items, follow-up), and check."""

    def __init__(self, book=None, plan_id: str | None = None):
        super().__init__(book, plan_id)
        options = [(NO_ANSWER, ""), *((label, key) for key, label in PARTS.items())]
        self.quotes = [w.HTML() for _ in range(ROWS)]
        self.answers = [w.Dropdown(options=options, description=f"Excerpt {i} is part of", style=STYLE,
                                   layout=w.Layout(**LAYOUT)) for i in range(1, ROWS + 1)]
        self.feedback = [w.HTML() for _ in range(ROWS)]
        self.rows = [w.VBox([q, a, f], layout=w.Layout(margin="0 0 0.6em 0"))
                     for q, a, f in zip(self.quotes, self.answers, self.feedback)]
        self.check = w.Button(description="Check my answers", tooltip="Mark each excerpt's part as right or not, with why",
                              layout=w.Layout(width="auto"))
        self.start()

    def answer_controls(self) -> dict[str, w.Widget]:
        return {f"answer.{i}": control for i, control in enumerate(self.answers)}

    def show_plan(self, plan) -> None:
        self.excerpts = plan_excerpts(plan, self.book, most=ROWS)
        for i, row in enumerate(self.rows):
            shown = i < len(self.excerpts)
            row.layout.display = None if shown else "none"
            self.quotes[i].value = (f'<p style="margin:0.3em 0"><strong>Excerpt {i + 1}.</strong> '
                                    f"&ldquo;{html.escape(self.excerpts[i].text)}&rdquo;</p>" if shown else "")
            self.answers[i].tooltip = f"Excerpt {i + 1}: {self.excerpts[i].text}" if shown else None
            self.feedback[i].value = ""

    def update(self):
        """Check: each excerpt marked right or not, in words, with one line on why."""
        marks = mark_answers(self.excerpts, [a.value or None for a in self.answers[: len(self.excerpts)]])
        for i, m in enumerate(marks):
            self.feedback[i].value = (f'<p style="margin:0.2em 0 0 1em"><strong>{m.verdict}.</strong> '
                                      f"{html.escape(m.feedback)}</p>")
        right = sum(m.right for m in marks)
        unanswered = sum(m.answer is None for m in marks)
        self.result.value = ('<div role="status" aria-live="polite"><p><strong>'
                             f"{right} of the {len(marks)} excerpts named rightly"
                             + (f", {unanswered} not answered yet" if unanswered else "")
                             + ".</strong> The mark and the reason are under each excerpt.</p></div>")
        return marks

    def controls(self) -> list[w.Widget]:
        return [self.plan, self.sheet,
                w.HTML("<p><strong>Take it apart.</strong> Each excerpt below is taken from the plan above. "
                       "Name the part of the plan it comes from, then check.</p>"),
                *self.rows, self.check, self.result]


def plan_parts(**kwargs) -> PlanParts:
    """Course module 8: ``plan_parts()``."""
    return PlanParts(**kwargs)
