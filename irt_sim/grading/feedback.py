"""Points, plain-language lines, and how the answer was read: what every check and grader returns.

A test cell's result is a ``Feedback``. nbgrader gives partial credit from a test cell's plain-text
result, so that is the points and nothing else; notebooks and feedback pages show the HTML: the
points, the reasons in the IRT's words, and how the answer was read. The same points appear in
both, so the feedback always says what the gradebook holds. A grader never raises: whatever goes
wrong becomes a plain line for the learner and a note for the trainer (``guarded``).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import warnings
from dataclasses import dataclass, field
from typing import Callable

from .reading import Note

#: The notebook output type that carries the notes to the trainer's report (irt_sim.classroom.run reads it).
NOTES_MIMETYPE = "application/vnd.irt-academy.feedback+json"


@dataclass(frozen=True)
class Sign:
    """What an answer shows about the learner's understanding, for the trainer's cohort report: its kind
    ('no_partner', 'checker', 'wrong_choice', 'fidelity_score' ...), what it is about (a barrier, a checker
    code, a scenario, a fidelity item), and the same in the IRT's words; ``value`` and ``expected`` where
    the report compares them (a fidelity score and the anchor's, a choice and the right one)."""

    kind: str
    about: str
    words: str
    value: str | float | None = None
    expected: str | float | None = None


@dataclass
class Feedback:
    points: float
    possible: float
    lines: list[str] = field(default_factory=list)
    title: str = ""
    notes: list[Note] = field(default_factory=list)
    check_only: bool = False  # a self-check: says whether the answer can be read, not whether it is right
    sections: list[Feedback] = field(default_factory=list)  # the parts of a whole answer, each with its points
    for_trainer: list[Note] = field(default_factory=list)  # readings the trainer's list needs, shown elsewhere to the learner
    signs: list[Sign] = field(default_factory=list)  # what the answer shows, for the cohort report (never shown here)

    @property
    def score(self) -> float:
        """The points as nbgrader records them (two decimals, never outside 0 .. possible)."""
        return round(min(max(self.points, 0.0), self.possible), 2)

    @property
    def full_marks(self) -> bool:
        return self.score >= self.possible

    @property
    def guessed(self) -> list[Note]:
        return [n for n in self.notes if n.guess]

    def merge(self, other: Feedback) -> Feedback:
        self.points += other.points
        self.possible += other.possible
        self.lines += other.lines
        self.notes += [n for n in other.notes if n not in self.notes]
        self.signs += other.signs
        return self

    def _head(self) -> str:
        if self.check_only:
            return f"{self.title}: " if self.title else ""
        what = f"{self.score:g} of {self.possible:g} point{'' if self.possible == 1 else 's'}"
        return f"{self.title}: {what}." if self.title else f"{what[:1].upper()}{what[1:]}."

    def __str__(self) -> str:
        verdict = "" if self.lines or self.sections or self.check_only else " Well done."
        out = [self._head() + verdict]
        for part in self.sections:
            out += [f"- {part._head()}"] + [f"    - {line}" for line in part.lines]
        out += [f"- {line}" for line in self.lines]
        if self.notes:
            out += ["How your answer was read:"] + [f"- {'Check: ' if n.guess else ''}{n.text}" for n in self.notes]
        return "\n".join(x for x in out if x)

    def _repr_html_(self) -> str:
        esc = html.escape
        if self.check_only:
            verdict = ""
        else:
            verdict = " Well done." if self.full_marks else " Not there yet." if self.score == 0 else ""
        head = f"<p><strong>{esc(self._head())}</strong>{verdict}</p>" if self._head() or verdict else ""
        lines = "".join(f"<li><strong>{esc(part._head())}</strong>" + (
            "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in part.lines) + "</ul>" if part.lines else "") + "</li>"
            for part in self.sections)
        lines += "".join(f"<li>{esc(line)}</li>" for line in self.lines)
        notes = "".join(f"<li>{'Check: ' if n.guess else ''}{esc(n.text)}</li>" for n in self.notes)
        return ('<div role="status" class="irt-feedback">' + head + (f"<ul>{lines}</ul>" if lines else "")
                + (f"<p>How your answer was read:</p><ul>{notes}</ul>" if notes else "") + "</div>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": f"{self.score:g}", "text/html": self._repr_html_(),
                NOTES_MIMETYPE: {"title": self.title, "points": self.score, "possible": self.possible,
                                 "check_only": self.check_only,
                                 "notes": [{"text": n.text, "guess": n.guess} for n in self.notes + self.for_trainer],
                                 "signs": [dataclasses.asdict(sign) for sign in self.signs]}}


def guarded(possible: Callable[..., float] | float, title: str = ""):
    """Wrap a grader so that it never raises or writes to stderr (nbgrader scores a test cell 0 for
    either): an unexpected failure becomes 0 points, a plain line, and a note for the trainer."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    return fn(*args, **kwargs)
                except Exception as exc:  # noqa: BLE001 - the learner gets a sentence, the trainer the detail
                    most = possible(*args, **kwargs) if callable(possible) else possible
                    return Feedback(0, most, ["The grader could not read this answer; your trainer will look at it."],
                                    title=title, notes=[Note(f"the grader stopped: {type(exc).__name__}: "
                                                             f"{json.dumps(str(exc))[1:-1][:200]}", guess=True)])
        return run

    return wrap
