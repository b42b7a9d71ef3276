"""A plan taken apart: short excerpts lifted from a plan, each belonging to one part of the plan
sheet (who attended, the three agenda items, the action items, the follow-up), for a learner to
name. The excerpts are built from the plan's own fields, in the words the plan sheet uses, and come
in an order that is shuffled but the same every time for the same plan.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from ..inputs.casebook import Casebook
from ..model import Plan
from ..words import day
from .build import goal_text, service_name

#: The parts of a plan, as the learner names them.
PARTS = {
    "attendees": "Attendees and roles",
    "goal": "Agenda item 1: the employment goal",
    "communication": "Agenda item 2: lines of communication",
    "sequence": "Agenda item 3: the sequence of services",
    "actions": "Action items",
    "follow_up": "Follow-up",
}


@dataclass(frozen=True)
class Excerpt:
    text: str  # as the learner reads it
    part: str  # a key of PARTS
    why: str  # one line: what makes it that part

    @property
    def part_label(self) -> str:
        return PARTS[self.part]


@dataclass(frozen=True)
class Mark:
    """A learner's answer to one excerpt, judged."""

    excerpt: Excerpt
    answer: str | None  # a key of PARTS, or None when not answered

    @property
    def right(self) -> bool:
        return self.answer == self.excerpt.part

    @property
    def verdict(self) -> str:
        """In words, so no one depends on colour: Right / Not this part / No answer yet."""
        return "No answer yet" if self.answer is None else "Right" if self.right else "Not this part"

    @property
    def feedback(self) -> str:
        if self.answer is None:
            return "Choose the part this excerpt comes from, then check again."
        if self.right:
            return self.excerpt.why
        return f"You chose {PARTS.get(self.answer, self.answer)}; it is {self.excerpt.part_label}. {self.excerpt.why}"


def _clean(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(".")


def _first_sentence(text: str | None) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", _clean(text), maxsplit=1)[0].rstrip(".")


def _names(people: list[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1] if people else "nobody"


def _attendees(plan: Plan) -> list[Excerpt]:
    customer = next((a for a in plan.attendees if a.customer), None)
    partners = [a for a in plan.attendees if not a.customer and a.id != plan.communication.point_of_contact]
    chosen = [a for a in (customer, partners[-1] if partners else None) if a is not None]
    return [Excerpt(f"{a.name}: {_clean(a.role)}", "attendees",
                    f"A name with a title or role and nothing else is a line of the list of who attended"
                    + (" (the customer comes first and leads the team)." if a.customer else ".")) for a in chosen]


def _goal(plan: Plan) -> list[Excerpt]:
    if not plan.goal.job_title:
        return []
    return [Excerpt(goal_text(plan), "goal", "A job title with a wage and hours a week is the employment goal the "
                    "customer chose and every partner agreed to count.")]


def _communication(plan: Plan) -> list[Excerpt]:
    c, out = plan.communication, []
    contact = plan.attendee(c.point_of_contact)
    if contact:
        out.append(Excerpt(f"Point of contact: {contact.name}", "communication", "Who the partners and the customer go "
                           "through is agreed as part of the lines of communication."))
    if c.updates.frequency:
        out.append(Excerpt(f"Updates: {_clean(c.updates.frequency)}", "communication", "How often partners hear of "
                           "progress or needs is agreed as part of the lines of communication."))
    elif c.shared_information:
        out.append(Excerpt(f"Information shared: {_clean(c.shared_information[0])}", "communication", "What partners "
                           "tell each other is agreed as part of the lines of communication."))
    return out


def _sequence(plan: Plan, book: Casebook) -> list[Excerpt]:
    phases = [ph for ph in plan.sequence if ph.commitments]
    out = []
    for phase in [phases[i] for i in sorted({0, len(phases) - 1})] if phases else []:
        c = phase.commitments[0]
        who = plan.attendee(c.partner)
        text = (f"{_clean(phase.phase)}. {who.name if who else c.partner}: {service_name(book, plan, c.partner, c.service)}"
                + (f". Milestone: {_clean(c.milestone).split('; ')[0]}" if c.milestone else ""))
        out.append(Excerpt(text, "sequence", "A partner's service placed in a phase of the plan and tied to a milestone "
                           "is a step in the sequence of services."))
    return out


def _due(value) -> str:
    return "ongoing" if value == "ongoing" else f"due {day(value)}" if value else "no date agreed"


def _actions(plan: Plan) -> list[Excerpt]:
    items = plan.action_items
    ongoing = [n for n, i in enumerate(items) if i.due == "ongoing"]
    chosen = [items[n] for n in sorted({0, ongoing[-1] if ongoing else len(items) - 1})] if items else []
    out = []
    for item in chosen:
        who = _names([a.name if (a := plan.attendee(r)) else r for r in item.responsible])
        out.append(Excerpt(f"{_clean(item.action)} ({who}; {_due(item.due)})", "actions",
                           "A task with the people responsible and a date (or 'ongoing') is an action item; the "
                           "sequence of services says which services come when, not who does the next task."))
    return out


def _follow_up(plan: Plan) -> list[Excerpt]:
    f = plan.follow_up
    if not f.next_meeting and not f.timeline:
        return []
    text = ". ".join(x for x in [f"Next meeting: {day(f.next_meeting)}" if f.next_meeting else "",
                                 _first_sentence(f.timeline)] if x)
    return [Excerpt(text, "follow_up", "When the team meets next, and how often after that, is the follow-up.")]


def plan_excerpts(plan: Plan, book: Casebook, most: int = 10) -> list[Excerpt]:
    """Up to ``most`` excerpts of ``plan`` (two attendees, the goal, two lines of communication, the
    first and last phases, two action items, the follow-up, as far as the plan has them), in an
    order shuffled by the plan's id: the same plan always gives the same order."""
    found = [*_attendees(plan), *_goal(plan), *_communication(plan), *_sequence(plan, book), *_actions(plan),
             *_follow_up(plan)]
    seed = int(hashlib.sha256(f"plan-parts|{plan.id}".encode()).hexdigest()[:12], 16)
    random.Random(seed).shuffle(found)
    return found[:most]


def mark_answers(excerpts: list[Excerpt], answers: list[str | None]) -> list[Mark]:
    """Each excerpt with the learner's answer (the same order; a missing answer is None)."""
    return [Mark(e, answers[i] if i < len(answers) else None) for i, e in enumerate(excerpts)]
