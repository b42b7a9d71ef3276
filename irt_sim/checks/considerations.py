"""The training deck's considerations checklist, read on a plan: for each question a team should be
able to answer before it gets going (who leads, who does what by when, what happens in a crisis,
what carries on after programs close...), does the plan answer it, and where?

The reading comes from the plan's own fields, never from a list kept per plan: change a plan and
the reading follows. Each ``Reading`` says what the plan says and in which part of the plan sheet
(the same part names as ``irt_sim.documents.plan_sheet``), or, where the plan is silent, what the
team should ask. Words only, for a course panel to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..inputs.casebook import Casebook
from ..model import Attendee, Plan
from ..vocab import Stage
from ..words import day

#: The parts of the plan sheet, as its headings name them.
ATTENDING = "Attending"
GOAL = "1. Employment goal"
COMMUNICATION = "2. Lines of communication"
SEQUENCE = "3. Sequence of services"
ACTIONS = "Action items"
FOLLOW_UP = "Next meeting and follow-up"
CRISIS = "If a crisis or roadblock comes"
CONTINUATION = "After programs exit"


@dataclass(frozen=True)
class Consideration:
    key: str
    label: str  # short, e.g. "Lead agency"
    question: str  # the question in full, as the learner reads it


#: The checklist in the kit's own words, in the order the course asks it.
CHECKLIST = [
    Consideration("lead", "Lead agency", "Which agency coordinates the team, as its point of contact?"),
    Consideration("roles", "Each member's role", "Does everyone at the table have a part to play in the plan?"),
    Consideration("who_when", "Who does what, by when", "Is every task given to someone, with a date to do it by?"),
    Consideration("communication", "Talking with the customer and each other",
                  "How, and how often, does the team keep the customer and one another up to date?"),
    Consideration("crises", "Crises and roadblocks", "What does the team do when something goes wrong?"),
    Consideration("sharing", "Shared time, money and buy-in",
                  "Do several partners share the work and the costs, each of them committed to something?"),
    Consideration("customer", "The customer's own part", "What has the customer taken on to do themselves?"),
    Consideration("momentum", "Keeping it moving", "Who keeps the plan going, and when does the team meet again?"),
    Consideration("continuation", "After programs exit", "What carries on when a program closes its part?"),
    Consideration("mentor", "An advocate or mentor", "Who will speak up for the customer or show them the ropes?"),
    Consideration("natural", "Natural supports", "Which family members or friends back the plan?"),
]
BY_KEY = {c.key: c for c in CHECKLIST}


@dataclass(frozen=True)
class Reading:
    """The kit's reading of one consideration on one plan."""

    consideration: Consideration
    answered: bool  # True: the plan answers it; False: the plan leaves it open
    where: str  # the part of the plan sheet the answer is in (or would go in)
    says: str  # what the plan says there, or what to ask when it is silent; starts in lower case

    @property
    def text(self) -> str:
        return f"{self.consideration.label}: {self.says}"

    @property
    def verdict(self) -> str:
        return "The plan answers this" if self.answered else "The plan leaves this open"

    @property
    def sentence(self) -> str:
        """What the plan says, as a sentence of its own."""
        text = self.says[:1].upper() + self.says[1:]
        return text if text.endswith((".", ".'", "?", "!")) else text + "."


# --- helpers ----------------------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _first_sentence(text: str | None) -> str:
    """The first sentence of a folded text (a full stop followed by a capital ends it)."""
    text = _clean(text)
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text, maxsplit=1)[0]


def _sentences(text: str | None) -> int:
    text = _clean(text)
    return len(re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)) if text else 0


def _names(people: list[str]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1] if people else "nobody"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


class _Plan:
    """The plan with the few look-ups every reading needs."""

    def __init__(self, plan: Plan, book: Casebook):
        self.plan, self.book = plan, book
        self.customer = next((a for a in plan.attendees if a.customer), None)
        customer = book.customer(plan.customer)
        self.name = customer.name if customer else (self.customer.name if self.customer else "the customer")
        self.first = self.name.split()[0]
        self.partners = [a for a in plan.attendees if not a.customer]
        self.services = {a.id: 0 for a in plan.attendees}
        self.paying: dict[str, int] = {}
        for phase in plan.sequence:
            for c in phase.commitments:
                self.services[c.partner] = self.services.get(c.partner, 0) + 1
                service = book.service_for(plan, c.partner, c.service)
                if service and service.paid:
                    self.paying[c.partner] = self.paying.get(c.partner, 0) + 1
        self.actions = {a.id: sum(a.id in item.responsible for item in plan.action_items) for a in plan.attendees}

    def who(self, attendee_id: str | None) -> str:
        a = self.plan.attendee(attendee_id)
        return a.name if a else (attendee_id or "nobody")

    def named(self, a: Attendee) -> str:
        return f"{a.name} ({_clean(a.role)})"

    def program_name(self, a: Attendee) -> str:
        program = self.book.program(a.program)
        return program.name if program else ""


# --- one reading per consideration ------------------------------------------------------------------


def _lead(p: _Plan) -> tuple[bool, str, str]:
    contact = p.plan.attendee(p.plan.communication.point_of_contact)
    if contact is None:
        return False, COMMUNICATION, ("not in this plan: no point of contact is named; ask which agency is best placed "
                                      f"to coordinate the team for {p.first}")
    if contact.customer:
        return False, COMMUNICATION, (f"the point of contact is {contact.name}, the customer; {p.first} leads the team, "
                                      "but ask which agency will coordinate the partners")
    program = p.program_name(contact)
    return True, COMMUNICATION, (f"the point of contact is {contact.name}, {_clean(contact.role)}"
                                 + (f", for {program}" if program and program.lower() not in contact.role.lower() else ""))


def _roles(p: _Plan) -> tuple[bool, str, str]:
    idle = [a for a in p.partners if not p.services.get(a.id) and not p.actions.get(a.id)]
    if not p.partners:
        return False, ATTENDING, "not in this plan: no partner is at the table yet; ask who should be"
    if idle:
        return False, ATTENDING, (f"{_names([p.named(a) for a in idle])} "
                                  + ("is" if len(idle) == 1 else "are") + " at the table with no service and no action "
                                  "item; ask what part " + ("they play" if len(idle) > 1 else "that person plays"))
    busiest = max(p.partners, key=lambda a: (p.services.get(a.id, 0), p.actions.get(a.id, 0)))
    return True, ATTENDING, (f"each of the {len(p.plan.attendees)} people attending has a title or role, and each of the "
                             f"{len(p.partners)} partners has at least one service in the sequence or an action item "
                             f"(the most: {busiest.name}, with {_count(p.services.get(busiest.id, 0), 'service')})")


def _due(value) -> str:
    return "ongoing" if value == "ongoing" else day(value)


def _who_when(p: _Plan) -> tuple[bool, str, str]:
    items = p.plan.action_items
    if not items:
        return False, ACTIONS, "not in this plan: there are no action items; ask who does the first tasks, and by when"
    loose = [i for i in items if not i.responsible or not i.due]
    if loose:
        return False, ACTIONS, (f"{len(loose)} of the {_count(len(items), 'action item')} "
                                + ("has" if len(loose) == 1 else "have") + " nobody responsible or no due date (such as "
                                f"'{_clean(loose[0].action)}'); ask who takes "
                                + ("it" if len(loose) == 1 else "each") + " on, and by when")
    dated = [i for i in items if i.due != "ongoing"]
    first = min(dated, key=lambda i: i.due) if dated else items[0]
    return True, ACTIONS, (f"all {_count(len(items), 'action item')} name who is responsible and a due date; the first "
                           f"due is '{_clean(first.action)}' ({_names([p.who(r) for r in first.responsible])}, "
                           f"{'ongoing' if first.due == 'ongoing' else 'by ' + day(first.due)})")


def _communication(p: _Plan) -> tuple[bool, str, str]:
    c = p.plan.communication
    first_to = p.plan.attendee(c.customer_raises_issues_with)
    how, often = _clean(c.updates.method).rstrip("."), _clean(c.updates.frequency).rstrip(".")
    missing = [m for m, there in (("how the customer raises a problem", first_to or how),
                                  ("how partners are updated", how), ("how often", often)) if not there]
    if missing:
        return False, COMMUNICATION, ("not settled in this plan: it does not say " + _names(missing)
                                      + f"; ask how {p.first} and the partners will stay in touch")
    parts = [f"{p.first} turns first to {first_to.name}" if first_to else "", f"updates go out {often[:1].lower() + often[1:]}",
             f"'{_first_sentence(how)}'"]
    return True, COMMUNICATION, "; ".join(x for x in parts if x)


def _crises(p: _Plan) -> tuple[bool, str, str]:
    text = p.plan.crisis_plan
    if not _clean(text):
        return False, CRISIS, (f"not in this plan: ask what {p.first} and the team do when a crisis or a roadblock "
                               f"comes, and whom {p.first} calls first")
    more = _sentences(text) - 1
    return True, CRISIS, (f"the plan's crisis plan says: '{_first_sentence(text)}'"
                          + (f" (and {_count(more, 'more sentence')} on who does what)" if more > 0 else ""))


def _sharing(p: _Plan) -> tuple[bool, str, str]:
    giving = [a for a in p.partners if p.services.get(a.id)]
    total = sum(p.services.get(a.id, 0) for a in p.partners)
    if len(giving) < 2:
        return False, SEQUENCE, (f"only {_count(len(giving), 'partner')} commits services; ask which other partners "
                                 "can share the work and the costs")
    idle = [a for a in p.partners if not p.services.get(a.id)]
    top = max(giving, key=lambda a: p.services[a.id])
    if p.services[top.id] * 2 > total:
        return False, SEQUENCE, (f"{top.name} carries {p.services[top.id]} of the {total} services; ask whether the "
                                 "others can take a fairer share")
    if idle:
        return False, SEQUENCE, (f"{_names([a.name for a in idle])} commit" + ("s" if len(idle) == 1 else "")
                                 + " no service; ask whether " + ("they are" if len(idle) > 1 else "that partner is")
                                 + " on board, and with what")
    payers = [p.who(pid) for pid in p.paying]
    shared = sum(1 for phase in p.plan.sequence for c in phase.commitments if c.coordinated_with)
    return True, SEQUENCE, (f"{total} services spread over {len(giving)} partners, each committing at least one "
                            f"(the most, {p.services[top.id]}, from {top.name}); "
                            + (f"{_names(payers)} pay for something" if len(payers) > 1 else
                               f"only {payers[0]} pays for anything" if payers else "nobody pays for anything")
                            + (f"; {_count(shared, 'service')} shared on purpose between two partners" if shared else ""))


def _customer(p: _Plan) -> tuple[bool, str, str]:
    if p.customer is None:
        return False, ATTENDING, "not in this plan: the customer is not listed as attending; ask for them to lead the team"
    own = [i for i in p.plan.action_items if p.customer.id in i.responsible]
    if not own:
        return False, ACTIONS, (f"{p.customer.name} is responsible for none of the action items; ask what {p.first} "
                                "takes on, so the plan is theirs")
    return True, ACTIONS, (f"{p.customer.name} is responsible for {len(own)} of the "
                           f"{_count(len(p.plan.action_items), 'action item')}, such as '{_clean(own[0].action)}'")


def _momentum(p: _Plan) -> tuple[bool, str, str]:
    f = p.plan.follow_up
    contact = p.plan.attendee(p.plan.communication.point_of_contact)
    if not f.next_meeting and not _clean(f.timeline):
        return False, FOLLOW_UP, ("not in this plan: no next meeting and no rhythm of meetings; ask when the team meets "
                                  "again and who calls the meeting")
    updates = next((i for i in p.plan.action_items if "update" in i.action.lower()), None)
    parts = [f"the team meets again on {day(f.next_meeting)}" if f.next_meeting else "no next date is set",
             f"'{_first_sentence(f.timeline)}'" if _clean(f.timeline) else ""]
    if contact is not None:
        parts.append(f"{contact.name}, the point of contact, keeps the team informed"
                     + (f" (action item: '{_clean(updates.action)}')" if updates else ""))
    return True, FOLLOW_UP, "; ".join(x for x in parts if x)


def _continuation(p: _Plan) -> tuple[bool, str, str]:
    text = p.plan.continuation
    if _clean(text):
        more = _sentences(text) - 1
        return True, CONTINUATION, (f"the plan says what carries on: '{_first_sentence(text)}'"
                                    + (f" (and {_count(more, 'more sentence')})" if more > 0 else ""))
    ending = []
    for a in p.partners:
        program = p.book.program(a.program)
        if program and program.services_stop.after != Stage.long_term and program.name not in ending:
            ending.append(program.name)
    return False, CONTINUATION, (f"not in this plan: ask who stays with {p.first} after "
                                 + (_names(ending) + (" closes its case" if len(ending) == 1 else " close their cases")
                                    if ending else "the programs close their cases"))


def _is_mentor(text: str) -> bool:
    return bool(re.search(r"\bmentor|\badvocate\b|\badvocacy network\b", text.lower()))


def _mentor(p: _Plan) -> tuple[bool, str, str]:
    for a in p.partners:
        program = p.book.program(a.program)
        if _is_mentor(a.role) or (program and _is_mentor(program.partner_role)):
            return True, ATTENDING, f"{p.named(a)} is at the table in that role"
    for phase in p.plan.sequence:
        for c in phase.commitments:
            service = p.book.service_for(p.plan, c.partner, c.service)
            if _is_mentor(c.service.replace("-", " ")) or (service and _is_mentor(service.name)):
                a = p.plan.attendee(c.partner)
                what = service.name if service else c.service
                return True, SEQUENCE, (f"{p.named(a) if a else c.partner} gives '{what[:1].lower() + what[1:]}' "
                                        f"({_clean(phase.phase)})")
    return False, ATTENDING, (f"not in this plan: nobody is named as {p.first}'s advocate or mentor; ask who could "
                              f"speak up for {p.first} or show {p.first} the ropes (a peer advocate, or someone from the trade)")


def _natural(p: _Plan) -> tuple[bool, str, str]:
    people = []
    for a in p.partners:
        program = p.book.program(a.program)
        if "natural support" in a.role.lower() or (program is not None and not program.release_required
                                                   and program.system.value == "advocates_and_natural_supports"
                                                   and not _is_mentor(program.partner_role)):
            people.append(a)
    if not people:
        return False, ATTENDING, (f"not in this plan: no family member or friend is at the table; ask {p.first} who in "
                                  "their own life could back the plan")
    return True, ATTENDING, ("at the table: " + _names([f"{a.name}, {_clean(a.role)}, with "
                                                    f"{_count(p.services.get(a.id, 0), 'service')} in the sequence"
                                                    for a in people]))


_READERS = {"lead": _lead, "roles": _roles, "who_when": _who_when, "communication": _communication, "crises": _crises,
            "sharing": _sharing, "customer": _customer, "momentum": _momentum, "continuation": _continuation,
            "mentor": _mentor, "natural": _natural}


def read_considerations(plan: Plan, book: Casebook) -> list[Reading]:
    """The kit's reading of the considerations checklist on ``plan``, one ``Reading`` per item of
    ``CHECKLIST``, in its order."""
    p = _Plan(plan, book)
    return [Reading(c, *_READERS[c.key](p)) for c in CHECKLIST]


#: The two answers a learner gives, as the panel offers them.
ANSWERS = {"answers": "The plan answers this", "open": "The plan leaves this open"}


@dataclass(frozen=True)
class Comparison:
    reading: Reading
    answer: str | None  # "answers", "open" or None (not marked)

    @property
    def agrees(self) -> bool | None:
        return None if self.answer is None else (self.answer == "answers") == self.reading.answered

    @property
    def mark(self) -> str:
        """The learner's answer against the kit's, in words (never colour alone)."""
        if self.agrees is None:
            return "Not marked yet"
        return "Same as the kit's reading" if self.agrees else "The kit reads this the other way"


def compare(readings: list[Reading], answers: dict[str, str | None]) -> list[Comparison]:
    """Each reading beside the learner's answer (by consideration key)."""
    return [Comparison(r, answers.get(r.consideration.key)) for r in readings]


def summary(comparisons: list[Comparison]) -> str:
    marked = [c for c in comparisons if c.agrees is not None]
    same = sum(bool(c.agrees) for c in marked)
    open_ = sum(not c.reading.answered for c in comparisons)
    text = (f"You read {same} of the {len(comparisons)} considerations the way the kit does"
            + (f"; {len(comparisons) - len(marked)} not marked yet" if len(marked) < len(comparisons) else "") + ". ")
    return text + (f"The kit finds {_count(open_, 'question')} this plan leaves open." if open_ else
                   "The kit finds every question answered somewhere in this plan.")
