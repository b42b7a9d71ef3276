"""Role-play packs for a Community Academy: for each customer eligible in three or more systems, the
customer's card, a card for each partner at the table (its rules, and one flexibility or limit the
others do not know), an observer's checklist (the three things a team agrees on and the training
deck's considerations), and a facilitator's sheet (what a good plan covers, what the checker finds in
a typical first draft, questions for the debrief)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from ..checks.considerations import CHECKLIST
from ..checks.plan_rules import Finding, check_plan, count_findings
from ..checks.team import team_report
from ..documents.build import Bullets, Doc, Heading, Para
from ..inputs.casebook import Casebook
from ..model import Attendee, Commitment, Customer, Phase, Plan, Program
from ..vocab import EligibilityStatus, Stage
from .cards import outcome_words

BOX = "\u2610 "  # a tick box, printed before each item an observer ticks
#: How many of a typical first draft's findings the facilitator's sheet lists.
DRAFT_FINDINGS = 8


def systems_of(customer: Customer, book: Casebook) -> set[str]:
    """The systems (kinds of program) that have found ``customer`` eligible or presume them eligible."""
    return {book.programs[p].system.value for p, status in customer.eligibility.items()
            if p in book.programs and status.counts and book.programs[p].eligibility.determined}


def role_play_customers(book: Casebook, least: int = 3) -> list[Customer]:
    """The customers whose meeting brings ``least`` or more systems to the table, by name."""
    return sorted((c for c in book.customers.values() if len(systems_of(c, book)) >= least),
                  key=lambda c: c.name.casefold())


def table(customer: Customer, book: Casebook) -> list[Program]:
    """The programs at the customer's table: every program that has found them eligible, presumes them
    eligible or has their application, and every program on a worked plan for them."""
    ids = {p for p, s in customer.eligibility.items() if s.counts or s == EligibilityStatus.applied}
    ids |= {a.program for plan in book.plans.values() if plan.customer == customer.id for a in plan.attendees
            if a.program}
    return sorted((book.programs[i] for i in ids if i in book.programs), key=lambda p: p.name.casefold())


def a_role(role: str) -> str:
    """A role inside a sentence: 'Practice manager' -> 'practice manager', 'VR counsellor' stays."""
    return role[0].lower() + role[1:] if role[:2].istitle() else role


def _pick(options: list[str], *seed: str) -> str | None:
    """One of ``options``, the same one every time for the same seed (so a pack printed twice agrees)."""
    if not options:
        return None
    n = int(hashlib.sha256("|".join(seed).encode()).hexdigest()[:8], 16)
    return options[n % len(options)]


def secret(program: Program, customer: Customer) -> str:
    """One flexibility or limit of ``program`` that the other partners do not know."""
    p = program.partnering
    told = _pick([f"You can bend: {f}" for f in (p.flexibility if p else [])]
                 + [f"You cannot: {x}" for x in (p.limits if p else [])], customer.id, program.id)
    if told:
        return told
    stop = program.services_stop
    return f"Your part ends after {stop.after.label}: {stop.note}"


def _status(customer: Customer, program: Program) -> str:
    first = customer.first_name
    status = customer.status_with(program.id)
    if not program.eligibility.determined:
        return f"You need no eligibility decision to help {first}."
    if status is None:
        return f"{first} has not applied to you yet."
    if status == EligibilityStatus.applied:
        within = program.eligibility.decision_within_days
        return f"{first} has applied; you have not decided yet" + (f" (you decide within {within} days)." if within else ".")
    return {EligibilityStatus.eligible: f"You have found {first} eligible.",
            EligibilityStatus.presumed_eligible: f"You presume {first} eligible (a benefit they receive makes it so).",
            }.get(status, f"You found {first} not eligible: you can say what you know, not commit services.")


def customer_card(customer: Customer, book: Casebook) -> Doc:
    first = customer.first_name
    doc = Doc(f"Customer card: {customer.name}")
    doc.add(Para(f"You play {customer.name}, {customer.age}. {customer.story}"))
    goal = customer.proposed_goal
    wants = [f"A plan the whole team backs, toward your goal: {goal.job_title}" + (
        f" at about ${goal.hourly_wage:,.2f} an hour" if goal.hourly_wage else "") + (
        f", {goal.weekly_hours:g} hours a week." if goal.weekly_hours else ".")
             if goal and goal.job_title else "Help choosing a goal you can reach, with the team's backing."]
    wants += [f"Help with {b.type.label}: {b.detail}" for b in customer.barriers]
    doc.add(Heading("What you want from this meeting", 3), Bullets(wants))
    doc.add(Heading("What you bring", 3), Bullets(list(customer.strengths)))
    signed = [book.programs[p].name for p in customer.released_to if p in book.programs]
    doc.add(Heading("You lead the meeting", 3), Para(
        f"The team is {first}'s team: you say what you want, and you decide what is shared. "
        + (f"You have signed releases for: {'; '.join(signed)}. " if signed else "You have signed no release yet. ")
        + "Ask a partner to explain anything you do not follow."))
    return doc


def partner_card(program: Program, customer: Customer, book: Casebook) -> Doc:
    first = customer.first_name
    doc = Doc(f"Partner card: {program.name}")
    doc.add(Para(f"You play the {a_role(program.partner_role)} at {first}'s meeting. Speak for your program's rules; "
                 "if you know a real program like it, use its real rules."))
    rules = [_status(customer, program), program.eligibility.summary,
             " ".join(outcome_words(program.outcome, book.minimum_wage)),
             f"Your services stop: {program.services_stop.note}"]
    doc.add(Heading("Your rules", 3), Bullets(rules))
    helps = [s.name for s in program.services if set(s.addresses) & {b.type for b in customer.barriers}]
    doc.add(Heading(f"What you could offer {first}", 3),
            Bullets(helps) if helps else Para(f"None of your services addresses {first}'s barriers directly."))
    doc.add(Heading("Only you know this (keep it until it matters)", 3), Para(secret(program, customer)))
    return doc


def observer_checklist(customer: Customer) -> Doc:
    first = customer.first_name
    doc = Doc(f"Observer's checklist: {first}'s meeting")
    doc.add(Para("Tick what the team agrees on and note who said it. You do not speak during the role-play."))
    doc.add(Heading("The three things a team agrees on", 3), Bullets([
        BOX + "The employment goal: the job, the pay and the hours, and that it counts for each partner committing",
        BOX + "Lines of communication: a point of contact, whom the customer goes to first, what is shared, "
              "how often updates go out",
        BOX + "The sequence of services: who provides what, in which order, and when"]))
    doc.add(Heading("The considerations checklist", 3), Bullets([BOX + f"{c.label}: {c.question}" for c in CHECKLIST]))
    doc.add(Heading("The customer leads", 3), Bullets([
        BOX + f"{first} opened the meeting or said what they want first",
        BOX + f"Partners asked {first} before they agreed among themselves",
        BOX + "No one shared what the releases do not cover"]))
    return doc


def first_draft(customer: Customer, book: Casebook, when: dt.date) -> Plan:
    """A first draft as a new team writes it: everyone invited, the customer's goal, every partner
    offering all it has for the barriers at once, and no lines of communication or action items yet."""
    programs = table(customer, book)
    barriers = {b.type for b in customer.barriers}
    attendees = [Attendee(id="customer", name=customer.name, role="Customer", customer=True)]
    attendees += [Attendee(id=f"p{i}", name=p.partner_role, role=p.partner_role, program=p.id)
                  for i, p in enumerate(programs, 1)]
    commitments = [Commitment(partner=f"p{i}", service=s.id) for i, p in enumerate(programs, 1)
                   for s in p.services if set(s.addresses) & barriers and s.role is None]  # the everyday services
    return Plan(id="first-draft", customer=customer.id, meeting={"date": when}, attendees=attendees,
                goal=customer.proposed_goal or {}, sequence=[Phase(phase="Now", stage=Stage.preparation,
                                                                   commitments=commitments)])


def _finding(f: Finding) -> str:
    return f"{f.severity.value.upper()} {f.code}: {f.message}"


def facilitator_sheet(customer: Customer, book: Casebook, when: dt.date) -> Doc:
    first = customer.first_name
    programs = table(customer, book)
    report = team_report(book, customer.id, [p.id for p in programs])
    doc = Doc(f"Facilitator's sheet: {first}'s meeting")
    covers = [f"{b.barrier.label}: " + ("; ".join(b.partners) if b.partners else "no partner at this table; "
                                          "ask the room who could help") for b in report.barriers]
    doc.add(Heading("What a good plan covers", 3), Para(" ".join(report.summary())), Bullets(covers))
    rules = [f"{p.name}: " + " ".join(outcome_words(p.outcome, book.minimum_wage)[1:]
                                      or [f"no wage or hours rule; it counts: {p.outcome.summary}"])
             for p in programs if p.outcome]
    if rules:
        doc.add(Para("The goal must count for each partner that commits services:"), Bullets(rules))
    findings = check_plan(first_draft(customer, book, when), book)
    doc.add(Heading("What the checker finds in a typical first draft", 3),
            Para("A first draft with everyone invited, every partner offering all it has at once, and no lines of "
                 f"communication or action items yet: {count_findings(findings)}. The first of them:"),
            Bullets([_finding(f) for f in findings[:DRAFT_FINDINGS]] or ["none"]))
    worked = [p for p in book.plans.values() if p.customer == customer.id]
    for plan in worked:
        doc.add(Para(f"The casebook's worked plan for {first} ({plan.id}) shows one way the team agreed; the checker "
                     f"finds {count_findings(check_plan(plan, book)).lower()} in it."))
    doc.add(Heading("Questions for the debrief", 3), Bullets([
        f"Who spoke most? Did {first} lead, or did the partners agree among themselves?",
        "Which partner's secret changed the plan when it came out, and would it have come out in a simple referral?",
        "Which barrier was left without a partner, and who in this room could take it on?",
        "Does the goal count as an outcome for every partner that committed services? If not, what was negotiated?",
        "What would the point of contact send the team after this meeting, and when?"]))
    return doc


@dataclass(frozen=True)
class Pack:
    customer: Customer
    docs: list[Doc]  # the customer's card, each partner's card, the observer's checklist, the facilitator's sheet


def role_play_pack(customer: Customer, book: Casebook, when: dt.date | None = None) -> Pack:
    when = when or dt.date.today()
    docs = [customer_card(customer, book)]
    docs += [partner_card(p, customer, book) for p in table(customer, book)]
    docs += [observer_checklist(customer), facilitator_sheet(customer, book, when)]
    return Pack(customer, docs)
