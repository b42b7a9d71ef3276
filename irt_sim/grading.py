"""Learner-friendly checks for the graded exercises: every message names the domain reason
("the transportation barrier has no partner"), never a bare AssertionError.

Exercise notebooks call these from their self-check and test cells. Each check returns a
``Feedback`` (points earned, points possible, plain-language lines); ``Feedback.require`` raises
``NotYet`` (an AssertionError, so nbgrader scores the cell 0) whose message is those lines.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Mapping

from .casebook import Casebook
from .checks import Severity, check_plan
from .model import Plan
from .problems import Problem
from .yamlfile import CasebookError, parse_document


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

    def __str__(self) -> str:
        head = f"{self.points:g} of {self.possible:g} points."
        return "\n".join([head, *[f"- {line}" for line in self.lines]]) if self.lines else head + " Well done."

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in self.lines)
        verdict = "Well done." if self.full_marks else "Not there yet."
        return (f'<div role="status"><p><strong>{self.points:g} of {self.possible:g} points.</strong> {verdict}</p>'
                + (f"<ul>{items}</ul>" if items else "") + "</div>")


# --- multiple choice ---------------------------------------------------------------------------------


def grade_choice(answer: str | None, correct: str, why: Mapping[str, str], points: float = 1) -> Feedback:
    """A one-word answer (e.g. 'irt', 'referral', 'arc', 'committee') with an explanation per option."""
    choices = ", ".join(f"'{c}'" for c in why)
    given = (answer or "").strip().lower()
    if given not in why:
        return Feedback(0, points, [f"Write one of {choices} between the quotes."])
    if given == correct:
        return Feedback(points, points, [why[given]])
    return Feedback(0, points, [why[given]])


# --- building the team -----------------------------------------------------------------------------------


def grade_team(team: Mapping[str, str], customer_id: str, book: Casebook, points_per_barrier: float = 1) -> Feedback:
    """``team`` maps each barrier type of the customer to the program id invited for it.
    A point for each barrier given to a program that offers a service addressing it; lines say why not."""
    customer = book.customers[customer_id]
    barriers = list(dict.fromkeys(b.type for b in customer.barriers))
    fb = Feedback(0, points_per_barrier * len(barriers))
    known = {k.strip().lower(): (v or "").strip() for k, v in team.items()}
    for barrier in barriers:
        program_id = known.get(barrier.value, "")
        if not program_id:
            fb.lines.append(f"The {barrier.label} barrier has no partner yet: name a program for it.")
            continue
        program = book.program(program_id)
        if program is None:
            fb.lines.append(f"For the {barrier.label} barrier, '{program_id}' is not a program in the casebook "
                            "(use the program ids from the directory).")
            continue
        if not any(barrier in s.addresses for s in program.services):
            fb.lines.append(f"{program.name} offers nothing for the {barrier.label} barrier; choose a partner whose "
                            "services address it.")
            continue
        status = customer.status_with(program.id)
        if program.eligibility.determined and not (status and status.counts):
            fb.points += points_per_barrier / 2
            fb.lines.append(f"{program.name} can address the {barrier.label} barrier, but {customer.name.split()[0]} "
                            f"is not eligible there yet ({status.label if status else 'no application'}): plan the "
                            f"application, or choose a partner where {customer.name.split()[0]} is already eligible. "
                            "Half a point.")
            continue
        fb.points += points_per_barrier
    extra = [k for k in known if k not in {b.value for b in barriers}]
    if extra:
        fb.lines.append(f"{customer.name.split()[0]} has no barrier called {', '.join(repr(e) for e in extra)}; "
                        "those lines were not counted.")
    return fb


# --- negotiating the plan ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanAnswer:
    plan: Plan | None
    problems: list[Problem]


def read_plan_answer(text: str, customer_id: str, plan_id: str = "answer") -> PlanAnswer:
    """Read a learner's plan written in the casebook's YAML form; problems name the line and field."""
    try:
        loaded = parse_document(text, Plan, "your answer", doc_id=plan_id, defaults={"customer": customer_id})
    except CasebookError as exc:
        return PlanAnswer(None, exc.problems)
    return PlanAnswer(loaded.obj, [])


def grade_plan(text: str, customer_id: str, book: Casebook, sections: Mapping[str, float] | None = None) -> Feedback:
    """Points per plan section (goal, communication, sequence, action items, team, follow-up); a section
    with a checker error earns nothing, a warning costs half. Lines are the checker's own messages."""
    sections = dict(sections or {"team": 1, "goal": 2, "communication": 2, "sequence": 3, "action_items": 2,
                                 "follow_up": 1})
    possible = sum(sections.values())
    answer = read_plan_answer(text, customer_id)
    if answer.plan is None:
        return Feedback(0, possible, ["The plan could not be read yet; fix these first:"]
                        + [str(p).replace("your answer, ", "") for p in answer.problems])
    if answer.plan.customer != customer_id:
        return Feedback(0, possible, [f"This exercise is about {book.customers[customer_id].name}; "
                                      f"keep 'customer: {customer_id}'."])
    findings = check_plan(answer.plan, book)
    fb = Feedback(0, possible)
    for section, pts in sections.items():
        mine = [f for f in findings if f.section == section]
        if any(f.severity == Severity.error for f in mine):
            earned = 0.0
        elif mine:
            earned = pts / 2
        else:
            earned = pts
        fb.points += earned
        fb.lines += [f"{f.section_title}: {f.message}" for f in mine]
    return fb


def check_word(answer: str | None, choices: list[str]) -> Feedback:
    """A self-check for one-word answers: says whether the answer can be read, not whether it is right."""
    given = (answer or "").strip().lower()
    if given in choices:
        return Feedback(1, 1, [f"Your answer '{given}' can be read. Your trainer's copy grades it."])
    words = ", ".join(f"'{c}'" for c in choices)
    return Feedback(0, 1, [f"Write one of {words} between the quotes" + (f" ('{answer}' is not one of them)." if given else ".")])


def read_team_answer(text: str) -> dict[str, str]:
    """The learner's team answer: one 'barrier: program-id' line per barrier. Unreadable lines are
    skipped here and show up as barriers with no partner in the feedback."""
    from .yamlfile import read_yaml

    try:
        data, _ = read_yaml(text or "", "your answer")
    except CasebookError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in data.items()}
