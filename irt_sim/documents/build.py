"""The papers an IRT uses, built from a plan in the casebook format: the meeting agenda, the plan
sheet, one case note per agency, and the release-of-information footer.

Each builder returns a ``Doc``: a title and a list of blocks (headings, paragraphs, lists, tables).
The renderers in ``irt_sim.documents.render`` turn a Doc into Markdown, HTML, DOCX or PDF, so the
content is written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks.plan_rules import Finding, check_plan, count_findings
from ..inputs.casebook import Casebook
from ..model import Attendee, Plan


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


Block = Heading | Para | Bullets | Table


@dataclass
class Doc:
    title: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""

    def add(self, *blocks: Block) -> Doc:
        self.blocks.extend(blocks)
        return self


# --- helpers ----------------------------------------------------------------------------------------


def _who(plan: Plan, book: Casebook, attendee_id: str | None) -> str:
    a = plan.attendee(attendee_id)
    return a.name if a else (attendee_id or "not named")


def _program_name(book: Casebook, a: Attendee) -> str:
    program = book.program(a.program)
    return program.name if program else ""


def goal_text(plan: Plan) -> str:
    g = plan.goal
    wage = "" if g.hourly_wage is None else (f"${g.hourly_wage:,.2f}" + (f" to ${g.hourly_wage_max:,.2f}" if g.hourly_wage_max else "")
                                            + " an hour")
    parts = [g.job_title or "job title not agreed", wage or "wage not agreed",
             f"{g.weekly_hours:g} hours a week or more" if g.weekly_hours else "weekly hours not agreed"]
    return ", ".join(parts) + (" (competitive integrated employment)" if g.competitive_integrated else "")


def _due(value) -> str:
    return "ongoing" if value == "ongoing" else (value.isoformat() if value else "no date agreed")


def service_name(book: Casebook, plan: Plan, partner: str, service: str) -> str:
    s = book.service_for(plan, partner, service)
    return s.name if s else service


def release_footer(plan: Plan, book: Casebook) -> str:
    customer = book.customer(plan.customer)
    name = customer.name if customer else "The customer"
    released = [p.name for p in (book.program(pid) for pid in (customer.released_to if customer else [])) if p]
    shared = "; ".join(plan.communication.shared_information) or "the items agreed at the meeting"
    return (f"About sharing this document: {name} has signed a release of information for "
            f"{', '.join(released) or 'no partner yet'}. Those partners may share with each other what this plan "
            f"lists as shared information ({shared}), and only for this plan. Anyone else needs {name}'s "
            f"written permission first. {name} may narrow or withdraw a release at any time by telling the point "
            "of contact.")


def _clean(text: str) -> str:
    """Folded YAML text as one line, without a closing full stop (the caller punctuates)."""
    return " ".join(text.split()).rstrip(".")


def _communication(plan: Plan, book: Casebook) -> list[str]:
    c = plan.communication
    items = [f"Point of contact: {_who(plan, book, c.point_of_contact)}."]
    if c.customer_raises_issues_with:
        items.append(f"The customer turns first to: {_who(plan, book, c.customer_raises_issues_with)}.")
    if c.updates.method or c.updates.frequency:
        items.append(f"Updates: {_clean(c.updates.method or 'method not agreed')}; "
                     f"{_clean(c.updates.frequency or 'how often not agreed')}.")
    if c.shared_information:
        items.append("Information shared: " + "; ".join(_clean(x) for x in c.shared_information) + ".")
    if c.consent:
        items.append(f"Consent: {c.consent}")
    return [" ".join(i.split()) for i in items]


def _action_rows(plan: Plan, book: Casebook) -> list[list[str]]:
    return [[a.action, ", ".join(_who(plan, book, r) for r in a.responsible) or "nobody named", _due(a.due)]
            for a in plan.action_items]


def _findings_blocks(findings: list[Finding]) -> list[Block]:
    if not findings:
        return []
    return [Heading("Open questions for this meeting", 2),
            Para(f"The plan checker found {count_findings(findings)}. "
                 "Settle these at the meeting; the rest of this sheet shows the plan as it stands."),
            Bullets([f"{f.severity.value.upper()} {f.code} ({f.section_title}"
                     + (f", {f.item}" if f.item else "") + f"): {f.message}" for f in findings])]


# --- the documents ------------------------------------------------------------------------------------


def agenda(plan: Plan, book: Casebook) -> Doc:
    customer = book.customer(plan.customer)
    name = customer.name if customer else plan.customer
    m = plan.meeting
    doc = Doc(f"IRT meeting agenda: {name}", footer=release_footer(plan, book))
    doc.add(Para(f"Meeting on {m.date.strftime('%A %d %B %Y')}, {m.format.replace('_', ' ')}"
                 + (f", {m.place}" if m.place else "") + f". {name} leads the team; partners support."),
            Table("Who is invited", ["Name", "Role", "Program"],
                  [[a.name, a.role, _program_name(book, a)] for a in plan.attendees]),
            Heading("Agenda", 2),
            Bullets(["Introductions, the purpose of the meeting, and any concerns.",
                     "Item 1, a common employment goal: " + (
                         f"{name}'s proposed goal is {customer.proposed_goal.job_title}. " if customer and customer.proposed_goal
                         and customer.proposed_goal.job_title else "") + "Each partner says what its program counts as an "
                     "employment outcome, and the team agrees a goal that counts for all of them.",
                     "Item 2, lines of communication: what information will be shared, how and how often partners "
                     "are updated, and who the point of contact is.",
                     "Item 3, a sequence of services: which services are needed at each point, the milestone each "
                     "leads to, and when each program's services stop.",
                     "Action items, the next meeting, and what happens if a crisis comes."]),
            Heading("Facilitator's checklist", 2),
            Bullets(["What people, supports and resources does the customer need to reach the goal?",
                     "Are the right partners at the table, natural supports and an advocate included?",
                     "Which agency is best placed to coordinate, and what role will each member play?",
                     "Who is responsible for what, and by when?",
                     "How and when will the team talk with the customer, and with one another?",
                     "Is there a plan for crises or roadblocks?",
                     "Are time and money shared fairly, and does everyone, the customer first, agree?",
                     "Who keeps the plan moving?",
                     "What continues when a program's services end?"]))
    return doc


def plan_sheet(plan: Plan, book: Casebook, findings: list[Finding] | None = None) -> Doc:
    customer = book.customer(plan.customer)
    name = customer.name if customer else plan.customer
    findings = check_plan(plan, book) if findings is None else findings
    doc = Doc(f"IRT plan: {name}", footer=release_footer(plan, book))
    doc.add(Para(f"Agreed at the team meeting on {plan.meeting.date.isoformat()}."), *_findings_blocks(findings))
    doc.add(Table("Attending", ["Name", "Title or role"], [[a.name, a.role] for a in plan.attendees]),
            Heading("1. Employment goal", 2), Para(goal_text(plan)),
            Heading("2. Lines of communication", 2), Bullets(_communication(plan, book)),
            Heading("3. Sequence of services", 2))
    for phase in plan.sequence:
        doc.add(Heading(phase.phase, 3),
                Bullets([f"{_who(plan, book, c.partner)}: {service_name(book, plan, c.partner, c.service)}"
                         + (f" ({_clean(c.detail)})" if c.detail else "")
                         + (f". Milestone: {_clean(c.milestone)}." if c.milestone else ".") for c in phase.commitments]
                        or ["No services agreed for this phase."]))
    doc.add(Table("Action items", ["Action", "Responsible", "Due date"], _action_rows(plan, book)),
            Heading("Next meeting and follow-up", 2),
            Para(" ".join(filter(None, [
                f"Next meeting: {plan.follow_up.next_meeting.isoformat()}." if plan.follow_up.next_meeting else
                "No next meeting set.", plan.follow_up.timeline]))))
    if plan.crisis_plan:
        doc.add(Heading("If a crisis or roadblock comes", 2), Para(" ".join(plan.crisis_plan.split())))
    if plan.continuation:
        doc.add(Heading("After programs exit", 2), Para(" ".join(plan.continuation.split())))
    return doc


def agency_note(plan: Plan, book: Casebook, attendee_id: str) -> Doc:
    """A case note for one partner's own records: what it committed to, what the others did, the
    shared goal, and the point of contact and update schedule. Ready to paste into its system."""
    me = plan.attendee(attendee_id)
    if me is None or not me.program:
        raise ValueError(f"'{attendee_id}' is not a partner representing a program on this team")
    program = book.program(me.program)
    customer = book.customer(plan.customer)
    name = customer.name if customer else plan.customer
    mine, others = [], []
    for phase in plan.sequence:
        for c in phase.commitments:
            line = (f"{phase.phase}: {service_name(book, plan, c.partner, c.service)}"
                    + (f" ({_clean(c.detail)})" if c.detail else "")
                    + (f"; milestone: {_clean(c.milestone)}" if c.milestone else ""))
            a = plan.attendee(c.partner)
            if a and a.program == me.program:
                mine.append(line)
            else:
                others.append(f"{a.name if a else c.partner} ({a.role if a else 'not at the meeting'}): {line}")
    my_actions = [f"{a.action} (due {_due(a.due)})" for a in plan.action_items
                  if any((p := plan.attendee(r)) and p.program == me.program for r in a.responsible)]
    doc = Doc(f"Case note for {program.name if program else me.program}: IRT meeting for {name}",
              footer=release_footer(plan, book))
    doc.add(Para(f"{plan.meeting.date.isoformat()}: {me.name} ({me.role}) took part in an Integrated Resource Team "
                 f"meeting led by {name}. The team agreed a common employment goal, lines of communication and a "
                 "sequence of services; each partner serves under its own program's rules."),
            Heading("Shared employment goal", 2), Para(goal_text(plan)),
            Heading(f"What {program.name if program else me.program} committed to", 2),
            Bullets(mine + [f"Action: {x}" for x in my_actions] or ["No service or action for this program."]),
            Heading("Partner involvement", 2), Bullets(others or ["No other partner committed services."]),
            Heading("Point of contact and updates", 2), Bullets(_communication(plan, book)))
    if plan.follow_up.next_meeting:
        doc.add(Para(f"Next team meeting: {plan.follow_up.next_meeting.isoformat()}."))
    return doc


def partner_ids(plan: Plan, book: Casebook) -> list[str]:
    """One attendee per agency on the team (the first one listed), for per-agency notes. Family and
    friends (programs that need no release) keep no case records, so they get no note."""
    seen, out = set(), []
    for a in plan.attendees:
        program = book.program(a.program)
        if program and program.release_required and a.program not in seen:
            seen.add(a.program)
            out.append(a.id)
    return out
