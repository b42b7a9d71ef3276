"""Points, plain-language lines, and the one exception a failing test cell raises."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Mapping


class NotYet(AssertionError):
    """Raised by a test cell when an answer is not there yet; the message says why, in IRT terms."""


@dataclass
class Feedback:
    points: float
    possible: float
    lines: list[str] = field(default_factory=list)

    @property
    def full_marks(self) -> bool:
        return self.points >= self.possible

    def require(self, at_least: float | None = None) -> None:
        """Raise NotYet unless the answer earns ``at_least`` points (default: full marks)."""
        needed = self.possible if at_least is None else at_least
        if self.points < needed:
            raise NotYet("\n".join(self.lines) or "This answer is not complete yet.")

    def partial(self) -> float:
        """For a test cell that gives partial credit: prints the lines (the learner's feedback) and
        returns the points, which nbgrader reads from the cell's result."""
        print(self)
        return float(self.points)

    def __str__(self) -> str:
        head = f"{self.points:g} of {self.possible:g} points."
        return "\n".join([head, *[f"- {line}" for line in self.lines]]) if self.lines else head + " Well done."

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.lines)
        verdict = "Well done." if self.full_marks else "Not there yet."
        return (f'<div role="status"><p><strong>{self.points:g} of {self.possible:g} points.</strong> {verdict}</p>'
                + (f"<ul>{items}</ul>" if items else "") + "</div>")


# --- one-word answers

def grade_choice(answer: str | None, correct: str, why: Mapping[str, str], points: float = 1) -> Feedback:
    """A one-word answer (e.g. 'irt', 'referral', 'arc', 'committee') with an explanation per option."""
    choices = ", ".join(f"'{c}'" for c in why)
    given = (answer or "").strip().lower()
    if given not in why:
        return Feedback(0, points, [f"Write one of {choices} between the quotes."])
    if given == correct:
        return Feedback(points, points, [why[given]])
    return Feedback(0, points, [why[given]])


def check_word(answer: str | None, choices: list[str]) -> Feedback:
    """A self-check for one-word answers: says whether the answer can be read, not whether it is right."""
    given = (answer or "").strip().lower()
    if given in choices:
        return Feedback(1, 1, [f"Your answer '{given}' can be read. Your trainer's copy grades it."])
    words = ", ".join(f"'{c}'" for c in choices)
    return Feedback(0, 1, [f"Write one of {words} between the quotes" + (f" ('{answer}' is not one of them)." if given else ".")])
